package io.pgcarry.migrate.apply;

import java.util.List;
import java.util.Objects;

/**
 * One pending migration as {@code migrate apply} will run it.
 *
 * @param version            its version as the tool shows it
 * @param name               its name
 * @param file               its file, relative to the migration directory
 * @param mode               in one transaction, or statement by statement
 * @param statements         how many statements it sends
 * @param outsideTransaction the statements that cannot run in a transaction ({@code line 3: CREATE INDEX CONCURRENTLY})
 * @param hazards            the statements with obvious hazards
 * @param note               what {@code migrate status} said of it (out of order, repeatable and changed...), or null
 */
public record FilePlan(String version, String name, String file, TransactionMode mode, int statements,
                       List<String> outsideTransaction, List<StatementHazard> hazards, String note) {
    public FilePlan {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(mode, "mode");
        outsideTransaction = List.copyOf(outsideTransaction);
        hazards = List.copyOf(hazards);
    }
}
