package io.pgcarry.backup;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.move.Move;
import io.pgcarry.move.MoveRequest;
import io.pgcarry.plan.Mapping;
import io.pgcarry.plan.TableSelection;
import io.pgcarry.verify.Validate;
import io.pgcarry.verify.ValidateRequest;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Path;

/**
 * Runs one library operation in a child JVM, so a test can give it the heap bin/pgcarry has: {@code move FROM TO},
 * {@code clone FROM TO}, {@code backup FROM DIR}, {@code verify ARCHIVE}, {@code restore ARCHIVE TO} or
 * {@code validate FROM TO}. Prints {@code PASSED true|false} and, after a backup, {@code ARCHIVE path}.
 */
public final class HugeRowsChild {
    private HugeRowsChild() {
    }

    public static void main(String[] args) {
        Connector connector = new Connector();
        boolean passed = switch (args[0]) {
            case "move" -> new Move(connector).run(new MoveRequest(BackupFixtures.spec(args[1]), BackupFixtures.spec(args[2]),
                    CheckOptions.defaults(), 2, 0, ValidationLevel.HASH), CopyProgress.NONE).passed();
            case "clone" -> new Clone(connector).run(new CloneRequest(BackupFixtures.spec(args[1]), BackupFixtures.spec(args[2]), 2,
                    ValidationLevel.HASH, false), CopyProgress.NONE).passed();
            case "backup" -> {
                BackupResult result = new Backup(connector).run(new BackupRequest(BackupFixtures.spec(args[1]), Path.of(args[2]), null,
                        2, Compression.ZSTD, false, 0, java.util.List.of()), CopyProgress.NONE);
                System.out.println("ARCHIVE " + result.archive());
                yield true;
            }
            case "verify" -> {
                try (Archive archive = Archive.open(Path.of(args[1]))) {
                    Verification verification = ArchiveVerifier.verify(archive, true);
                    System.out.println("PROBLEMS " + verification.problems() + " ROWS " + verification.rows());
                    yield verification.passed();
                }
            }
            case "restore" -> new BackupRestore(connector).run(new RestoreRequest(Path.of(args[1]), BackupFixtures.spec(args[2]), 2,
                    null, false), CopyProgress.NONE).passed();
            case "validate" -> new Validate(connector).run(new ValidateRequest(BackupFixtures.spec(args[1]), BackupFixtures.spec(args[2]),
                    Mapping.EMPTY, TableSelection.all(), ValidationLevel.FULL, 1, 10, false)).passed();
            default -> throw new IllegalArgumentException(args[0]);
        };
        System.out.println("PASSED " + passed);
    }
}
