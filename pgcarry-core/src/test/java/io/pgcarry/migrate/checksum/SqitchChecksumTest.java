package io.pgcarry.migrate.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The expected change ids are what {@code sqitch plan --format 'format:%H %n'} of Sqitch 1.3.1 printed for the
 * fixture plan (also for its CRLF copy), and were recomputed by hand, for instance for the first two changes:
 * <pre>
 * info=$'project flipr\nuri https://github.com/sqitchers/sqitch-intro/\nchange appschema\n'\
 * $'planner Marge N. O\'Vera &lt;marge@example.com&gt;\ndate 2012-07-16T17:25:07Z\n\nApp schema for all flipr objects.'
 * n=$(printf '%s' "$info" | wc -c); { printf 'change %s\0' "$n"; printf '%s' "$info"; } | sha1sum
 * </pre>
 * (and for {@code users} the same with {@code parent 90af9105...} after the change line and
 * {@code requires\n  + appschema} after the date). The tag id is the SHA-1 of {@code "tag <length>\0"} and the
 * text {@code sqitch show tag @v1.0.0-dev1} prints. The script hashes are {@code sha1sum deploy/*.sql} and
 * {@code sha1sum flips-crlf.sql} (the flips script converted with {@code sed 's/$/\r/'}); Sqitch 1.3.1's
 * {@code sqitch show deploy users@v1.0.0-dev1} printed the {@code users@v1.0.0-dev1.sql} script.
 */
class SqitchChecksumTest {
    private static final String APPSCHEMA = "90af9105cfa4b3d04cf81c826bbebb40d6584589";
    private static final String USERS_1 = "37813ae2c4ed8246ad9c954e12898c1e8f6d251e";
    private static final String FLIPS = "5a780947ec98298f1bee35675a9262057985e152";
    private static final String USERS_2 = "8600a361d3baccc330f525cd9dae1b77ad00c95f";
    private static final String FLIPS_SCRIPT = "cbb49a35862ea683441ce892e3f9d0b760fd58a7";

    @Test
    void computesTheChangeIdsSqitchComputes() throws Exception {
        SqitchPlan plan = SqitchPlanParser.parse(Files.readString(dir().resolve("sqitch.plan")));

        assertThat(plan.project()).isEqualTo("flipr");
        assertThat(plan.uri()).isEqualTo("https://github.com/sqitchers/sqitch-intro/");
        assertThat(plan.changes()).extracting(SqitchPlan.Change::id).containsExactly(APPSCHEMA, USERS_1, FLIPS,
                USERS_2);
        assertThat(plan.changes()).extracting(SqitchPlan.Change::parentId).containsExactly(null, APPSCHEMA, USERS_1,
                FLIPS);
    }

    @Test
    void readsDependenciesNotesAndTags() throws Exception {
        SqitchPlan plan = SqitchPlanParser.parse(Files.readString(dir().resolve("sqitch.plan")));

        SqitchPlan.Change flips = plan.changes().get(2);
        assertThat(flips.requires()).containsExactly("appschema", "users");
        assertThat(flips.conflicts()).containsExactly("nope");
        assertThat(flips.note()).isEmpty();
        assertThat(plan.changes().get(3).note()).isEqualTo("Reworked\nwith a newline.");
        assertThat(plan.changes().get(3).requires()).containsExactly("users@v1.0.0-dev1");
        assertThat(plan.changes().get(1).tags()).containsExactly("@v1.0.0-dev1");
        assertThat(plan.tags()).singleElement().satisfies(tag -> {
            assertThat(tag.changeId()).isEqualTo(USERS_1);
            assertThat(tag.id()).isEqualTo("b476ed32f9ecbbaac3ed22cd70ae96528b4f6b40");
        });
    }

    @Test
    void aCrlfPlanGivesTheSameIds() throws Exception {
        String crlf = Files.readString(dir().resolve("sqitch-crlf.plan"));

        assertThat(crlf).contains("\r\n");
        assertThat(SqitchPlanParser.parse(crlf).changes()).extracting(SqitchPlan.Change::id)
                .containsExactly(APPSCHEMA, USERS_1, FLIPS, USERS_2);
    }

    @Test
    void findsEachDeclarationsDeployScriptAndHashesIt() throws Exception {
        SqitchPlan plan = SqitchPlanParser.parse(Files.readString(dir().resolve("sqitch.plan")));
        Path deploy = dir().resolve("deploy");

        SqitchPlan.Change firstUsers = plan.changes().get(1);
        assertThat(firstUsers.isReworked()).isTrue();
        assertThat(SqitchChecksum.deployScript(deploy, firstUsers)).isEqualTo(deploy.resolve("users@v1.0.0-dev1.sql"));
        assertThat(SqitchChecksum.deployScript(deploy, plan.changes().get(3))).isEqualTo(deploy.resolve("users.sql"));
        assertThat(plan.changes()).extracting(change -> hash(deploy, change)).containsExactly(
                "1cbdd2b136e982f469ee8a17b8e1198425c6360e", "564161085536888cf961d567922d4193281261ef", FLIPS_SCRIPT,
                "417273a509a4d2ae55f295af38c05e7fe1b23935");
    }

    @Test
    void tellsALineEndingChangeOfADeployScriptFromAnEdit() throws Exception {
        byte[] crlf = Files.readAllBytes(dir().resolve("flips-crlf.sql"));
        byte[] lf = Files.readAllBytes(dir().resolve("deploy/flips.sql"));

        assertThat(SqitchChecksum.scriptHash(crlf)).isEqualTo("2a3c8d2db7e9599614a55bbff1059ee420b366f3");
        assertThat(SqitchChecksum.match(FLIPS_SCRIPT, lf)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(SqitchChecksum.match(FLIPS_SCRIPT, crlf)).isEqualTo(ChecksumMatch.LINE_ENDINGS_ONLY);
        assertThat(SqitchChecksum.match(FLIPS_SCRIPT, "CREATE TABLE x ();\n".getBytes())).isEqualTo(ChecksumMatch.DIFFERENT);
        assertThat(SqitchChecksum.match(null, lf)).isEqualTo(ChecksumMatch.UNKNOWN);
    }

    @Test
    void printsDependenciesOfAnotherProjectWithTheirProjectAndOfThisOneWithout() {
        SqitchPlan plan = SqitchPlanParser.parse("%project=p\n\na 2020-01-01T00:00:00Z A <a@x>\n"
                + "b [p:a other:c@t] 2020-01-01T00:00:01Z A <a@x>\n");

        assertThat(plan.changes().get(1).requires()).containsExactly("a", "other:c@t");
    }

    @Test
    void canonicalisesTheUriAsPerlDoes() {
        assertThat(SqitchChecksum.canonicalUri("HTTPS://Example.COM:443")).isEqualTo("https://example.com/");
        assertThat(SqitchChecksum.canonicalUri("https://github.com/sqitchers/sqitch-intro/"))
                .isEqualTo("https://github.com/sqitchers/sqitch-intro/");
    }

    @Test
    void refusesAPlanWithoutProjectOrWithABrokenLine() {
        assertThatThrownBy(() -> SqitchPlanParser.parse("%syntax-version=1.0.0\n\na 2020-01-01T00:00:00Z A <a@x>\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("%project");
        assertThatThrownBy(() -> SqitchPlanParser.parse("%project=p\n\na A <a@x>\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("line 3");
    }

    private static String hash(Path deploy, SqitchPlan.Change change) {
        try {
            return SqitchChecksum.scriptHash(Files.readAllBytes(SqitchChecksum.deployScript(deploy, change)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path dir() throws URISyntaxException {
        return Path.of(SqitchChecksumTest.class.getResource("/io/pgcarry/migrate/checksum/sqitch").toURI());
    }
}
