package io.pgcarry.backup;

import io.pgcarry.connect.Sessions;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.error.Setting;
import io.pgcarry.largeobject.LargeObject;
import io.pgcarry.largeobject.LargeObjectComparison;
import io.pgcarry.largeobject.LargeObjectContent;
import io.pgcarry.largeobject.LargeObjectValidation;
import io.pgcarry.largeobject.LargeObjects;
import io.pgcarry.parallel.TaskGraph;
import io.pgcarry.report.Counts;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The large objects of an archive brought back: created with their OIDs, their content streamed from their files piece
 * by piece, their comment (and, in an archive taken with privileges, owner and grants) set, in groups of up to
 * {@link #GROUP} per transaction over the workers; then each compared with the manifest by its content hash, computed
 * on the target.
 */
final class LargeObjectRestore {
    private static final int GROUP = 100;

    private LargeObjectRestore() {
    }

    /**
     * Before anything is written: the statements that remove the archive's objects the target holds ({@code --clean}),
     * or a refusal when the target holds any large object without {@code --clean} (it is not empty).
     */
    static List<String> prepare(Connection target, Manifest manifest, boolean clean) throws SQLException {
        if (manifest.largeObjects().isEmpty()) {
            return List.of();
        }
        if (!clean) {
            long present = LargeObjects.count(target);
            if (present > 0) {
                throw new ConfigurationException("the target database is not empty: it holds " + Counts.of(present, "large object")
                        + "; restore into an empty database, or add " + Setting.CLEAN.mention() + " to remove the archive's objects first");
            }
            return List.of();
        }
        List<String> unlink = new ArrayList<>();
        for (long oid : LargeObjects.existing(target, manifest.largeObjects().stream().map(Manifest.LargeObjectFile::oid).toList())) {
            unlink.add("SELECT pg_catalog.lo_unlink(" + oid + ")");
        }
        return unlink;
    }

    /** Creates every object of the archive with {@code jobs} workers on sessions from {@code targets}. */
    static void load(Archive archive, Manifest manifest, int jobs, Supplier<Connection> targets) {
        List<List<Manifest.LargeObjectFile>> groups = new ArrayList<>();
        List<Manifest.LargeObjectFile> all = manifest.largeObjects();
        for (int i = 0; i < all.size(); i += GROUP) {
            groups.add(all.subList(i, Math.min(all.size(), i + GROUP)));
        }
        TaskGraph.forEach("restoring large objects", jobs, groups, targets, (target, group) -> load(archive, target, group));
    }

    private static void load(Archive archive, Connection target, List<Manifest.LargeObjectFile> group) throws SQLException {
        target.setAutoCommit(false);
        try {
            for (Manifest.LargeObjectFile object : group) {
                try (InputStream content = Compression.ofFile(object.file()).decompress(archive.open(object.file()))) {
                    LargeObjectContent.load(content, target, object.object());
                } catch (IOException e) {
                    throw new PgCarryException(ErrorCode.IO, "cannot read " + object.file() + " of " + archive.location() + ": "
                            + e.getMessage(), e);
                }
            }
            target.commit();
        } catch (SQLException | RuntimeException e) {
            Sessions.rollbackAfterFailure(target);
            throw e;
        } finally {
            if (!target.isClosed()) {
                target.setAutoCommit(true);
            }
        }
    }

    /** The archive's objects compared with the target's, by content hash (and owner and grants, when archived). */
    static LargeObjectValidation validate(Connection target, Manifest manifest) throws SQLException {
        List<LargeObject> objects = new ArrayList<>();
        Map<Long, String> hashes = new HashMap<>();
        for (Manifest.LargeObjectFile object : manifest.largeObjects()) {
            objects.add(object.object());
            hashes.put(object.oid(), object.contentHash());
        }
        LargeObjectComparison.Side archived = new LargeObjectComparison.Side(objects, hashes);
        LargeObjectComparison.Side restored = LargeObjectComparison.Side.read(target, true, "the target", hashes.keySet());
        return LargeObjectComparison.compare(archived, restored, true, manifest.withPrivileges(), false, 10);
    }
}
