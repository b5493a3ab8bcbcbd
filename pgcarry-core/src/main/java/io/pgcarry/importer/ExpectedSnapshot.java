package io.pgcarry.importer;

import com.fasterxml.jackson.databind.JsonNode;
import io.pgcarry.error.ConfigurationException;
import io.pgcarry.error.Setting;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The snapshot a dry run's {@code --report} recorded, held against the files an apply reads. */
final class ExpectedSnapshot {
    private ExpectedSnapshot() {
    }

    static void check(Path report, List<FileSnapshot> actual) {
        Map<String, String> expected = read(report);
        for (FileSnapshot f : actual) {
            String sha = expected.remove(f.collection() + " " + f.file());
            if (sha == null) {
                throw new SnapshotMismatchException("input " + f.file() + " of collection " + f.collection() + " is not in the snapshot "
                        + report + "; nothing was written: run the dry run again");
            }
            if (!sha.equals(f.sha256())) {
                throw new SnapshotMismatchException("input " + f.file() + " of collection " + f.collection() + " changed since the snapshot "
                        + report + " (SHA-256 " + f.sha256() + ", expected " + sha + "); nothing was written: run the dry run again");
            }
        }
        if (!expected.isEmpty()) {
            throw new SnapshotMismatchException("input " + expected.keySet().iterator().next() + " of the snapshot " + report
                    + " is gone; nothing was written: run the dry run again");
        }
    }

    private static Map<String, String> read(Path report) {
        JsonNode root;
        try {
            root = RecordSource.JSON.readTree(report.toFile());
        } catch (IOException e) {
            throw new ConfigurationException("cannot read snapshot " + report + " given with " + Setting.EXPECT_SNAPSHOT.mention()
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        JsonNode files = root.path("snapshot");
        if (!files.isArray()) {
            throw new ConfigurationException("snapshot " + report + " has no snapshot list; give the --report file of a dry run");
        }
        Map<String, String> result = new HashMap<>();
        files.forEach(f -> result.put(f.path("collection").asText() + " " + f.path("file").asText(), f.path("sha256").asText()));
        return result;
    }
}
