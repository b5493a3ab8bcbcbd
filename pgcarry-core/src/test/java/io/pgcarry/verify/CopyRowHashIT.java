package io.pgcarry.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.Sessions;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The client-side row hash must be the server's, bit for bit: {@link TextHash} against {@code hashtext} for every
 * tail length and for random bytes, and {@link CopyRowHash} against {@code hashtext(ROW(...)::text)} for every row
 * of the type zoo and of values chosen to need quoting and COPY escapes, on PostgreSQL 13 and 17.
 */
class CopyRowHashIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    @Test
    void textHashIsTheServersHashtextForEveryLengthAndRandomText() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Random random = new Random(42);
            List<String> texts = new ArrayList<>();
            for (int length = 0; length <= 40; length++) {
                texts.add("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ".substring(0, length));
            }
            for (int i = 0; i < 300; i++) {
                StringBuilder s = new StringBuilder();
                int length = random.nextInt(120);
                for (int j = 0; j < length; j++) {
                    // ASCII, Latin, Greek, CJK and an emoji: one to four UTF-8 bytes per character.
                    int[] pool = {'a', '~', ' ', 0xe9, 0x3b1, 0x4e2d, 0x1f600};
                    int base = pool[random.nextInt(pool.length)];
                    s.appendCodePoint(base < 0x80 ? 0x20 + random.nextInt(0x5f) : base + random.nextInt(8));
                }
                texts.add(s.toString());
            }
            try (Connection c = pg.connect(); PreparedStatement st = c.prepareStatement("SELECT hashtext(?)")) {
                for (String text : texts) {
                    st.setString(1, text);
                    try (ResultSet rs = st.executeQuery()) {
                        rs.next();
                        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                        assertThat(TextHash.of(bytes, 0, bytes.length)).as("PG %s, hashtext of '%s'", (pg == pg13 ? 13 : 17), text)
                                .isEqualTo(rs.getInt(1));
                    }
                }
            }
        }
    }

    @Test
    void copyRowHashIsTheServersRowHashForTheTypeZooAndTrickyText() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            try (Connection c = Sessions.prepare(pg.connect()); Statement s = c.createStatement()) {
                s.execute(resource("/io/pgcarry/move/zoo-schema.sql"));
                s.execute(resource("/io/pgcarry/move/zoo-data.sql"));
                s.execute("""
                        CREATE TABLE tricky (id int PRIMARY KEY, a text, b varchar(20), c char(6), d text[], e bytea, f jsonb);
                        INSERT INTO tricky VALUES
                          (1, '', NULL, '', '{}', '', '{}'),
                          (2, ' ', 'x y', 'a', '{"a b", NULL, "", "q\\"uote"}', '\\x00ff5c', '{"k": "v (1), \\"2\\""}'),
                          (3, E'tab\\there', E'new\\nline', E'cr\\r', ARRAY[E'back\\\\slash', 'c,d', '(p)'], '\\x5c4e', '[1, 2.50, null]'),
                          (4, E'\\\\N', 'N', '\\N', NULL, NULL, NULL),
                          (5, E'vt\\x0bff\\x0cbs\\x08', 'quote"s', '"', '{""}', '\\x', '"just text"'),
                          (6, 'Grüße, 世界 😀', '(', ')', '{é,ü}', '\\x0d0a09', '{"ñ": [true, false]}'),
                          (7, repeat('long value ', 50), repeat('z', 20), 'abcdef', NULL, decode(repeat('ab', 300), 'hex'), NULL);
                        CREATE TABLE nothing ();
                        INSERT INTO nothing DEFAULT VALUES;
                        """);
                List<String> tables = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("SELECT format('%I', relname) FROM pg_class WHERE relkind = 'r' AND relnamespace = "
                        + "'public'::regnamespace ORDER BY 1")) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
                assertThat(tables).contains("\"Animal\"", "tricky", "nothing");
                long rowsCompared = 0;
                for (String table : tables) {
                    rowsCompared += compareRows(c, table);
                }
                assertThat(rowsCompared).as("rows compared on PG %s", (pg == pg13 ? 13 : 17)).isGreaterThan(20);
            }
        }
    }

    /** Copies every row with the server's hash as a last column and checks the client's hash of the rest. */
    private static long compareRows(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname FROM pg_attribute WHERE attrelid = '"
                + table.replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        ContentHash hash = ContentHash.ofColumns(columns);
        String list = String.join(", ", hash.source());
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + list + (columns.isEmpty() ? "" : ", ")
                + hash.rowHash(true) + " FROM " + table + ") TO STDOUT");
        CopyRowHash client = new CopyRowHash();
        long rows = 0;
        byte[] row;
        while ((row = out.readFromCopy()) != null) {
            int tab = row.length - 1;
            while (tab > 0 && row[tab - 1] != '\t') {
                tab--;
            }
            int server = Integer.parseInt(new String(row, tab, row.length - 1 - tab, StandardCharsets.UTF_8));
            assertThat(client.hash(row, row.length, columns.size())).as("%s row %s", table, new String(row, StandardCharsets.UTF_8))
                    .isEqualTo(server);
            rows++;
        }
        return rows;
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = CopyRowHashIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
