package io.pgcarry.migrate.checksum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The expected MD5SUMs were derived by hand from the SQL bodies, in the shell, as
 * <pre>
 * v9(){ h=$(printf '%s' "$1" | md5sum | cut -c1-32); printf '9:%s:' "$h" | md5sum | cut -c1-32; }
 * v8(){ h=$(printf '%s%s' "$1" "$2" | md5sum | cut -c1-32); printf '8:%s:' "$h" | md5sum | cut -c1-32; }
 * v9 'createtableperson(idintprimarykey,nametext);'                        # alice:1
 * v8 'null:true:true:' 'create table person ( id int primary key, name text );'
 * v9 "--aplaincommentinsertintopersonvalues(1,'ab');"                      # bob:2
 * v8 'null:false:true:' "-- a plain comment insert into person values (1, 'a b');"
 * v9 'createfunctionone()returnsintlanguagesqlas$$select1$$/'              # carol:3-func
 * v8 '/:true:false:' 'create function one() returns int language sql as $$ select 1 $$ /'
 * v9 "updatepersonsetname='z'/"                                            # dave:4
 * v8 $'\n/$:true:true:' "update person set name = 'z' /"
 * </pre>
 * and agree with Liquibase 4.33.0's own {@code ChangeSet.generateCheckSum(ChecksumVersion.V9 / V8)} run on both
 * fixture files (LF and CRLF), which gave the same eight values for each.
 */
class LiquibaseChecksumTest {
    private static final String DIR = "/io/pgcarry/migrate/checksum/liquibase/";

    @Test
    void parsesChangeSetsWithTheirAttributesAndBodies() {
        List<LiquibaseChangeSet> changeSets = LiquibaseFormattedSql.parse("db/changelog.sql", read("changelog.sql"));

        assertThat(changeSets).extracting(LiquibaseChangeSet::key).containsExactly("db/changelog.sql::1::alice",
                "db/changelog.sql::2::bob", "db/changelog.sql::3-func::carol", "db/changelog.sql::4::dave");
        LiquibaseChangeSet alice = changeSets.get(0);
        assertThat(alice.sql()).isEqualTo("create table person (\n    id int primary key,\n    name text\n);");
        assertThat(alice.rollbackSql()).isEqualTo("drop table person;\n");
        assertThat(changeSets.get(1).runOnChange()).isTrue();
        assertThat(changeSets.get(1).splitStatements()).isFalse();
        assertThat(changeSets.get(1).sql()).startsWith("-- a plain comment\n");
        LiquibaseChangeSet carol = changeSets.get(2);
        assertThat(carol.endDelimiter()).isEqualTo("/");
        assertThat(carol.stripComments()).isFalse();
        assertThat(carol.contexts()).isEqualTo("prod");
        assertThat(carol.labels()).isEqualTo("x,y");
        assertThat(carol.comments()).isEqualTo("adds a function");
        assertThat(carol.validCheckSums()).containsExactly("9:00000000000000000000000000000000");
        assertThat(carol.sql()).doesNotContain("--comment").endsWith("$$\n/");
        // The last change set's body ends in a line "/": Liquibase gives it the end delimiter "\n/$".
        assertThat(changeSets.get(3).endDelimiter()).isEqualTo("\n/$");
    }

    @Test
    void computesVersion9AsLiquibase424AndLaterStoresIt() {
        List<LiquibaseChangeSet> changeSets = LiquibaseFormattedSql.parse("changelog.sql", read("changelog.sql"));

        assertThat(changeSets).extracting(LiquibaseChecksum::v9).containsExactly(
                "9:b7caa911cbe374a0241ed6b951d2671a", "9:f5068f02b1deccac2f6899c47f9bf76b",
                "9:f9a7db26d1e9843baaf2897de1e87207", "9:c0c222e5791e5173105cf751eadb8d27");
    }

    @Test
    void computesVersion8AsEarlierLiquibase4StoredIt() {
        List<LiquibaseChangeSet> changeSets = LiquibaseFormattedSql.parse("changelog.sql", read("changelog.sql"));

        assertThat(changeSets).extracting(LiquibaseChecksum::v8).containsExactly(
                "8:80c6ca3ffe04cd943fdd27252f0bc55c", "8:810ef91e65db5a1cfcff1c2479351f31",
                "8:cca5ed53891fb68a12887c361dfde346", "8:cb29b26212d131ab332dac37b15a24ca");
    }

