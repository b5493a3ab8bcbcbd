package io.pgcarry.largeobject;

import io.pgcarry.hash.LargeObjectHash;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A large object's content read and written in pieces of {@link LargeObjectHash#PIECE} bytes, through SQL functions any
 * role may call on objects it has the privileges of ({@code lo_get}, {@code lo_create}, {@code lo_put}; never the
 * server-side {@code lo_import}/{@code lo_export}, which are a superuser's): memory holds one piece, whatever the
 * object's size. Writes run in the caller's transaction.
 */
public final class LargeObjectContent {
    private LargeObjectContent() {
    }

    /** The piece of {@code oid} at {@code offset}: shorter than a whole piece at the end, empty past it. */
    public static byte[] read(Connection source, long oid, long offset) throws SQLException {
        try (PreparedStatement s = source.prepareStatement("SELECT pg_catalog.lo_get(?::oid, ?, ?)")) {
            s.setLong(1, oid);
            s.setLong(2, offset);
            s.setInt(3, LargeObjectHash.PIECE);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    /**
     * Copies an object whole in the target's current transaction: created with its OID, its content piece by piece,
     * then its comment, owner and grants as {@code object} has them. Returns its hash (of the bytes as they passed).
     */
    public static String copy(Connection source, Connection target, LargeObject object) throws SQLException {
        create(target, object.oid());
        LargeObjectHash hash = new LargeObjectHash();
        long offset = 0;
        byte[] piece;
        do {
            piece = read(source, object.oid(), offset);
            write(target, object.oid(), offset, piece, piece.length);
            hash.add(piece, piece.length);
            offset += piece.length;
        } while (piece.length == LargeObjectHash.PIECE);
        describe(target, object);
        return hash.value();
    }

    /** As {@link #copy}, from a stream holding the content (an archive's file); returns the hash of what it read. */
    public static String load(InputStream content, Connection target, LargeObject object) throws SQLException, IOException {
        create(target, object.oid());
        LargeObjectHash hash = new LargeObjectHash();
        byte[] piece = new byte[LargeObjectHash.PIECE];
        long offset = 0;
        int length;
        do {
            length = content.readNBytes(piece, 0, piece.length);
            write(target, object.oid(), offset, piece, length);
            hash.add(piece, length);
            offset += length;
        } while (length == piece.length);
        describe(target, object);
        return hash.value();
    }

    private static void create(Connection target, long oid) throws SQLException {
        try (PreparedStatement s = target.prepareStatement("SELECT pg_catalog.lo_create(?::oid)")) {
            s.setLong(1, oid);
            s.execute();
        }
    }

    private static void write(Connection target, long oid, long offset, byte[] piece, int length) throws SQLException {
        if (length == 0) {
            return;
        }
        try (PreparedStatement s = target.prepareStatement("SELECT pg_catalog.lo_put(?::oid, ?, ?)")) {
            s.setLong(1, oid);
            s.setLong(2, offset);
            s.setBytes(3, length == piece.length ? piece : Arrays.copyOf(piece, length));
            s.execute();
        }
    }

    /** Sets the comment, owner and grants of a created object. */
    public static void describe(Connection target, LargeObject object) throws SQLException {
        try (Statement s = target.createStatement()) {
            for (String sql : object.statements()) {
                s.execute(sql);
            }
        }
    }
}
