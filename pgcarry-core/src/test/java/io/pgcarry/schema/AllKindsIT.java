package io.pgcarry.schema;

import static io.pgcarry.schema.SchemaTestDatabases.execute;
import static io.pgcarry.schema.SchemaTestDatabases.read;
import static io.pgcarry.schema.SchemaTestDatabases.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.backup.Backup;
import io.pgcarry.backup.BackupRequest;
import io.pgcarry.backup.BackupRestore;
import io.pgcarry.backup.BackupResult;
import io.pgcarry.backup.Compression;
import io.pgcarry.backup.RestoreRequest;
import io.pgcarry.backup.RestoreResult;
import io.pgcarry.backup.SigningKey;
import io.pgcarry.clone.Clone;
import io.pgcarry.clone.CloneRequest;
import io.pgcarry.clone.CloneResult;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;
import io.pgcarry.embedded.junit.PostgresExtension;
import io.pgcarry.verify.ValidationLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture with one object of every kind pg_dump knows ({@code all-kinds.sql}, and the parts for newer servers) goes
 * through schema dump, clone and backup/restore, with and without privileges: on 13 and 14 pg_dump of the copy equals
 * pg_dump of the original (with {@code --no-owner --no-privileges} without privileges), on 17, which the machine's pg_dump
 * cannot read, pgcarry's models of both sides agree (with privileges: clone and restore; schema dump both ways). The
 * archive is signed: the fixture has functions in language internal. One source per server, every copy from it.
 */
class AllKindsIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg14 = PostgresExtension.major(14);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** The pg_dump entry types the fixture must hold on 13 and 14 (PUBLICATION TABLES IN SCHEMA needs 15). */
    private static final Set<String> ENTRY_TYPES = new TreeSet<>(List.of("ACCESS METHOD", "ACL", "AGGREGATE", "CAST", "CHECK CONSTRAINT",
            "COLLATION", "COMMENT", "CONSTRAINT", "CONVERSION", "DEFAULT", "DEFAULT ACL", "DOMAIN", "EVENT TRIGGER", "EXTENSION",
            "FK CONSTRAINT", "FOREIGN DATA WRAPPER", "FOREIGN TABLE", "FUNCTION", "INDEX", "INDEX ATTACH", "MATERIALIZED VIEW", "OPERATOR",
            "OPERATOR CLASS", "OPERATOR FAMILY", "POLICY", "PROCEDURAL LANGUAGE", "PROCEDURE", "PUBLICATION", "PUBLICATION TABLE",
            "ROW SECURITY", "RULE", "SCHEMA", "SEQUENCE", "SEQUENCE OWNED BY", "SERVER", "SHELL TYPE", "STATISTICS", "SUBSCRIPTION", "TABLE",
            "TABLE ATTACH", "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "TEXT SEARCH PARSER", "TEXT SEARCH TEMPLATE",
            "TRANSFORM", "TRIGGER", "TYPE", "USER MAPPING", "VIEW"));

    @TempDir
    Path temp;

    @AfterEach
    void dropSubscriptions() throws Exception {
        SubscriptionsIT.dropSubscriptions(pg13, pg14, pg17);
    }

    @Test
    void on13EveryRoundTripGivesPgDumpsSchema() throws Exception {
        roundTrips(pg13, 13);
    }

    @Test
    void on14EveryRoundTripGivesPgDumpsSchema() throws Exception {
        roundTrips(pg14, 14);
    }

    /** On 17 the copies without privileges are left to 13 and 14 (the same statements, fewer of them): time. */
    @Test
    void on17EveryRoundTripGivesTheSameModelAndDiffAlignsChangedPrivilegesAndComments() throws Exception {
        Trips trips = roundTrips(pg17, 17);
        String cloned = trips.clonedWithPrivileges();
        execute(pg17, cloned, """
                REVOKE SELECT (rolname) ON pg_catalog.pg_authid FROM "kinds reader";
                GRANT EXECUTE ON FUNCTION pg_catalog.pg_stat_reset() TO "kinds reader";
                REVOKE SELECT ON SEQUENCE kinds.owner_table_id_seq FROM "kinds reader";
                REVOKE SELECT (id) ON kinds.by_owner FROM "kinds reader";
                GRANT SELECT (children) ON kinds.by_owner TO PUBLIC;
                ALTER MATERIALIZED VIEW kinds.filled ALTER COLUMN code SET STORAGE MAIN;
                COMMENT ON CONSTRAINT posint_small ON DOMAIN kinds.posint IS NULL;
                COMMENT ON SEQUENCE kinds.owner_table_id_seq IS 'another';
                """);
        SchemaModel wanted = read(pg17, trips.source(), true);
        SchemaModel found = read(pg17, cloned, true);
        SchemaDifferences differences = SchemaDiff.compare(wanted, found);
        assertThat(differences.differences()).extracting(d -> d.id() + " " + d.change()).containsExactlyInAnyOrder(
                "privileges on COLUMN pg_catalog.pg_authid.rolname MISSING", "privileges on FUNCTION pg_catalog.pg_stat_reset() EXTRA",
                "privileges on SEQUENCE kinds.owner_table_id_seq MISSING", "view kinds.by_owner CHANGED",
                "materialized view kinds.filled CHANGED", "domain kinds.posint CHANGED", "column kinds.owner_table.id CHANGED");

        AlignmentPlan plan;
        try (Connection probe = pg17.server().connect(cloned)) {
            plan = new AlignmentPlanner(wanted, found, new PlanOptions(false, false, true, false), TargetProbe.live(probe)).plan(differences);
        }
        SchemaDiffIT.applyPlan(pg17, cloned, plan);
        assertThat(SchemaDiff.compare(wanted, read(pg17, cloned, true)).differences()).isEmpty();
    }

    /** The source database and its clone taken with privileges. */
    private record Trips(String source, String clonedWithPrivileges) {
    }

    /** Every round trip from one source, with and without privileges. */
    private Trips roundTrips(PostgresExtension pg, int major) throws Exception {
        String source = fixture(pg, major);
        boolean pgDumpReads = major < 15;
        if (pgDumpReads) {
            assertThat(PgDumpOracle.entryTypes(pg.server().url(source))).containsAll(ENTRY_TYPES);
        }
        String clonedWithPrivileges = null;
        for (boolean privileges : new boolean[] {true, false}) {
            SchemaModel model = read(pg, source, privileges);
            assertThat(model.warnings()).as("nothing refused").isEmpty();
            if (privileges) {
                assertThat(model.objects()).extracting(SchemaObject::kind).containsAll(EnumSet.allOf(ObjectKind.class));
            }
            List<String> copies = new ArrayList<>();
            if (pgDumpReads) {
                SchemaTestDatabases.assertScriptRecreates(pg, source, model, privileges);
            } else {
                copies.add(pg.newDatabase());
                SchemaTestDatabases.apply(pg, copies.get(0), SchemaScript.of(model).statements());
            }
            if (pgDumpReads || privileges) {
                copies.add(cloned(pg, source, privileges));
                copies.add(restored(pg, source, privileges));
            }
            String expected = pgDumpReads ? PgDumpOracle.schemaOf(pg.server().url(source), privileges) : null;
            for (String copy : copies) {
                if (pgDumpReads) {
                    assertThat(PgDumpOracle.schemaOf(pg.server().url(copy), privileges)).as("%s, privileges %s", copy, privileges)
                            .isEqualTo(expected);
                }
                assertThat(SchemaDiff.compare(model, read(pg, copy, privileges)).differences()).as("%s, privileges %s", copy, privileges)
                        .isEmpty();
            }
            clonedWithPrivileges = privileges ? copies.get(copies.size() - 2) : clonedWithPrivileges;
        }
        return new Trips(source, clonedWithPrivileges);
    }

    private static String cloned(PostgresExtension pg, String source, boolean privileges) {
        String cloned = pg.newDatabase();
        CloneResult clone = new Clone(new Connector()).run(new CloneRequest(spec(pg, source), spec(pg, cloned), 2,
                ValidationLevel.HASH, privileges), CopyProgress.NONE);
        assertThat(clone.passed()).as("clone %s", clone.move().validation()).isTrue();
        return cloned;
    }

    private String restored(PostgresExtension pg, String source, boolean privileges) throws Exception {
        Path out = Files.createTempDirectory(temp, "archive");
        SigningKey key = SigningKey.read(Files.writeString(temp.resolve("key"), "a key of more than sixteen bytes\n"));
        BackupResult backup = new Backup(new Connector()).run(new BackupRequest(spec(pg, source), out, null, 2, Compression.NONE,
                privileges, 0, List.of(), key), CopyProgress.NONE);
        String restored = pg.newDatabase();
        RestoreResult restore = new BackupRestore(new Connector()).run(new RestoreRequest(backup.archive(), spec(pg, restored), 2,
                null, false, key, false), CopyProgress.NONE);
        assertThat(restore.passed()).as("restore %s", restore).isTrue();
        return restored;
    }

    /** A new database holding the fixture and the parts for {@code major}. */
    static String fixture(PostgresExtension pg, int major) throws Exception {
        String database = pg.newDatabase();
        execute(pg, database, SchemaDumpIT.resource("/io/pgcarry/schema/all-kinds.sql"));
        if (major >= 14) {
            execute(pg, database, SchemaDumpIT.resource("/io/pgcarry/schema/all-kinds-14.sql"));
        }
        if (major >= 15) {
            execute(pg, database, SchemaDumpIT.resource("/io/pgcarry/schema/all-kinds-15.sql"));
        }
        return database;
    }
}
