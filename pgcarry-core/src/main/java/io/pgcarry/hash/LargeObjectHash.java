package io.pgcarry.hash;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The content hash of a large object: its size, and a SHA-256 over the SHA-256 of each of its pieces of {@link #PIECE}
 * bytes in order. A server computes the pieces' hashes itself ({@code sha256(lo_get(oid, offset, PIECE))}), so only
 * 32 bytes a piece cross the network and no piece is ever held whole by anyone but the server; pgcarry computes the
 * same from bytes it streams (an archive's file). Two objects hash alike when their bytes are equal, whatever their
 * server's version.
 */
public final class LargeObjectHash {
    /** The piece in which a large object is read, written and hashed: 1 MB. */
    public static final int PIECE = 1 << 20;

    private static final String FIRST_PIECES = """
            SELECT m.oid::int8, pg_catalog.length(p.piece), pg_catalog.sha256(p.piece)
              FROM pg_catalog.pg_largeobject_metadata m,
                   LATERAL (SELECT pg_catalog.lo_get(m.oid, 0, ?) AS piece OFFSET 0) p
             %s
             ORDER BY m.oid""";
    private static final String PIECE_SQL = """
            SELECT pg_catalog.length(p.piece), pg_catalog.sha256(p.piece)
              FROM (SELECT pg_catalog.lo_get(?::oid, ?, ?) AS piece OFFSET 0) p""";

    private final MessageDigest pieces = sha256();
    private long size;

    /** Adds the next piece, given as its bytes; every piece but the last is {@link #PIECE} bytes long. */
    public void add(byte[] bytes, int length) {
        if (length == 0) {
            return;
        }
        MessageDigest piece = sha256();
        piece.update(bytes, 0, length);
        addDigest(piece.digest(), length);
    }

    /** Adds the next piece, given as its length and SHA-256; an empty piece (an empty object's) adds nothing. */
    public void addDigest(byte[] sha256, long length) {
        if (length == 0) {
            return;
        }
        pieces.update(sha256);
        size += length;
    }

    /** {@code size:hex}, the value manifests and reports show; ends this hash. */
    public String value() {
        return size + ":" + HexFormat.of().formatHex(pieces.digest());
    }

    /**
     * The content hash of large objects on {@code c}, by OID, in the connection's snapshot: the first piece of each in
     * one query, further pieces one query each (only objects over {@link #PIECE} bytes have them).
     *
     * @param only the OIDs to hash, or null for every large object; those that do not exist are left out
     */
    public static Map<Long, String> onServer(Connection c, Collection<Long> only) throws SQLException {
        Map<Long, String> values = new LinkedHashMap<>();
        Map<Long, LargeObjectHash> longer = new LinkedHashMap<>();
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement s = c.prepareStatement(only == null ? FIRST_PIECES.formatted("")
                    : FIRST_PIECES.formatted("WHERE m.oid = ANY (?::oid[])"))) {
                s.setInt(1, PIECE);
                if (only != null) {
                    s.setArray(2, c.createArrayOf("int8", only.toArray()));
                }
                s.setFetchSize(1000);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        LargeObjectHash hash = new LargeObjectHash();
                        int length = rs.getInt(2);
                        hash.addDigest(rs.getBytes(3), length);
                        values.put(rs.getLong(1), length < PIECE ? hash.value() : null);
                        if (length == PIECE) {
                            longer.put(rs.getLong(1), hash);
                        }
                    }
                }
            }
            for (Map.Entry<Long, LargeObjectHash> entry : longer.entrySet()) {
                values.put(entry.getKey(), rest(c, entry.getKey(), entry.getValue()));
            }
            return values;
        } finally {
            if (autoCommit) {
                endRead(c);
            }
        }
    }

    /** Ends the read transaction this class opened on a connection that was in autocommit; nothing was written. */
    private static void endRead(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // The failure being reported, if any, is the one that counts; a broken connection is closed by its owner.
        }
    }

    /** Adds the pieces after the first, up to the first shorter than {@link #PIECE}. */
    private static String rest(Connection c, long oid, LargeObjectHash hash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PIECE_SQL)) {
            for (long offset = PIECE; ; offset += PIECE) {
                s.setLong(1, oid);
                s.setLong(2, offset);
                s.setInt(3, PIECE);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int length = rs.getInt(1);
                    if (length > 0) {
                        hash.addDigest(rs.getBytes(2), length);
                    }
                    if (length < PIECE) {
                        return hash.value();
                    }
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
