package io.pgcarry.migrate.checksum;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A migration directory checked against its {@code atlas.sum}.
 *
 * @param sumFilePresent  whether the directory has an {@code atlas.sum}
 * @param sumFileConsistent whether the sum file's first line is the total of its other lines (false when absent)
 * @param matches         whether Atlas would accept the directory: the recomputed total equals the sum file's, or
 *                        there is neither a sum file nor a migration file
 * @param firstDifference the first file, in name order, whose recomputed hash differs from its line (or that has
 *                        no line), or {@code null}: the hashes are chained, so every later file differs as well
 * @param differing       files on disk whose line is missing or holds another hash
 * @param missing         names the sum file lists that are not on disk
 * @param computed        the sum file Atlas would write for the directory as it is
 */
public record AtlasVerification(boolean sumFilePresent, boolean sumFileConsistent, boolean matches,
        String firstDifference, List<String> differing, List<String> missing, AtlasSumFile computed) {

    public AtlasVerification {
        differing = List.copyOf(differing);
        missing = List.copyOf(missing);
        Objects.requireNonNull(computed, "computed");
    }

    static AtlasVerification withoutSumFile(AtlasSumFile computed) {
        List<String> names = computed.entries().stream().map(AtlasSumFile.Entry::name).toList();
        return new AtlasVerification(false, false, names.isEmpty(), names.isEmpty() ? null : names.get(0), names,
                List.of(), computed);
    }

    static AtlasVerification of(AtlasSumFile recorded, AtlasSumFile computed) {
        List<String> differing = new ArrayList<>();
        for (AtlasSumFile.Entry entry : computed.entries()) {
            if (!recorded.hashOf(entry.name()).map(entry.hash()::equals).orElse(false)) {
                differing.add(entry.name());
            }
        }
        Set<String> onDisk = computed.entries().stream().map(AtlasSumFile.Entry::name).collect(Collectors.toSet());
        List<String> missing = recorded.entries().stream().map(AtlasSumFile.Entry::name)
                .filter(name -> !onDisk.contains(name)).toList();
        return new AtlasVerification(true, recorded.isConsistent(), recorded.total().equals(computed.total()),
                differing.isEmpty() ? null : differing.get(0), differing, missing, computed);
    }
}
