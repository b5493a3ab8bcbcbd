package io.pgcarry.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnInfoTest {

    @Test
    void keywordsBecomeTheirParts() {
        PgUrl parsed = ConnInfo.parse("host=localhost port=5432 dbname=app user=app password=pw sslmode=require");
        assertThat(parsed.user()).isEqualTo("app");
        assertThat(parsed.password()).isEqualTo(Secret.of("pw"));
        assertThat(parsed.database()).isEqualTo("app");
        assertThat(parsed.hosts()).isEmpty();
        assertThat(parsed.params()).containsExactly(java.util.Map.entry("host", "localhost"),
                java.util.Map.entry("port", "5432"), java.util.Map.entry("sslmode", "require"));
    }

    @Test
    void quotesBackslashesAndSpacesAroundTheEqualsSign() {
        var values = ConnInfo.keywords("  a = 'two words'\tb='it\\'s' c='it''s' d=back\\\\slash e=\\ lead f='' g = x\\ y  ");
        assertThat(values).containsEntry("a", "two words").containsEntry("b", "it's").containsEntry("c", "it's")
                .containsEntry("d", "back\\slash").containsEntry("e", " lead").containsEntry("f", "").containsEntry("g", "x y");
    }

    @Test
    void aQuotedValueMayTouchTheNextKeywordAndTheLastValueWins() {
        assertThat(ConnInfo.keywords("a='x'b=y a=z")).containsExactly(java.util.Map.entry("a", "z"), java.util.Map.entry("b", "y"));
    }

    @Test
    void likeLibpqSpaceAfterTheEqualsSignIsSkippedBeforeTheValue() {
        assertThat(ConnInfo.keywords("host= port=5")).containsExactly(java.util.Map.entry("host", "port=5"));
        assertThat(ConnInfo.keywords("host=")).containsExactly(java.util.Map.entry("host", ""));
    }

    @Test
    void errorsNameThePositionAndNeverTheText() {
        List<String> bad = List.of(
                "host=h password='hunter2 is secret",
                "host=h password=it's hunter2secret",
                "host=h =hunter2secret",
                "host=h pass-word=hunter2secret",
                "host=h password='hunter2\\'");
        List<String> problems = List.of(
                "the quoted value starting at character 17 has no closing quote",
                "the keyword at character 22 is not followed by '='",
                "'=' at character 8 has no keyword before it",
                "character 12 cannot be part of a keyword (keywords are letters, digits and _)",
                "the quoted value starting at character 17 has no closing quote");
        for (int i = 0; i < bad.size(); i++) {
            String text = bad.get(i);
            assertThatThrownBy(() -> ConnInfo.parse(text))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage("malformed connection string: " + problems.get(i)
                            + "; write it as keyword=value pairs, such as host=db.internal dbname=app");
            assertThat(ConnInfo.redacted(text)).isEqualTo("a connection string that does not parse (not shown)");
        }
    }

    @Test
    void redactedHidesPasswordsAndQuotesWhatNeedsIt() {
        assertThat(ConnInfo.redacted("host=/var/run/postgresql dbname='my app' password='a b c' sslpassword=k user=it\\'s"))
                .isEqualTo("host=/var/run/postgresql dbname='my app' password=*** sslpassword=*** user='it\\'s'");
    }

    @Test
    void parseAnyTellsTheFormsApart() {
        assertThat(PgUrl.parseAny("postgresql://u@h/d").hosts()).containsExactly(new HostPort("h", null));
        assertThat(PgUrl.parseAny("  host=h dbname=d").params()).containsEntry("host", "h");
        assertThatThrownBy(() -> PgUrl.parseAny("db.example.com"))
                .hasMessageStartingWith("the connection string is neither a postgresql:// URL nor keyword=value pairs");
        assertThatThrownBy(() -> PgUrl.parseAny(" "))
                .hasMessageStartingWith("empty connection string");
    }

    @Test
    void aDescribedKeywordValueSourceShowsNoPartOfAQuotedPassword() {
        assertThat(new EndpointSource.Url("host=h password='open sesame' dbname=d").describe())
                .isEqualTo("host=h password=*** dbname=d");
    }
}
