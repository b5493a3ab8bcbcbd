package io.pgcarry.migrate.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.migrate.MigrationTool;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the replay refuses before it starts, and the CREATE EXTENSION statements it watches for. */
class ReplayInputTest {
    @Test
    void aMigrationThatIsNotSqlIsRefused() {
        assertThatThrownBy(() -> MigrateVerify.requireSql(MigrationTool.GOOSE, "00002_backfill.go"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith("migrate verify replays SQL migrations, and goose's 00002_backfill.go is not SQL");
    }

    @Test
    void createExtensionIsRecognisedWithTheNameAsPostgresqlKeepsIt() {
        assertThat(ExtensionStatement.created("CREATE EXTENSION postgis")).contains("postgis");
        assertThat(ExtensionStatement.created("create extension if not exists PostGIS with schema extensions")).contains("postgis");
        assertThat(ExtensionStatement.created("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\"")).contains("uuid-ossp");
        assertThat(ExtensionStatement.created("CREATE EXTENSION \"My\"\"Ext\" CASCADE")).contains("My\"Ext");
        assertThat(ExtensionStatement.created("\n  CREATE\n EXTENSION\tvector;")).contains("vector");
        assertThat(ExtensionStatement.created("ALTER EXTENSION postgis UPDATE")).isEqualTo(Optional.empty());
        assertThat(ExtensionStatement.created("CREATE TABLE extension (id int)")).isEmpty();
    }
}
