package io.pgcarry.migrate.apply;

import io.pgcarry.schema.Hazard;
import io.pgcarry.schema.Hazard.Kind;
import io.pgcarry.script.SqlWords;
import java.util.ArrayList;
import java.util.List;

/**
 * The obvious hazards of a migration statement, in the words of {@code diff --sql}'s plan ({@link Hazard}): read from
 * the statement's leading words only, so it flags what a reviewer would flag at a glance (a plain {@code CREATE INDEX}
 * blocks writes, {@code ALTER COLUMN ... TYPE} rewrites the table, {@code DROP TABLE} deletes data) and never claims
 * more. It knows nothing of the tables' sizes.
 */
final class StatementHazards {
    private StatementHazards() {
    }

    static List<Hazard> of(ScriptStep step) {
        SqlWords words = SqlWords.of(step.sql());
        List<Hazard> hazards = new ArrayList<>();
        if (step.outsideTransaction() != null) {
            hazards.add(new Hazard(Kind.NOT_IN_TRANSACTION, step.outsideTransaction() + " " + Kind.NOT_IN_TRANSACTION.meaning()));
        }
        String two = words.leading(2);
        switch (words.leading(1)) {
            case "create" -> create(words, step, hazards);
            case "alter" -> {
                if (two.equals("alter table")) {
                    alterTable(words, hazards);
                }
            }
            case "drop" -> {
                if (List.of("drop table", "drop schema", "drop materialized", "drop sequence").contains(two)) {
                    hazards.add(Hazard.of(Kind.DELETES_DATA));
                }
            }
            case "truncate", "delete" -> hazards.add(Hazard.of(Kind.DELETES_DATA));
            case "vacuum", "cluster" -> {
                if (words.hasTopLevel("full") || words.leading(1).equals("cluster")) {
                    hazards.add(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK));
                    hazards.add(Hazard.of(Kind.TABLE_REWRITE));
                }
            }
            case "refresh" -> {
                if (!words.hasTopLevel("concurrently")) {
                    hazards.add(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK));
                }
            }
            case "lock" -> hazards.add(new Hazard(Kind.ACCESS_EXCLUSIVE_LOCK, "takes the lock named, ACCESS EXCLUSIVE unless it says"));
            default -> { }
        }
        return hazards;
    }

    private static void create(SqlWords words, ScriptStep step, List<Hazard> hazards) {
        String two = words.leading(2);
        if ((two.equals("create index") || two.equals("create unique")) && step.outsideTransaction() == null) {
            hazards.add(new Hazard(Kind.WRITE_LOCK, "blocks writes to the table while the index builds; CONCURRENTLY does not"));
        }
    }

    private static void alterTable(SqlWords words, List<Hazard> hazards) {
        hazards.add(Hazard.of(Kind.ACCESS_EXCLUSIVE_LOCK));
        long alters = words.words().stream().filter(w -> w.depth() == 0 && w.text().equals("alter")).count();
        if (alters > 1 && words.hasTopLevel("type")) {
            hazards.add(new Hazard(Kind.TABLE_REWRITE, "a column's type changes: rewrites the table unless the types are binary-coercible"));
        }
        if (words.hasTopLevel("drop") && words.hasTopLevel("column")) {
            hazards.add(new Hazard(Kind.DELETES_DATA, "drops a column"));
        }
        if (words.hasTopLevel("set") && words.hasTopLevel("not") && words.hasTopLevel("null")) {
            hazards.add(new Hazard(Kind.FULL_SCAN, "SET NOT NULL reads the whole table under the lock"));
        }
        boolean validates = words.hasTopLevel("foreign") || words.hasTopLevel("check");
        if (words.hasTopLevel("add") && validates && !(words.hasTopLevel("not") && words.hasTopLevel("valid"))) {
            hazards.add(new Hazard(Kind.FULL_SCAN, "the new constraint is checked against every row; NOT VALID then VALIDATE does not block"));
        }
    }
}
