package io.pgcarry.move;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.plan.ColumnMove;
import io.pgcarry.plan.MovePlan;
import io.pgcarry.plan.TableMove;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identifies what a move copies (tables, columns, options), so {@code --resume} refuses to continue a run
 * with different arguments.
 */
final class Fingerprint {
    private Fingerprint() {
    }

    static String of(MovePlan plan, CheckOptions options) {
        StringBuilder sb = new StringBuilder();
        for (TableMove t : plan.tables()) {
            sb.append(t.source().name()).append(">").append(t.target().name()).append('(');
            for (ColumnMove c : t.columns()) {
                sb.append(c.sourceSql()).append(">").append(c.target().name()).append(',');
            }
            sb.append(")\n");
        }
        sb.append("truncate=").append(options.truncateTarget()).append(";triggers=").append(options.disableTriggers());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
