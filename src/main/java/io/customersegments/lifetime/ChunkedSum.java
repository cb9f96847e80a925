package io.customersegments.lifetime;

import java.util.stream.IntStream;

/**
 * A sum over many terms, computed on every core in fixed chunks and added chunk by chunk in order, so the
 * same terms always give the same sum (a likelihood the optimiser compares must not wobble with scheduling).
 */
final class ChunkedSum {

    /** Terms per unit of parallel work. */
    private static final int CHUNK = 16_384;

    /** The sum of the terms from {@code from} (inclusive) to {@code to} (exclusive). */
    @FunctionalInterface
    interface Range {

        double sum(int from, int to);

    }

    private ChunkedSum() {
    }

    static double of(int n, Range range) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[] partial = new double[chunks];
        IntStream.range(0, chunks).parallel()
            .forEach(chunk -> partial[chunk] = range.sum(chunk * CHUNK, Math.min(n, (chunk + 1) * CHUNK)));
        double sum = 0;
        for (double value : partial) {
            sum += value;
        }
        return sum;
    }

}
