package io.pgcarry.rehearse;

import io.pgcarry.lint.LockMode;
import static io.pgcarry.rehearse.RehearsalFixture.copy;
import static io.pgcarry.rehearse.RehearsalFixture.files;
import static io.pgcarry.rehearse.RehearsalFixture.fingerprint;
import static io.pgcarry.rehearse.RehearsalFixture.scratchDatabases;
import static io.pgcarry.rehearse.RehearsalFixture.spec;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.connect.Connector;
import io.pgcarry.embedded.junit.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rehearse} on a 100,000-row table as a role without superuser rights: a suite of migration patterns, safe and
 * unsafe, each judged from what was measured; failures naming their rows; probes; lock_timeout trials; and the live
 * database untouched, the scratch database gone.
 */
class RehearseIT {
    @RegisterExtension
    static final PostgresExtension pg13 = PostgresExtension.major(13);
    @RegisterExtension
    static final PostgresExtension pg17 = PostgresExtension.major(17);

    /** Pattern, statement, expected verdict, expected strongest mode on an existing relation (null: none), rewrite. */
    record Pattern(String name, String sql, Verdict.Kind verdict, LockMode mode, boolean rewrite) {
    }

    static final List<Pattern> SUITE = List.of(
            new Pattern("add nullable column", "ALTER TABLE orders ADD COLUMN flag boolean", Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("add column with constant default", "ALTER TABLE orders ADD COLUMN region text NOT NULL DEFAULT 'eu'",
                    Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("add column with volatile default", "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid()",
                    Verdict.Kind.REWRITES, LockMode.ACCESS_EXCLUSIVE, true),
            new Pattern("create index", "CREATE INDEX orders_customer_idx ON orders (customer_id)", Verdict.Kind.BLOCKS_WRITES,
                    LockMode.SHARE, false),
            new Pattern("create index concurrently", "CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount)", Verdict.Kind.SAFE,
                    LockMode.SHARE_UPDATE_EXCLUSIVE, false),
            new Pattern("add foreign key", "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES customer (id)",
                    Verdict.Kind.BLOCKS_WRITES, LockMode.SHARE_ROW_EXCLUSIVE, false),
            new Pattern("drop constraint", "ALTER TABLE orders DROP CONSTRAINT orders_customer_fk", Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("add foreign key not valid", "ALTER TABLE orders ADD CONSTRAINT orders_customer_fk2 FOREIGN KEY (customer_id) "
                    + "REFERENCES customer (id) NOT VALID", Verdict.Kind.SAFE, LockMode.SHARE_ROW_EXCLUSIVE, false),
            new Pattern("validate foreign key", "ALTER TABLE orders VALIDATE CONSTRAINT orders_customer_fk2", Verdict.Kind.SAFE,
                    LockMode.SHARE_UPDATE_EXCLUSIVE, false),
            new Pattern("add check", "ALTER TABLE orders ADD CONSTRAINT amount_nonneg CHECK (amount >= 0)", Verdict.Kind.BLOCKS_READS_AND_WRITES,
                    LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("add check not valid", "ALTER TABLE orders ADD CONSTRAINT amount_small CHECK (amount < 1000) NOT VALID",
                    Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("validate check", "ALTER TABLE orders VALIDATE CONSTRAINT amount_small", Verdict.Kind.SAFE,
                    LockMode.SHARE_UPDATE_EXCLUSIVE, false),
            new Pattern("set not null", "ALTER TABLE orders ALTER COLUMN status SET NOT NULL", Verdict.Kind.BLOCKS_READS_AND_WRITES,
                    LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("change type, rewriting", "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint", Verdict.Kind.REWRITES,
                    LockMode.ACCESS_EXCLUSIVE, true),
            new Pattern("change type, binary-coercible", "ALTER TABLE orders ALTER COLUMN note TYPE varchar", Verdict.Kind.SAFE,
                    LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("backfill", "UPDATE orders SET flag = true WHERE id <= 20000", Verdict.Kind.SAFE, LockMode.ROW_EXCLUSIVE, false),
            new Pattern("rename column", "ALTER TABLE orders RENAME COLUMN region TO area", Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("drop column", "ALTER TABLE orders DROP COLUMN token", Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("new table referencing", "CREATE TABLE shipment (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id))",
                    Verdict.Kind.SAFE, LockMode.SHARE_ROW_EXCLUSIVE, false),
            new Pattern("index on the new table", "CREATE INDEX shipment_order_idx ON shipment (order_id)", Verdict.Kind.SAFE, null, false),
            new Pattern("reindex concurrently", "REINDEX INDEX CONCURRENTLY orders_amount_idx", Verdict.Kind.SAFE,
                    LockMode.SHARE_UPDATE_EXCLUSIVE, false),
            new Pattern("drop index", "DROP INDEX orders_amount_idx", Verdict.Kind.SAFE, LockMode.ACCESS_EXCLUSIVE, false),
            new Pattern("vacuum full", "VACUUM FULL orders", Verdict.Kind.REWRITES, LockMode.ACCESS_EXCLUSIVE, true));

    @BeforeAll
    static void base() throws Exception {
        RehearsalFixture.build(pg13);
        RehearsalFixture.build(pg17);
    }

    static PostgresExtension pg(int major) {
        return major == 13 ? pg13 : pg17;
    }

    static RehearseRequest request(PostgresExtension pg, String on, List<Path> files, boolean probes, Duration lockTimeout, boolean proof) {
        return new RehearseRequest(spec(pg, on), null, files, null, null, null, false, probes, lockTimeout, Duration.ofSeconds(5), null, proof);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void eachPatternIsJudgedFromWhatItDidAndTheLiveDatabaseIsUntouched(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = copy(pg);
        String before = fingerprint(pg, on);
        List<Path> files = files(dir, SUITE.stream().map(p -> p.sql() + ";").toArray(String[]::new));

        RehearsalResult result = new Rehearse(new Connector()).run(request(pg, on, files, false, null, true), p -> { });

        assertThat(result.statements()).hasSize(SUITE.size());
        for (int i = 0; i < SUITE.size(); i++) {
            Pattern p = SUITE.get(i);
            StatementResult s = result.statements().get(i);
            String what = p.name() + ": " + s;
            assertThat(s.verdict().kind()).as(what).isEqualTo(p.verdict());
            assertThat(s.strongest().map(HeldLock::mode).orElse(null)).as(what).isEqualTo(p.mode());
            assertThat(s.rewrittenBytes() > 0).as(what).isEqualTo(p.rewrite());
            if (p.mode() != null) {
                assertThat(s.strongest().orElseThrow().heldSeconds()).as(what).isGreaterThan(0);
            }
        }
        StatementResult volatileDefault = result.statements().get(2);
        assertThat(volatileDefault.written()).anyMatch(w -> w.rewritten() && w.relation().equals("public.orders") && w.bytes() > 5_000_000);
        assertThat(volatileDefault.walBytes()).isGreaterThan(1_000_000);
        assertThat(volatileDefault.verdict().text()).startsWith("rewrites ").contains(" MB under ACCESS EXCLUSIVE (blocks reads and writes ");
        assertThat(result.statements().get(3).verdict().text()).matches("blocks writes \\d+ ms");
        assertThat(result.statements().get(5).locks()).extracting(HeldLock::relation).contains("public.orders", "public.customer");
        assertThat(result.statements().get(15).rowsWritten()).isEqualTo(20_000);
        assertThat(result.leftovers().deadRows()).containsEntry("public.orders", 20_000L);
        assertThat(result.passed()).isTrue();

        assertThat(result.postState().schemaChanges()).anyMatch(c -> c.contains("shipment")).anyMatch(c -> c.contains("orders"));
        assertThat(result.postState().untouchedTables()).isEqualTo(1);
        assertThat(result.postState().untouchedChanged()).isEmpty();
        assertThat(fingerprint(pg, on)).isEqualTo(before);
        assertThat(scratchDatabases(pg)).isEmpty();
        assertThat(result.scratchDropped()).isTrue();
        assertThat(result.scratchMethod()).isEqualTo(ScratchMethod.TEMPLATE);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aValidationFailingOnThreeRowsNamesTheirKeysStopsTheRunAndLeavesNoScratch(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = copy(pg);
        RehearsalFixture.execute(pg, on, "UPDATE orders SET amount = -5 WHERE id IN (11, 22, 33)");
        List<Path> files = files(dir, "ALTER TABLE orders ADD CONSTRAINT amount_nonneg CHECK (amount >= 0) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT amount_nonneg;\nALTER TABLE orders ADD COLUMN later int;");

        RehearsalResult result = new Rehearse(new Connector()).run(request(pg, on, files, false, null, false), p -> { });

        StatementResult validate = result.statements().get(1);
        assertThat(validate.failure().sqlState()).isEqualTo("23514");
        assertThat(validate.failure().rows()).isEqualTo(3);
        assertThat(validate.failure().keys()).containsExactly("id=11", "id=22", "id=33");
        assertThat(validate.verdict().text()).isEqualTo("fails on data: 3 rows (keys id=11, id=22, id=33)");
        assertThat(validate.locks()).extracting(HeldLock::mode).contains(LockMode.SHARE_UPDATE_EXCLUSIVE);
        assertThat(result.statements().get(2).verdict().kind()).isEqualTo(Verdict.Kind.NOT_RUN);
        assertThat(result.passed()).isFalse();
        assertThat(scratchDatabases(pg)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ALTER TABLE orders ALTER COLUMN note SET NOT NULL", "CREATE UNIQUE INDEX orders_customer_uq ON orders (customer_id)",
            "CREATE UNIQUE INDEX CONCURRENTLY orders_customer_uq ON orders (customer_id)",
            "ALTER TABLE orders ADD CONSTRAINT amount_small CHECK (amount < 990)"})
    void aStatementTheDataBreaksNamesTheRows(String sql, @TempDir Path dir) throws Exception {
        String on = copy(pg17);
        RehearsalResult result = new Rehearse(new Connector()).run(request(pg17, on, files(dir, sql + ";"), false, null, false), p -> { });

        Failure failure = result.statements().get(0).failure();
        assertThat(failure.rows()).as(failure.toString()).isGreaterThan(10);
        assertThat(failure.keys()).hasSize(10).allMatch(k -> k.matches("id=\\d+"));
        assertThat(result.statements().get(0).verdict().text()).startsWith("fails on data: " + failure.rows() + " rows (keys id=");
        assertThat(result.leftovers().invalidIndexes()).hasSize(sql.contains("CONCURRENTLY") ? 1 : 0);
        assertThat(scratchDatabases(pg17)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void aProbeIsBlockedByAnAccessExclusiveStatementAndNotByAConcurrentIndexBuild(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = copy(pg);
        List<Path> files = files(dir, "ALTER TABLE orders ALTER COLUMN customer_id TYPE bigint;",
                "CREATE INDEX CONCURRENTLY orders_amount_idx ON orders (amount);");

        RehearsalResult result = new Rehearse(new Connector()).run(request(pg, on, files, true, null, false), p -> { });

        StatementResult rewrite = result.statements().get(0);
        assertThat(rewrite.probeWait()).as(rewrite.toString()).isNotNull();
        assertThat(rewrite.probeWait().table()).isEqualTo("public.orders");
        assertThat(rewrite.probeWait().seconds()).isGreaterThan(0.02).isLessThanOrEqualTo(rewrite.seconds() + 0.5);
        StatementResult concurrent = result.statements().get(1);
        assertThat(concurrent.seconds()).isGreaterThan(0.02);
        assertThat(concurrent.probeWait()).as(concurrent.toString()).isNull();
        assertThat(concurrent.verdict().kind()).isEqualTo(Verdict.Kind.SAFE);
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 17})
    void theLockTimeoutTrialShowsAnAccessExclusiveStatementWaitingForAReader(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = copy(pg);
        List<Path> files = files(dir, "ALTER TABLE orders ADD COLUMN flag boolean;", "CREATE INDEX orders_customer_idx ON orders (customer_id);");

        RehearsalResult result = new Rehearse(new Connector()).run(request(pg, on, files, false, Duration.ofMillis(200), false), p -> { });

        TimeoutTrial trial = result.statements().get(0).trial();
        assertThat(trial.outcome()).as(trial.toString()).isEqualTo(TimeoutTrial.Outcome.TIMED_OUT);
        assertThat(trial.seconds()).isBetween(0.15, 2.0);
        assertThat(result.statements().get(1).trial()).as("SHARE does not wait for readers: no trial").isNull();
        assertThat(result.statements().get(0).locks()).extracting(HeldLock::relation).doesNotContain("public.flag");
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void aScratchDatabaseTheUserGivesIsUsedAndKeptButNeverTheLiveOne(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = copy(pg);
        String mine = copy(pg);
        List<Path> files = files(dir, "ALTER TABLE orders ADD COLUMN flag boolean;");
        RehearseRequest same = new RehearseRequest(spec(pg, on), null, files, null, null, spec(pg, on), false, false, null, null, null, false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rehearse(new Connector()).run(same, p -> { }))
                .isInstanceOf(io.pgcarry.error.ConfigurationException.class).hasMessageContaining("--scratch is the database given with --on");
        RehearseRequest given = new RehearseRequest(spec(pg, on), null, files, null, null, spec(pg, mine), false, false, null, null, null, false);
        RehearsalResult result = new Rehearse(new Connector()).run(given, p -> { });

        assertThat(result.scratchMethod()).isEqualTo(ScratchMethod.PROVIDED);
        assertThat(result.scratchDropped()).isFalse();
        assertThat(result.scratch()).isEqualTo(mine);
        assertThat(fingerprint(pg, mine)).contains("flag boolean");
        assertThat(fingerprint(pg, on)).doesNotContain("flag boolean");
    }

    @ParameterizedTest
    @ValueSource(ints = {17})
    void whenAnotherSessionIsConnectedTheScratchIsACloneAndIsDroppedToo(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        String on = pg.newDatabase();
        pg.server().execute("ALTER DATABASE " + on + " OWNER TO " + RehearsalFixture.ROLE);
        RehearsalFixture.execute(pg, on, "CREATE TABLE orders (id int PRIMARY KEY, v text);"
                + "INSERT INTO orders SELECT g, 'v' || g FROM generate_series(1, 20000) g");
        String before = RehearsalFixture.content(pg, on);
        List<Path> files = files(dir, "ALTER TABLE orders ADD COLUMN token uuid DEFAULT gen_random_uuid();");
        RehearsalResult result;
        try (java.sql.Connection application = RehearsalFixture.connect(pg, on)) {
            result = new Rehearse(new Connector()).run(request(pg, on, files, false, null, false), p -> { });
        }

        assertThat(result.scratchMethod()).isEqualTo(ScratchMethod.CLONE);
        assertThat(result.statements().get(0).verdict().kind()).isEqualTo(Verdict.Kind.REWRITES);
        assertThat(result.statements().get(0).rewrittenBytes()).isGreaterThan(1_000_000);
        assertThat(scratchDatabases(pg)).isEmpty();
        assertThat(RehearsalFixture.content(pg, on)).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(ints = {13})
    void aRoleThatMayNotCreateDatabasesIsToldToGiveAScratch(int major, @TempDir Path dir) throws Exception {
        PostgresExtension pg = pg(major);
        pg.server().execute("CREATE ROLE reader LOGIN");
        String on = pg.newDatabase();
        String url = "postgresql://reader@127.0.0.1:" + pg.server().port() + "/" + on;
        io.pgcarry.connect.ConnectionSpec reader = new io.pgcarry.connect.ConnectionResolver(java.util.Map.of(), Path.of("/nonexistent"))
                .resolve(new io.pgcarry.connect.EndpointSource.Url(url));
        RehearseRequest request = new RehearseRequest(reader, null, files(dir, "SELECT 1;"), null, null, null, false, false, null, null,
                null, false);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Rehearse(new Connector()).run(request, p -> { }))
                .isInstanceOf(io.pgcarry.error.ConfigurationException.class)
                .hasMessage("rehearse makes its scratch copy with CREATE DATABASE, which role reader may not run; grant it CREATEDB or "
                        + "give a copy with --scratch URL");
        assertThat(scratchDatabases(pg)).isEmpty();
    }
}
