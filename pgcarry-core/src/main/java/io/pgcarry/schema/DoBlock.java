package io.pgcarry.schema;

import io.pgcarry.catalog.Identifiers;

/** An anonymous plpgsql block, the form the plan's run-time guards take (see {@link GuardedDrop} for why). */
final class DoBlock {
    private DoBlock() {
    }

    /** {@code DO $pgcarry$ DECLARE ... BEGIN ... END $pgcarry$}, with a dollar-quote tag that no name in the body holds. */
    static String of(String declarations, String body) {
        String block = "\nDECLARE\n" + declarations + "BEGIN\n" + body + "END\n";
        String tag = "$pgcarry$";
        for (int n = 1; block.contains(tag); n++) {
            tag = "$pgcarry" + n + "$";
        }
        return "DO " + tag + block + tag;
    }

    /**
     * Stops a guard that runs under an older snapshot than its lock: REPEATABLE READ and SERIALIZABLE count the rows
     * of the transaction's first snapshot, and a row written since would go uncounted.
     */
    static String readCommitted(String what) {
        return "    IF pg_catalog.current_setting('transaction_isolation') <> 'read committed' THEN\n"
                + "        RAISE EXCEPTION 'the guard of % needs READ COMMITTED to see rows written since the plan began', "
                + Identifiers.literal(what) + ";\n    END IF;\n";
    }
}
