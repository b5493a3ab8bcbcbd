package io.pgcarry.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary COPY messages of a value's slices, as PostgreSQL sends them, and the WHERE clause of a copy. */
class SliceReaderTest {
    @Test
    void findsEachSliceInPlaceAfterTheHeaderAndStopsAtTheTrailer() throws IOException {
        SliceReader reader = new SliceReader();
        byte[] first = message(true, 1, new byte[] {'a', '\t', 'b'});
        assertThat(reader.read(first)).isTrue();
        assertThat(reader.isNull()).isFalse();
        assertThat(new String(first, reader.start(), reader.length())).isEqualTo("a\tb");

        byte[] second = message(false, 1, new byte[] {'c'});
        assertThat(reader.read(second)).isTrue();
        assertThat(second[reader.start()]).isEqualTo((byte) 'c');
        assertThat(reader.read(message(false, -1, null))).isFalse();
    }

    @Test
    void aNullValueIsOneNullSliceAndAnEmptyOneAnEmptySlice() throws IOException {
        SliceReader nulls = new SliceReader();
        assertThat(nulls.read(message(true, 1, null))).isTrue();
        assertThat(nulls.isNull()).isTrue();

        SliceReader empty = new SliceReader();
        assertThat(empty.read(message(true, 1, new byte[0]))).isTrue();
        assertThat(empty.isNull()).isFalse();
        assertThat(empty.length()).isZero();
    }

    @Test
    void moreThanOneFieldIsRefused() throws IOException {
        assertThatThrownBy(() -> new SliceReader().read(message(true, 2, new byte[] {1}))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theCopyKeepsItsWhereClauseUnlessRowsAreLeftOut() {
        OversizedRows none = new OversizedRows("x > 1", List.of());
        assertThat(none.mainWhere(null)).isNull();
        assertThat(none.mainWhere("\"id\" < 5")).isEqualTo("\"id\" < 5");

        OversizedRows some = new OversizedRows("x > 1", List.of(new OversizedRows.RowId(16384, "(0,3)")));
        assertThat(some.mainWhere(null)).isEqualTo("NOT (x > 1)");
        assertThat(some.mainWhere("\"id\" < 5")).isEqualTo("\"id\" < 5 AND NOT (x > 1)");
        assertThat(some.rows().get(0).sql()).isEqualTo("tableoid = 16384::oid AND ctid = '(0,3)'::tid");
        assertThatThrownBy(() -> new OversizedRows.RowId(1, "(0,1)' OR true --")).isInstanceOf(IllegalArgumentException.class);
    }

    /** One message: the header if first, then a tuple of {@code fields} fields (-1: the trailer), each {@code value}. */
    private static byte[] message(boolean first, int fields, byte[] value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        if (first) {
            out.write("PGCOPY\n\377\r\n\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.writeInt(0);
            out.writeInt(0);
        }
        out.writeShort(fields);
        for (int i = 0; i < fields; i++) {
            out.writeInt(value == null ? -1 : value.length);
            if (value != null) {
                out.write(value);
            }
        }
        return bytes.toByteArray();
    }
}
