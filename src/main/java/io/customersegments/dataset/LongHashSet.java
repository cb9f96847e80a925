package io.customersegments.dataset;

import java.util.function.LongConsumer;

/**
 * A set of longs: open addressing with linear probes, at most half full. Used where a streaming pass meets one
 * key per line (line hashes, customer-product pairs).
 */
// Hand-written: the service has no primitive collections library, and boxing a key per line costs more than the set.
final class LongHashSet {

    /** The keys; 0 marks an empty slot, so the key 0 is kept apart. */
    private long[] table;

    private int size;

    private boolean hasZero;

    /** A set sized for {@code expected} keys before it first grows. */
    LongHashSet(int expected) {
        table = new long[Math.max(16, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) * 2)];
    }

    /** Adds the key; answers true when it was not in the set. */
    boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        long[] keys = table;
        int mask = keys.length - 1;
        for (int slot = slot(key, keys.length);; slot = (slot + 1) & mask) {
            long entry = keys[slot];
            if (entry == key) {
                return false;
            }
            if (entry == 0) {
                keys[slot] = key;
                if (++size * 2 > keys.length) {
                    grow();
                }
                return true;
            }
        }
    }

    int size() {
        return size;
    }

    void forEach(LongConsumer action) {
        if (hasZero) {
            action.accept(0);
        }
        for (long key : table) {
            if (key != 0) {
                action.accept(key);
            }
        }
    }

    private void grow() {
        long[] old = table;
        table = new long[old.length * 2];
        int mask = table.length - 1;
        for (long key : old) {
            if (key != 0) {
                int slot = slot(key, table.length);
                while (table[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                table[slot] = key;
            }
        }
    }

    /** The start of the key's probe: the top bits of the key times an odd constant (Fibonacci hashing). */
    private static int slot(long key, int length) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(length)));
    }

}
