package io.pgcarry.migrate.verify;

import static io.pgcarry.migrate.MigrationFixtures.sql;
import static io.pgcarry.migrate.verify.VerifyFixtures.drift;
import static io.pgcarry.migrate.verify.VerifyFixtures.ordered;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaDeploy;
import static io.pgcarry.migrate.verify.VerifyFixtures.prismaProject;
import static io.pgcarry.migrate.verify.VerifyFixtures.verify;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration creates an extension the throw-away server does not have, as PostGIS is on a managed server and not in
 * the embedded binaries. The target gets a small extension of the test's own (a type and a function, as PostGIS has),
 * whose files are removed from the installation once it is created: the throw-away server, started from the same
 * installation, then lacks it as it would lack PostGIS.
 */
class MissingExtensionVerifyIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    private static final String EXTENSION = "pgcarry_test_geo";
    private static final String CONTROL = "comment = 'points for a pgcarry test'\ndefault_version = '1.0'\nrelocatable = true\n";
    private static final String SCRIPT = """
            CREATE DOMAIN geo_point AS point;
            CREATE FUNCTION geo_x(geo_point) RETURNS double precision LANGUAGE sql IMMUTABLE AS 'SELECT ($1)[0]';
            """;
    private static final Map<String, String> MIGRATIONS = ordered(
            "20240101000000_init", "CREATE TABLE \"users\" (\"id\" SERIAL PRIMARY KEY, \"name\" TEXT NOT NULL);\n",
            "20240102000000_places", """
                    CREATE EXTENSION IF NOT EXISTS "pgcarry_test_geo";

                    CREATE TABLE "places" ("id" SERIAL PRIMARY KEY, "location" geo_point NOT NULL, "label" TEXT);
                    CREATE INDEX "places_x_idx" ON "places" (geo_x("location"));
                    ALTER TABLE "users" ADD COLUMN "home" geo_point;
                    ALTER TABLE "users" ADD COLUMN "email" TEXT;
                    CREATE TABLE "visits" ("id" SERIAL PRIMARY KEY, "placeId" INTEGER NOT NULL REFERENCES "places"("id"));
                    """,
            "20240103000000_index", "CREATE INDEX \"users_email_idx\" ON \"users\"(\"email\");\n");

    @TempDir
    Path dir;

    @Test
    void theMissingExtensionIsNotedAndTheRestCompared() throws Exception {
        for (PostgresExtension pg : List.of(pg13, pg17)) {
            Path project = prismaProject(dir.resolve(pg.database()), MIGRATIONS);
            Path extensions = Path.of(shareDirectory(pg), "extension");
            Path control = extensions.resolve(EXTENSION + ".control");
            Path script = extensions.resolve(EXTENSION + "--1.0.sql");
            try {
                Files.writeString(control, CONTROL);
                Files.writeString(script, SCRIPT);
                prismaDeploy(pg, MIGRATIONS);
            } finally {
                Files.deleteIfExists(control);
                Files.deleteIfExists(script);
            }
            sql(pg, "ALTER TABLE users ADD COLUMN nickname text");
            VerifyResult result = verify(pg, project, null, false);
            assertThat(result.missingExtensions()).containsExactly(EXTENSION);
            assertThat(result.notes()).hasSize(5).allSatisfy(n -> assertThat(n).startsWith("20240102000000_places/migration.sql line "));
            assertThat(result.notes().get(0)).startsWith("20240102000000_places/migration.sql line 1: extension pgcarry_test_geo is "
                    + "not available on this server, skipped: [");
            assertThat(result.notes().get(1)).contains("line 3: skipped, it needs what the missing extension pgcarry_test_geo would "
                    + "have made: [42704] type \"geo_point\" does not exist");
            assertThat(result.excluded()).containsExactly("extension pgcarry_test_geo", "sequence public.places_id_seq",
                    "sequence public.visits_id_seq", "table public.places", "table public.visits", "column public.users.home");
            assertThat(drift(result)).as("the rest is compared").containsExactly("extra in the target: column public.users.nickname");
        }
    }

    private static String shareDirectory(PostgresExtension pg) throws Exception {
        try (Connection c = pg.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
