package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Test;

class WorkersTest {

    /** Each thread that runs tasks makes one state and is the only one to use it; every task runs once. */
    @Test
    void givesEachRunningThreadAStateOfItsOwn() {
        AtomicInteger made = new AtomicInteger();
        AtomicIntegerArray runs = new AtomicIntegerArray(500);
        Map<int[], Thread> users = new ConcurrentHashMap<>();
        try (Workers workers = new Workers(3)) {
            workers.forEach(500, () -> {
                made.incrementAndGet();
                return new int[1];
            }, (state, task) -> {
                Thread previous = users.putIfAbsent(state, Thread.currentThread());
                assertThat(previous == null || previous == Thread.currentThread()).isTrue();
                state[0]++;
                runs.incrementAndGet(task);
            });
        }
        for (int task = 0; task < 500; task++) {
            assertThat(runs.get(task)).isEqualTo(1);
        }
        assertThat(made.get()).isBetween(1, 3).isEqualTo(users.size());
        assertThat(users.keySet().stream().mapToInt(state -> state[0]).sum()).isEqualTo(500);
    }

    @Test
    void makesNoStateForNoTasks() {
        AtomicInteger made = new AtomicInteger();
        try (Workers workers = new Workers(2)) {
            workers.forEach(0, made::incrementAndGet, (state, task) -> {
            });
        }
        assertThat(made.get()).isZero();
    }

}
