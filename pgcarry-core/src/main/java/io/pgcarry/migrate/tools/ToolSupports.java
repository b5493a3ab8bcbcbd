package io.pgcarry.migrate.tools;

import io.pgcarry.migrate.MigrationTool;
import io.pgcarry.migrate.ToolSupport;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every tool's {@link ToolSupport}: the one place a new tool is added. */
public final class ToolSupports {
    private static final Map<MigrationTool, ToolSupport> SUPPORTS = supports();

    private ToolSupports() {
    }

    private static Map<MigrationTool, ToolSupport> supports() {
        Map<MigrationTool, ToolSupport> supports = new EnumMap<>(MigrationTool.class);
        for (ToolSupport support : List.of(new PrismaSupport(), new DrizzleSupport(), new FlywaySupport(), new DbmateSupport(),
                new GolangMigrateSupport(), new GooseSupport(), new RailsSupport(), new PgcarrySupport(), new LiquibaseSupport(),
                new AtlasSupport(), new SqitchSupport(), new GraphileSupport())) {
            supports.put(support.tool(), support);
        }
        if (supports.size() != MigrationTool.values().length) {
            throw new IllegalStateException("a migration tool has no support");
        }
        return supports;
    }

    /** The support of {@code tool}. */
    public static ToolSupport of(MigrationTool tool) {
        return SUPPORTS.get(tool);
    }

    /** Every tool's support, in {@link MigrationTool}'s order. */
    public static List<ToolSupport> all() {
        return List.copyOf(SUPPORTS.values());
    }
}
