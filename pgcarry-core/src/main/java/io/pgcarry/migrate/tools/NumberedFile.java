package io.pgcarry.migrate.tools;

import io.pgcarry.migrate.LocalMigration;
import io.pgcarry.migrate.VersionKey;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A migration file named {@code <number>_<name>...}, as dbmate, golang-migrate, goose, Rails and pgcarry name them.
 *
 * @param path   the file
 * @param digits the number as written ({@code 0003}, {@code 20240102103000})
 * @param name   the rest of the name, without the number, the separator and the extension
 */
record NumberedFile(Path path, String digits, String name) {
    /** The files directly in {@code dir} matching {@code pattern}, whose group 1 is the number and group 2 the name. */
    static List<NumberedFile> in(Path dir, Pattern pattern) {
        return MigrationFiles.files(dir, pattern).stream().map(p -> {
            Matcher m = pattern.matcher(p.getFileName().toString());
            m.matches();
            return new NumberedFile(p, m.group(1), m.group(2));
        }).toList();
    }

    BigInteger number() {
        return new BigInteger(digits);
    }

    /** Where it runs: by number, then by name. */
    VersionKey order() {
        return VersionKey.number(number(), name);
    }

    String fileName() {
        return path.getFileName().toString();
    }

    /** As a migration without checksum whose id is its number ({@code 0003} and {@code 3} are one version). */
    LocalMigration byNumber() {
        return LocalMigration.unchecked(number().toString(), digits, name, fileName(), order());
    }

    /** As a migration without checksum whose id is its number as written (tools that compare version text). */
    LocalMigration byText() {
        return LocalMigration.unchecked(digits, digits, name, fileName(), order());
    }
}
