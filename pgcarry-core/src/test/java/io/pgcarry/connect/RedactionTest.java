package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void redactsUrlsInsideFreeText() {
        String text = "could not reach postgresql://app:pa55word@h:5432/db and postgres://x:y2z@other/db2";
        assertThat(Redaction.redactText(text))
                .isEqualTo("could not reach postgresql://app:***@h:5432/db and postgres://x:***@other/db2");
    }

    @Test
    void redactsPasswordParameters() {
        assertThat(Redaction.redactText("jdbc:postgresql://h/db?user=a&password=zzz123&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }

    @Test
    void scrubRemovesRememberedSecretsAnywhere() {
        Redaction.remember("Corr3ct-Horse");
        assertThat(Redaction.scrub("FATAL: role x with password Corr3ct-Horse failed"))
                .isEqualTo("FATAL: role x with password *** failed");
    }

    @Test
    void leavesTextWithoutSecretsAlone() {
        assertThat(Redaction.scrub("postgresql://app@h/db")).isEqualTo("postgresql://app@h/db");
    }
}
