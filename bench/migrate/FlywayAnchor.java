import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway itself, through its Java API, for bench/migrate/run.sh: the anchor pgcarry migrate status is measured
 * against, and the judge of what pgcarry migrate apply wrote. Compiled and run by the script with Flyway's jars
 * (fetched by Maven) on the class path; never part of pgcarry.
 *
 * <pre>
 * FlywayAnchor COMMAND JDBC_URL USER LOCATION [TARGET]
 *   migrate   flyway migrate (up to TARGET when given)
 *   info      flyway info: reads the history and the location, prints the count of each state
 *   check     flyway info, then flyway validate: prints the count of each state and the validation result
 * </pre>
 *
 * Prints one line {@code states: SUCCESS=500 ... in S s} (and {@code validate: ok, N migrations} or the errors);
 * exits 1 when validation fails, 0 otherwise.
 */
public final class FlywayAnchor {
    private FlywayAnchor() {
    }

    public static void main(String[] args) {
        if (args.length < 4) {
            System.err.println("usage: FlywayAnchor migrate|info|check JDBC_URL USER LOCATION [TARGET]");
            System.exit(2);
        }
        var configuration = Flyway.configure().dataSource(args[1], args[2], null).locations("filesystem:" + args[3]);
        if (args.length > 4) {
            configuration.target(args[4]);
        }
        // Without the transactional lock, as Flyway advises for CREATE INDEX CONCURRENTLY: with it, such a statement
        // waits for ever for the open transaction that holds the lock.
        configuration.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        Flyway flyway = configuration.load();
        long start = System.nanoTime();
        int exit = switch (args[0]) {
            case "migrate" -> migrate(flyway);
            case "info" -> info(flyway, start);
            case "check" -> check(flyway, start);
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        };
        System.exit(exit);
    }

    private static int migrate(Flyway flyway) {
        var result = flyway.migrate();
        System.out.println("migrate: " + result.migrationsExecuted + " migrations executed");
        return 0;
    }

    private static int info(Flyway flyway, long start) {
        MigrationInfoService info = flyway.info();
        System.out.println("states: " + states(info.all()) + " in " + seconds(start) + " s");
        return 0;
    }

    private static int check(Flyway flyway, long start) {
        MigrationInfoService info = flyway.info();
        ValidateResult result = flyway.validateWithResult();
        System.out.println("states: " + states(info.all()) + " in " + seconds(start) + " s");
        if (result.validationSuccessful) {
            System.out.println("validate: ok, " + result.validateCount + " migrations");
            return 0;
        }
        System.out.println("validate: FAILED: " + result.getAllErrorMessages());
        return 1;
    }

    /** Each state Flyway gives the migrations, with how many have it: {@code SUCCESS=500}. */
    private static Map<String, Integer> states(MigrationInfo[] all) {
        Map<String, Integer> counts = new TreeMap<>();
        Arrays.stream(all).forEach(m -> counts.merge(m.getState().name(), 1, Integer::sum));
        return counts;
    }

    private static String seconds(long start) {
        return String.format("%.3f", (System.nanoTime() - start) / 1e9);
    }
}
