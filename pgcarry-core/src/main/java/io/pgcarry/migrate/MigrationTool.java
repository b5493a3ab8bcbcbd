package io.pgcarry.migrate;

import com.fasterxml.jackson.annotation.JsonValue;
import io.pgcarry.error.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The migration tools whose directories and ledgers pgcarry knows, by the name {@code --tool} takes. */
public enum MigrationTool {
    PRISMA("prisma"),
    DRIZZLE("drizzle"),
    FLYWAY("flyway"),
    LIQUIBASE("liquibase"),
    ATLAS("atlas"),
    SQITCH("sqitch"),
    DBMATE("dbmate"),
    GOLANG_MIGRATE("golang-migrate"),
    GOOSE("goose"),
    RAILS("rails"),
    GRAPHILE("graphile"),
    PGCARRY("pgcarry");

    private final String cliName;

    MigrationTool(String cliName) {
        this.cliName = cliName;
    }

    /** The name on the command line and in JSON: {@code golang-migrate}, {@code prisma}. */
    @JsonValue
    public String cliName() {
        return cliName;
    }

    /** The tool named {@code name} (as {@link #cliName()}, any case); refuses an unknown name, listing the known ones. */
    public static MigrationTool parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.cliName.equals(wanted)).findFirst()
                .orElseThrow(() -> new ConfigurationException("unknown migration tool '" + name + "'; use auto or one of "
                        + names()));
    }

    /** Every tool's name, comma-separated, for messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(MigrationTool::cliName).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
