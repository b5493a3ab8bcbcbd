package io.pgcarry.parallel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pgcarry.error.ConfigurationException;
import io.pgcarry.parallel.TaskGraph.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaskGraphTest {
    /** The one thing the tasks of a test share or hold alone. */
    private record Named(String name) implements TaskGraph.Resource {
    }

    private static final Named TABLE = new Named("table");

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    private Task step(String name, long millis) {
        return Task.of(name, c -> {
            log.add("start " + name);
            sleep(millis);
            log.add("end " + name);
        });
    }

    @Test
    void aTaskStartsOnlyAfterTheTasksItFollows() {
        List<Task> tasks = List.of(
                step("build", 5).after(Set.of("load a", "load b")),
                step("load a", 40),
                step("load b", 10),
                step("check", 5).after(Set.of("build")));

        TaskGraph.run("test", 3, tasks, () -> null);

        assertThat(log).hasSize(8);
        assertThat(log.indexOf("start build")).isGreaterThan(log.indexOf("end load a")).isGreaterThan(log.indexOf("end load b"));
        assertThat(log.indexOf("start check")).isGreaterThan(log.indexOf("end build"));
    }

    @Test
    void aFreeWorkerTakesTheFirstTaskThatMayStart() {
        List<Task> tasks = List.of(step("first", 30), step("second", 5), step("third", 5));

        TaskGraph.run("test", 1, tasks, () -> null);

        assertThat(log).containsExactly("start first", "end first", "start second", "end second", "start third", "end third");
    }

    @Test
    void anExclusiveResourceIsNeverUsedTogetherWhileSharedOnesAre() {
        Map<String, AtomicInteger> users = new ConcurrentHashMap<>();
        AtomicInteger worst = new AtomicInteger();
        AtomicInteger sharedTogether = new AtomicInteger();
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            boolean exclusive = i % 3 == 0;
            Task task = Task.of("t" + i, c -> {
                int now = users.computeIfAbsent("table", k -> new AtomicInteger()).incrementAndGet();
                if (exclusive) {
                    worst.accumulateAndGet(now, Math::max);
                } else {
                    sharedTogether.accumulateAndGet(now, Math::max);
                }
                sleep(20);
                users.get("table").decrementAndGet();
            });
            tasks.add(exclusive ? task.exclusive(TABLE) : task.shared(TABLE));
        }

        TaskGraph.run("test", 4, tasks, () -> null);

        assertThat(worst.get()).as("users while an exclusive task ran").isEqualTo(1);
        assertThat(sharedTogether.get()).as("shared users at once").isGreaterThan(1);
    }

    @Test
    void theFirstFailureStopsNewTasksAndReachesTheCaller() {
        List<Task> tasks = List.of(
                Task.of("fails", c -> {
                    throw new ConfigurationException("broken on purpose");
                }),
                step("after", 1).after(Set.of("fails")),
                step("other", 1).after(Set.of("fails")));

        assertThatThrownBy(() -> TaskGraph.run("test", 2, tasks, () -> null))
                .isInstanceOf(ConfigurationException.class).hasMessage("broken on purpose");
        assertThat(log).isEmpty();
    }

    @Test
    void tasksThatWaitForEachOtherAreRefused() {
        List<Task> tasks = List.of(step("a", 1).after(Set.of("b")), step("b", 1).after(Set.of("a")));

        assertThatThrownBy(() -> TaskGraph.run("test", 2, tasks, () -> null)).hasMessageContaining("wait for each other");
        assertThatThrownBy(() -> TaskGraph.run("test", 2, List.of(step("a", 1).after(Set.of("nobody"))), () -> null))
                .hasMessageContaining("unknown task nobody");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theFirstFailureIsThrownWithTheOtherWorkersOwnFailuresKeptBesideIt() {
        java.util.concurrent.CountDownLatch bothStarted = new java.util.concurrent.CountDownLatch(2);
        List<Task> tasks = List.of(
                Task.of("a", c -> {
                    bothStarted.countDown();
                    await(bothStarted);
                    throw new ConfigurationException("a broke");
                }),
                Task.of("b", c -> {
                    bothStarted.countDown();
                    await(bothStarted);
                    sleep(50);
                    throw new ConfigurationException("b broke too");
                }),
                step("c", 1));

        assertThatThrownBy(() -> TaskGraph.run("test", 2, tasks, () -> null))
                .hasMessage("a broke")
                .satisfies(e -> assertThat(e.getSuppressed()).extracting(Throwable::getMessage).containsExactly("b broke too"));
        assertThat(log).as("no task starts after the first failure").doesNotContain("start c");
    }

    @Test
    void forEachRunsEveryItemOnceWithAtMostTheGivenWorkers() {
        List<Integer> items = java.util.stream.IntStream.range(0, 50).boxed().toList();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        TaskGraph.forEach("test", 3, items, () -> null, (c, item) -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(1);
            assertThat(seen.add(item)).isTrue();
            running.decrementAndGet();
        });
        assertThat(seen).hasSize(50);
        assertThat(most.get()).isBetween(1, 3);
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
