package io.customersegments.dataset;

/**
 * A HyperLogLog sketch (2^12 registers, about 1.6% standard error) for the distinct count of a
 * column too large to count exactly. Hand-written: neither Commons Math nor the JDK has one, and a
 * whole sketch library for 40 lines is not worth the dependency.
 */
final class DistinctCounter {

    private static final int PRECISION = 12;

    private static final int REGISTERS = 1 << PRECISION;

    private final byte[] registers = new byte[REGISTERS];

    void addHash(long hash) {
        int index = (int) (hash >>> (64 - PRECISION));
        int rank = Long.numberOfLeadingZeros((hash << PRECISION) | (1L << (PRECISION - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    void addDouble(double value) {
        addHash(mix(Double.doubleToLongBits(value == 0.0 ? 0.0 : value)));
    }

    /** Adds a text value, hashed from its characters. */
    void addText(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        addHash(mix(hash));
    }

    long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte register : registers) {
            sum += 1.0 / (1L << register);
            if (register == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        double estimate = alpha * REGISTERS * REGISTERS / sum;
        if (estimate <= 2.5 * REGISTERS && zeros > 0) {
            estimate = REGISTERS * Math.log((double) REGISTERS / zeros);
        }
        return Math.round(estimate);
    }

    /** MurmurHash3's 64-bit finaliser: spreads every input bit over the whole hash. */
    static long mix(long value) {
        long h = value;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

}
