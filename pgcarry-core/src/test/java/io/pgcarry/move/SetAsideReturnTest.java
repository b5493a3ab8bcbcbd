package io.pgcarry.move;

import io.pgcarry.load.TableLock;
import static org.assertj.core.api.Assertions.assertThat;

import io.pgcarry.catalog.QualifiedName;
import io.pgcarry.load.LoadGraph;
import io.pgcarry.load.LoadGraph.Step;
import io.pgcarry.parallel.TaskGraph.Task;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The order in which a move brings back what it set aside, and the locks that keep tasks apart. */
class SetAsideReturnTest {
    private static final QualifiedName A = new QualifiedName("public", "a");
    private static final QualifiedName B = new QualifiedName("public", "b");
    private static final QualifiedName C = new QualifiedName("public", "c");

    private static final JournalObject KEY_A = new JournalObject(SetAsideKind.KEY, A, "a_pkey", "PRIMARY KEY (id)", true, SetAsideState.DROPPED,
            null, "CREATE UNIQUE INDEX a_pkey ON public.a USING btree (id)", null, "PRIMARY KEY USING INDEX a_pkey", null);
    private static final JournalObject INDEX_A = new JournalObject(SetAsideKind.INDEX, A, "a_note_idx",
            "CREATE INDEX a_note_idx ON public.a USING btree (note)", true, SetAsideState.DROPPED);
    private static final JournalObject KEY_B = new JournalObject(SetAsideKind.KEY, B, "b_pkey", "PRIMARY KEY (id)", true, SetAsideState.DROPPED);
    private static final JournalObject FK_A_B = new JournalObject(SetAsideKind.FOREIGN_KEY, A, "a_b_fkey",
            "FOREIGN KEY (b_id) REFERENCES b(id)", true, SetAsideState.DROPPED, null, null, B, null, null);
    private static final JournalObject FK_C_A = new JournalObject(SetAsideKind.FOREIGN_KEY, C, "c_a_fkey",
            "FOREIGN KEY (a_id) REFERENCES a(id)", true, SetAsideState.RESTORED, null, null, A, null, null);
    private static final JournalObject FK_UNKNOWN = new JournalObject(SetAsideKind.FOREIGN_KEY, C, "c_x_fkey",
            "FOREIGN KEY (x) REFERENCES x(id)", false, SetAsideState.DROPPED, null, null, null, null, null);
    private static final JournalObject TRIGGER_A = new JournalObject(SetAsideKind.TRIGGER, A, "a_audit", "O", true, SetAsideState.DROPPED);

    private final List<Task> tasks = graph();

    private static List<Task> graph() {
        LoadGraph graph = new LoadGraph(Map.of(A, 100L, B, 10L), phase -> { });
        graph.add(Step.LOAD, A, "copy a 0", c -> { }).add(Step.LOAD, A, "copy a 1", c -> { }).add(Step.LOAD, B, "copy b 0", c -> { });
        new SetAsideReturn(1).addTo(graph, List.of(KEY_A, INDEX_A, KEY_B, FK_A_B, FK_C_A, FK_UNKNOWN, TRIGGER_A));
        return graph.tasks();
    }

    @Test
    void keysAndIndexesWaitForTheirOwnTableOnly() {
        assertThat(task("key \"public\".\"a\" a_pkey").after()).containsExactlyInAnyOrder("copy a 0", "copy a 1");
        assertThat(task("index \"public\".\"a\" a_note_idx").after()).containsExactlyInAnyOrder("copy a 0", "copy a 1");
        assertThat(task("key \"public\".\"b\" b_pkey").after()).containsExactly("copy b 0");
    }

    @Test
    void aKeyWithItsIndexLetsReadersInAndOneWithoutLocksItsTable() {
        Task twoSteps = task("key \"public\".\"a\" a_pkey");
        assertThat(twoSteps.exclusive()).containsExactly(TableLock.keyAttach(A));
        assertThat(twoSteps.shared()).containsExactlyInAnyOrder(TableLock.of(A), TableLock.changes(A));
        Task oneStep = task("key \"public\".\"b\" b_pkey");
        assertThat(oneStep.exclusive()).containsExactly(TableLock.of(B));
        assertThat(task("index \"public\".\"a\" a_note_idx").shared()).containsExactlyInAnyOrder(TableLock.of(A), TableLock.changes(A));
    }

    @Test
    void aForeignKeyWaitsForBothTablesAndIsValidatedAfterItIsAdded() {
        Task add = task("add fk \"public\".\"a\" a_b_fkey");
        assertThat(add.after()).containsExactlyInAnyOrder("copy a 0", "copy a 1", "copy b 0", "key \"public\".\"a\" a_pkey",
                "index \"public\".\"a\" a_note_idx", "key \"public\".\"b\" b_pkey");
        assertThat(add.exclusive()).containsExactlyInAnyOrder(TableLock.changes(A), TableLock.changes(B));
        assertThat(task("validate fk \"public\".\"a\" a_b_fkey").after()).containsExactly(add.name());
    }

    @Test
    void aKeyRestoredBeforeIsOnlyValidatedAndOneOfUnknownTargetWaitsForEverything() {
        assertThat(tasks.stream().map(Task::name)).doesNotContain("add fk \"public\".\"c\" c_a_fkey");
        assertThat(task("validate fk \"public\".\"c\" c_a_fkey").after()).containsExactlyInAnyOrder("copy a 0", "copy a 1",
                "key \"public\".\"a\" a_pkey", "index \"public\".\"a\" a_note_idx");
        assertThat(task("add fk \"public\".\"c\" c_x_fkey").after()).hasSize(6);
        assertThat(tasks.stream().map(Task::name)).as("was not valid before the move: stays so")
                .doesNotContain("validate fk \"public\".\"c\" c_x_fkey");
    }

    @Test
    void triggersComeBackOnceTheirTableIsLoaded() {
        Task trigger = task("trigger \"public\".\"a\" a_audit");
        assertThat(trigger.after()).containsExactlyInAnyOrder("copy a 0", "copy a 1");
        assertThat(trigger.exclusive()).containsExactly(TableLock.changes(A));
    }

    private Task task(String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + name + " in " + tasks.stream().map(Task::name).toList()));
    }
}
