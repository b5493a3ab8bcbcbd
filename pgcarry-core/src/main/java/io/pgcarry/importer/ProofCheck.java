package io.pgcarry.importer;

import io.pgcarry.error.ErrorCode;
import io.pgcarry.error.PgCarryException;
import io.pgcarry.hash.ContentTotals;
import io.pgcarry.parallel.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Parity without reading the records again. An apply whose parity found every record in the tables and nothing else
 * leaves a proof in the journal: the mapping file's SHA-256, the input files' SHA-256 and each table's content hash at
 * that moment. While the mapping file and every input file still hash the same (so the records, converted by the same
 * pgcarry, are the same) and every table still has the same content hash (so it holds the same rows), parity still
 * holds: the records are proven in the tables with nothing else there. Anything that changed sends the check back to
 * comparing record by record, which names each difference; the proof only ever saves time.
 */
final class ProofCheck {
    private ProofCheck() {
    }

    static String mappingSha256(ImportMapping mapping) {
        try {
            return RecordSource.sha256(mapping.file());
        } catch (IOException e) {
            throw new PgCarryException(ErrorCode.IO, "cannot read the mapping file " + mapping.file() + ": " + e.getMessage(), e);
        }
    }

    /** The verify's result when the last proof still holds, else empty. */
    static Optional<ImportResult> proven(Connection c, ImportMapping mapping, List<Target> targets, Path base, Consumer<String> phase)
            throws SQLException {
        Optional<ImportJournal.Proof> found = ImportJournal.latestProof(c, mappingSha256(mapping));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ImportJournal.Proof proof = found.get();
        phase.accept("hashing the input files and the tables against the proof of import run " + proof.run());
        // the client hashes the files while the server hashes the tables
        CompletableFuture<Map<String, String>> files = CompletableFuture.supplyAsync(() -> fileHashes(targets, base));
        boolean tablesSame = tablesSame(c, Import.flatten(targets), proof.tables());
        if (!tablesSame || !filesSame(Outcome.of(files), proof.files())) {
            files.cancel(false);
            phase.accept("the input files or the tables changed since import run " + proof.run() + " proved parity: comparing record by record");
            return Optional.empty();
        }
        long records = proof.files().stream().mapToLong(FileSnapshot::records).sum();
        return Optional.of(new ImportResult("verify", null, records, 0, 0, List.of(), List.of(), Map.of(), proof.files(),
                new ImportResult.ParityResult(records, 0, 0, List.of(), proof.run()), true));
    }

    private static boolean tablesSame(Connection c, List<Target> all, Map<String, ContentTotals> proved) throws SQLException {
        if (all.size() != proved.size()) {
            return false;
        }
        for (Target t : all) {
            if (!Parity.digest(c, t).equals(proved.get(t.name().toString()))) {
                return false;
            }
        }
        return true;
    }

    /** Collection and file name to SHA-256, for every input of the top-level collections. */
    private static Map<String, String> fileHashes(List<Target> targets, Path base) {
        Map<String, String> hashes = new LinkedHashMap<>();
        for (Target t : targets) {
            RecordSource.fileHashes(t.collection(), base).forEach((file, sha) -> hashes.put(key(t.collection().name(), file), sha));
        }
        return hashes;
    }

    private static boolean filesSame(Map<String, String> now, List<FileSnapshot> proved) {
        Map<String, String> then = new LinkedHashMap<>();
        proved.forEach(f -> then.put(key(f.collection(), f.file()), f.sha256()));
        return now.equals(then);
    }

    private static String key(String collection, String file) {
        return collection + "\u0000" + file;
    }
}
