package io.pgcarry.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.schema.ObjectId;
import io.pgcarry.schema.ObjectKind;
import io.pgcarry.schema.ScriptStatement;
import io.pgcarry.schema.Section;
import org.junit.jupiter.api.Test;

/** A restore accepts a subscription only as pgcarry writes it: created without connecting, and with no password. */
class ArchiveSubscriptionsTest {
    private static final ObjectId SUB = new ObjectId(ObjectKind.SUBSCRIPTION, null, "s", null);

    @Test
    void theStatementPgcarryWritesIsAccepted() {
        assertThat(refusal("CREATE SUBSCRIPTION \"s\" CONNECTION 'host=h application_name=''a b''' PUBLICATION p1, \"P 2\""
                + " WITH (connect = false, slot_name = 's', binary = true)")).isNull();
        assertThat(refusal("COMMENT ON SUBSCRIPTION \"s\" IS 'x'")).isNull();
    }

    @Test
    void aPasswordAConnectingCreateOrAnotherSubscriptionIsRefused() {
        assertThat(refusal("CREATE SUBSCRIPTION \"s\" CONNECTION 'host=h password=x' PUBLICATION p WITH (connect = false, slot_name = NONE)"))
                .isNotNull();
        assertThat(refusal("CREATE SUBSCRIPTION \"s\" CONNECTION 'postgresql://u:x@h/d' PUBLICATION p WITH (connect = false, slot_name = NONE)"))
                .isNotNull();
        assertThat(refusal("CREATE SUBSCRIPTION \"s\" CONNECTION 'host=h' PUBLICATION p WITH (slot_name = NONE)")).isNotNull();
        assertThat(refusal("CREATE SUBSCRIPTION \"t\" CONNECTION 'host=h' PUBLICATION p WITH (connect = false, slot_name = NONE)")).isNotNull();
        assertThat(refusal("ALTER SUBSCRIPTION \"s\" ENABLE")).isNotNull();
    }

    private static String refusal(String sql) {
        return ArchiveStatements.refusal(new ScriptStatement(sql, Section.POST_DATA, SUB), true, false);
    }
}