    @Test
    void aCrlfChangelogHasTheSameChecksumsBecauseLiquibaseReadsItLineByLine() {
        List<LiquibaseChangeSet> lf = LiquibaseFormattedSql.parse("changelog.sql", read("changelog.sql"));
        List<LiquibaseChangeSet> crlf = LiquibaseFormattedSql.parse("changelog.sql", read("changelog-crlf.sql"));

        assertThat(new String(read("changelog-crlf.sql"), StandardCharsets.UTF_8)).contains("\r\n");
        assertThat(crlf).isEqualTo(lf);
        assertThat(LiquibaseChecksum.match("9:b7caa911cbe374a0241ed6b951d2671a", "changelog.sql",
                read("changelog-crlf.sql"), "1", "alice")).isEqualTo(ChecksumMatch.EQUAL);
    }

    @Test
    void matchesByTheStoredVersionAndTellsAnEditedChangeSet() {
        LiquibaseChangeSet alice = LiquibaseFormattedSql.parse("changelog.sql", read("changelog.sql")).get(0);
        String edited = new String(read("changelog.sql"), StandardCharsets.UTF_8).replace("name text", "name varchar");

        assertThat(LiquibaseChecksum.match("8:80c6ca3ffe04cd943fdd27252f0bc55c", alice)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(LiquibaseChecksum.match("9:b7caa911cbe374a0241ed6b951d2671a", alice)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(LiquibaseChecksum.match("9:b7caa911cbe374a0241ed6b951d2671a", "changelog.sql",
                edited.getBytes(StandardCharsets.UTF_8), "1", "alice")).isEqualTo(ChecksumMatch.DIFFERENT);
        assertThat(LiquibaseChecksum.match("7:b7caa911cbe374a0241ed6b951d2671a", alice)).isEqualTo(ChecksumMatch.UNKNOWN);
        assertThat(LiquibaseChecksum.match(null, alice)).isEqualTo(ChecksumMatch.UNKNOWN);
    }

    @Test
    void aValidCheckSumLineAcceptsTheValueItNames() {
        LiquibaseChangeSet carol = LiquibaseFormattedSql.parse("changelog.sql", read("changelog.sql")).get(2);

        assertThat(LiquibaseChecksum.match("9:00000000000000000000000000000000", carol)).isEqualTo(ChecksumMatch.EQUAL);
        assertThat(LiquibaseChecksum.match("9:11111111111111111111111111111111", carol))
                .isEqualTo(ChecksumMatch.DIFFERENT);
    }

    @Test
    void aLogicalFilePathOnTheHeaderOrTheChangeSetIsTheRecordedFilename() {
        String text = "--liquibase formatted sql logicalFilePath:shared/app.sql\n\n--changeset a:1\nselect 1;\n\n"
                + "--changeset a:2 logicalFilePath:other.sql\nselect 2;\n";

        assertThat(LiquibaseFormattedSql.parse("x/y.sql", text)).extracting(LiquibaseChangeSet::filePath)
                .containsExactly("shared/app.sql", "other.sql");
    }

    @Test
    void refusesWhatIsNoFormattedSqlChangelogAndAChangeSetWithoutSql() {
        assertThatThrownBy(() -> LiquibaseFormattedSql.parse("plain.sql", "create table t (id int);\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("plain.sql");
        assertThatThrownBy(() -> LiquibaseFormattedSql.parse("c.sql",
                "--liquibase formatted sql\n--changeset a:1\n--changeset a:2\nselect 1;\n"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("a:1 has no SQL");
    }

    @Test
    void readsTheVersionOfAStoredChecksum() {
        assertThat(LiquibaseChecksum.version("9:b7caa911cbe374a0241ed6b951d2671a")).isEqualTo(9);
        assertThat(LiquibaseChecksum.version("b7caa911cbe374a0241ed6b951d2671a")).isEqualTo(1);
    }

    static byte[] read(String name) {
        try (InputStream in = LiquibaseChecksumTest.class.getResourceAsStream(DIR + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
