package io.pgcarry.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.parallel.TaskGraph.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one load graph's rules, as a restore uses them: what waits for what, what holds which lock, in which order. */
class LoadGraphTest {
    private static final QualifiedName ORDERS = new QualifiedName("shop", "orders");
    private static final QualifiedName CUSTOMER = new QualifiedName("shop", "Customer");
    private final List<String> phases = new ArrayList<>();
    private final List<Task> tasks = graph();

    private List<Task> graph() {
        LoadGraph graph = new LoadGraph(Map.of(ORDERS, 1000L, CUSTOMER, 10L), phases::add);
        graph.add(Step.LOAD, CUSTOMER, "load customer", c -> { }).add(Step.LOAD, ORDERS, "load orders 1", c -> { })
                .add(Step.LOAD, ORDERS, "load orders 2", c -> { })
                .add(Step.INDEX, ORDERS, "index orders", c -> { })
                .add(Step.KEY_IN_TWO_STEPS, CUSTOMER, "key customer", c -> { })
                .add(Step.KEY, ORDERS, "key orders", c -> { })
                .foreignKey(Step.FOREIGN_KEY, ORDERS, "orders_customer_fkey", CUSTOMER, "add fk", c -> { })
                .foreignKey(Step.VALIDATE, ORDERS, "orders_customer_fkey", CUSTOMER, "validate fk", c -> { })
                .add(Step.READ, ORDERS, "hash orders", c -> { })
                .add(Step.ANALYZE, ORDERS, "analyze orders", c -> { })
                .add(Step.ANALYZE, CUSTOMER, "analyze customer", c -> { })
                .afterAll("post-data", "the rest", c -> { })
                .afterThat(Step.ANALYZE, new QualifiedName("shop", "parted"), "analyze parted", c -> { });
        return graph.tasks();
    }

    @Test
    void aForeignKeyIsAddedOnceBothTablesAreBuiltAndValidatedOnceBothHaveStatistics() {
        assertThat(task("add fk").after()).containsExactlyInAnyOrder("load customer", "load orders 1", "load orders 2",
                "index orders", "key customer", "key orders");
        assertThat(task("validate fk").after()).containsExactlyInAnyOrder("add fk", "analyze orders", "analyze customer");
        assertThat(task("analyze orders").after()).containsExactlyInAnyOrder("load orders 1", "load orders 2", "index orders", "key orders");
        assertThat(task("hash orders").after()).containsExactlyInAnyOrder("load orders 1", "load orders 2");
    }

    @Test
    void eachStepHoldsWhatTheServerWouldMakeOthersWaitFor() {
        assertThat(task("key orders").exclusive()).containsExactly(TableLock.of(ORDERS));
        assertThat(task("key customer").exclusive()).containsExactly(TableLock.keyAttach(CUSTOMER));
        assertThat(task("index orders").shared()).containsExactlyInAnyOrder(TableLock.of(ORDERS), TableLock.changes(ORDERS));
        assertThat(task("hash orders").shared()).containsExactly(TableLock.of(ORDERS));
        assertThat(task("hash orders").exclusive()).isEmpty();
        assertThat(task("add fk").exclusive()).containsExactlyInAnyOrder(TableLock.changes(ORDERS), TableLock.changes(CUSTOMER));
        assertThat(task("analyze orders").exclusive()).containsExactly(TableLock.changes(ORDERS));
    }

    @Test
    void loadsKeepTheirOrderThenKeysOfTheBiggestTableAndTheRestComeLast() {
        List<String> names = tasks.stream().map(Task::name).toList();
        assertThat(names).startsWith("load customer", "load orders 1", "load orders 2", "key orders", "key customer", "index orders");
        assertThat(names).endsWith("post-data", "analyze parted");
        assertThat(task("post-data").after()).hasSize(names.size() - 2);
        assertThat(task("analyze parted").after()).hasSize(names.size() - 1);
    }

    @Test
    void eachStageIsAnnouncedOnceByItsFirstStep() throws Exception {
        for (String name : List.of("index orders", "key orders", "analyze orders", "analyze customer", "load customer")) {
            task(name).work().run(null);
        }
        assertThat(phases).containsExactly("indexes", "statistics");
    }

    private Task task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no task " + name));
    }
}
