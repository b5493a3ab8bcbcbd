package io.pgcarry.hash;

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
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Row hashes carried through COPY: for every row of the type zoo and of values chosen to need quoting and COPY
 * escapes, on PostgreSQL 13 and 17, {@link CopyStreamHash} cuts the appended hash column off so exactly that the rows
 * are the bytes of a plain COPY, in text and binary, and sums the hashes to the server's own aggregate, both when the
 * server hashes every column and when the client hashes its share ({@link FieldHash}) from the fields; and the
 * content hash of the same rows is the same on both versions. {@link TextHash} (the row-text hash of format 1
 * archives) must be the server's {@code hashtext}, bit for bit.
 */
class RowHashIT {
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
    void trailingHashesCutToPlainCopyAndSumToTheServersHashOnBothVersions() throws Exception {
        Map<String, Map<String, Long>> sumsByVersion = new TreeMap<>();
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            String version = pg == pg13 ? "PG 13" : "PG 17";
            try (Connection c = Sessions.prepare(pg.connect()); Statement s = c.createStatement()) {
                s.execute(resource("/io/pgcarry/move/zoo-schema.sql"));
                s.execute(resource("/io/pgcarry/move/zoo-data.sql"));
                s.execute("""
                        CREATE TABLE tricky (id int PRIMARY KEY, a text, b varchar(20), c char(6), d text[], e bytea, f jsonb,
                                             g uuid, h timestamptz, i timestamp(3), j boolean, k smallint, l bigint, m oid);
                        INSERT INTO tricky VALUES
                          (1, '', NULL, '', '{}', '', '{}', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                          (2, ' ', 'x y', 'a', '{"a b", NULL, "", "q\\"uote"}', '\\x00ff5c', '{"k": "v (1), \\"2\\""}',
                           'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'infinity', '-infinity', true, -32768, -9223372036854775808, 0),
                          (3, E'tab\\there', E'new\\nline', E'cr\\r', ARRAY[E'back\\\\slash', 'c,d', '(p)'], '\\x5c4e', '[1, 2.50, null]',
                           '00000000-0000-0000-0000-000000000000', '2024-02-29 23:59:59.999999+05:30', '1999-12-31 23:59:59.123', false,
                           32767, 9223372036854775807, 4294967295),
                          (4, E'\\\\N', 'N', '\\N', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, NULL),
                          (5, E'vt\\x0bff\\x0cbs\\x08', 'quote"s', '"', '{""}', '\\x', '"just text"', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                          (6, 'Grüße, 世界 😀', '(', ')', '{é,ü}', '\\x0d0a09', '{"ñ": [true, false]}', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
                          (7, repeat('long value ', 50), repeat('z', 20), 'abcdef', NULL, decode(repeat('ab', 300), 'hex'), NULL,
                           NULL, NULL, NULL, NULL, NULL, NULL, NULL);
                        CREATE TABLE edges (id int PRIMARY KEY, i integer, s smallint, b bigint, c char(5), v varchar, j json,
                                            u uuid, t timestamp, z timestamptz(0), f boolean);
                        INSERT INTO edges VALUES
                          (1, -2147483648, -1, -2147483649, E'a\\t  ', E'\\\\', '{"a":1,  "b" : [1.0]}', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11',
                           '4713-11-24 00:00:00 BC', '294276-12-31 23:59:59+00', true),
                          (2, 2147483647, 1, 2147483648, '     ', '', '"\\u00e9\\n"', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
                           '2000-01-01 00:00:00', '1970-01-01 00:00:00+00', false),
                          (3, -1, 0, -1, E' \\\\ ', E'tab\\t', 'null', '{12345678-1234-5678-1234-567812345678}', '-infinity', 'infinity', NULL),
                          (4, 0, NULL, 4294967296, 'x', NULL, '[]', NULL, '2024-02-29 12:00:00.05', '0044-03-15 12:00:00+00 BC', NULL);
                        CREATE TABLE nothing ();
                        INSERT INTO nothing DEFAULT VALUES;
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
                Map<String, Long> sums = new TreeMap<>();
                long rowsCompared = 0;
                int clientColumns = 0;
                for (String table : tables) {
                    ContentHash hash = hashOf(c, table);
                    long[] server = serverTotals(c, hash, table);
                    for (boolean binary : new boolean[] {false, true}) {
                        if (binary && hash.names().isEmpty()) {
                            continue;
                        }
                        String format = binary ? "binary" : "text";
                        long sum = compareCopies(c, hash.rowHash(true), new CopyStreamHash(binary), hash, table, binary, version);
                        assertThat(sum).as("%s: %s summed from its %s COPY", version, table, format).isEqualTo(server[1]);
                        ContentHash.CopyHash split = hash.copyHash(binary);
                        long shared = compareCopies(c, split.rowHash(), split.hasher(), hash, table, binary, version);
                        assertThat(shared).as("%s: %s summed from its %s COPY, %d columns hashed by the client", version, table,
                                format, split.byClient().size()).isEqualTo(server[1]);
                        clientColumns += split.byClient().size();
                    }
                    sums.put(table, server[1]);
                    rowsCompared += server[0];
                }
                assertThat(rowsCompared).as("rows compared on %s", version).isGreaterThan(20);
                assertThat(clientColumns).as("columns the client hashed on %s", version).isGreaterThan(40);
                assertThat(sums.get("nothing")).as("a table without columns still counts its rows").isNotNull();
                sumsByVersion.put(version, sums);
            }
        }
        assertThat(sumsByVersion.get("PG 17")).as("content hashes of the same rows on PostgreSQL 13 and 17")
                .isEqualTo(sumsByVersion.get("PG 13"));
    }

    private static ContentHash hashOf(Connection c, String table) throws Exception {
        List<String> columns = new ArrayList<>();
        List<String> types = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT attname, format_type(atttypid, atttypmod) "
                + "FROM pg_attribute WHERE attrelid = '" + table.replace("'", "''") + "'::regclass AND attnum > 0 AND NOT attisdropped "
                + "ORDER BY attnum")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
                types.add(rs.getString(2));
            }
        }
        return ContentHash.ofColumns(columns, types);
    }

    private static long[] serverTotals(Connection c, ContentHash hash, String table) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(hash.aggregateSql(true, table, null))) {
            rs.next();
            return new long[] {rs.getLong(1), ContentHash.sum(rs.getString(2))};
        }
    }

    /**
     * Copies the table with {@code rowHash} as a last column (none when null), sums its rows' hashes with
     * {@code hashes}, and checks that what it passes on is the bytes of a plain COPY.
     */
    private static long compareCopies(Connection c, String rowHash, CopyStreamHash hashes, ContentHash hash, String table, boolean binary,
                                      String version) throws Exception {
        String list = String.join(", ", hash.source());
        String format = binary ? " (FORMAT binary)" : "";
        String order = list.isEmpty() ? "" : " ORDER BY 1";
        byte[] plain = copyAll(c, "COPY (SELECT " + list + " FROM " + table + order + ") TO STDOUT" + format, null);
        String appended = rowHash == null ? "" : (list.isEmpty() ? "" : ", ") + rowHash;
        byte[] cut = copyAll(c, "COPY (SELECT " + list + appended + " FROM " + table + order + ") TO STDOUT" + format, hashes);
        assertThat(cut).as("%s: %s %s COPY with the hash cut off", version, table, binary ? "binary" : "text").isEqualTo(plain);
        return hashes.sum();
    }

    private static byte[] copyAll(Connection c, String sql, CopyStreamHash hashes) throws Exception {
        CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] message;
        while ((message = out.readFromCopy()) != null) {
            all.write(message, 0, hashes == null ? message.length : hashes.cut(message));
        }
        return all.toByteArray();
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = RowHashIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
