package io.customersegments;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, backing off from 5 ms to 200 ms between tries. */
public final class Poll {

    private Poll() {
    }

    /** The first non-null answer of {@code probe}; fails the test with {@code what} at the deadline. */
    public static <T> T until(Duration timeout, String what, Supplier<T> probe) {
        Instant deadline = Instant.now().plus(timeout);
        long pause = Duration.ofMillis(5).toNanos();
        while (true) {
            T answer = probe.get();
            if (answer != null) {
                return answer;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Still waiting after " + timeout.toSeconds() + " s for " + what);
            }
            LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, Duration.ofMillis(200).toNanos());
        }
    }

    /** Waits until {@code condition} holds. */
    public static void until(Duration timeout, String what, java.util.function.BooleanSupplier condition) {
        until(timeout, what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

}
