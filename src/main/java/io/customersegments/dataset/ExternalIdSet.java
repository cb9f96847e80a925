package io.customersegments.dataset;

import java.util.Arrays;

/**
 * The exact set of customer ids seen in one upload, to reject duplicates while streaming.
 * Hand-written because a {@code HashSet<String>} costs about 100 bytes per id; this keeps the
 * characters in one array and an open-addressing table of offsets, about 20 bytes per short id.
 *
 * <p>Customer tables are usually exported sorted by their id, and a lookup in a table of millions of ids misses the
 * cache every time (a third of an upload's request thread at 10M rows). So while the ids come in increasing order
 * (shorter ids first, then character by character: "9" before "10", "C0099" before "C0100"), each new one greater than
 * all before it is only appended to a sorted run, which no id can repeat, and the run's last id again is known at
 * once. Any other id (a straggler, or a repeat of an earlier id) is looked for in the run by binary search and in a
 * hash table of the stragglers, which stays small. Once such ids are more than {@link #BELOW_RUN_ALLOWED} and a 64th
 * of the run, the ids are not sorted enough: every id goes into the hash table from then on, as for a file in no
 * order, so no file makes more than that many binary searches.
 */
final class ExternalIdSet {

    /** Ids below the run's end that never turn a sorted run into a hash table, however short the run. */
    static final int BELOW_RUN_ALLOWED = 1024;

    private char[] arena = new char[1 << 16];

    private int arenaSize;

    private int[] starts = new int[1 << 12];

    private int[] lines = new int[1 << 12];

    private int size;

    /** Slot value is the id's hash in the high half and its number + 1 in the low half; 0 marks an empty slot. */
    private long[] table = new long[1 << 13];

    /** While the ids come sorted: the numbers of the ids in the sorted run, in order; null once they do not. */
    private int[] run = new int[1 << 12];

    private int runLength;

    /** Ids below the run's end so far (stragglers, and repeats of ids other than the run's last). */
    private long belowRun;

    int size() {
        return size;
    }

    /** Whether the ids have come sorted so far (the table holds only the stragglers). */
    boolean sorted() {
        return run != null;
    }

    /** Adds the id, first seen on {@code line}, unless present; answers 0 when it was new, else the line it was first seen on. */
    long add(char[] chars, int offset, int length, long line) {
        if (run == null) {
            return addHashed(chars, offset, length, line);
        }
        int order = runLength == 0 ? 1 : compare(chars, offset, length, run[runLength - 1]);
        if (order > 0) {
            // Greater than every id of the run, and so than every straggler (each was below the run's end then).
            append(chars, offset, length, line);
            if (runLength == run.length) {
                run = Arrays.copyOf(run, runLength * 2);
            }
            run[runLength++] = size - 1;
            return 0;
        }
        if (order == 0) {
            // The run's last id again, as a sorted export repeats a row.
            return lines[run[runLength - 1]];
        }
        // A straggler or a repeat of an earlier id: a binary search of the run, and the stragglers' table.
        int inRun = find(chars, offset, length);
        long first = inRun >= 0 ? lines[inRun] : addHashed(chars, offset, length, line);
        if (++belowRun > BELOW_RUN_ALLOWED && belowRun > runLength / 64) {
            hashRun();
        }
        return first;
    }

    /** The number of the run's id equal to the given one, else -1. */
    private int find(char[] chars, int offset, int length) {
        int low = 0;
        int high = runLength - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(chars, offset, length, run[middle]);
            if (order == 0) {
                return run[middle];
            }
            if (order > 0) {
                low = middle + 1;
            }
            else {
                high = middle - 1;
            }
        }
        return -1;
    }

    /** Shorter ids first, then character by character: numbers without leading zeros sort as numbers. */
    private int compare(char[] chars, int offset, int length, int id) {
        int start = starts[id];
        int idLength = starts[id + 1] - start;
        if (length != idLength) {
            return Integer.compare(length, idLength);
        }
        return Arrays.compare(chars, offset, offset + length, arena, start, start + idLength);
    }

    /**
     * The ids are not sorted enough: the run's ids join the stragglers in the table, which takes every id from now on.
     */
    private void hashRun() {
        if (size * 2 > table.length) {
            rehash(Integer.highestOneBit(size) * 4);
        }
        for (int i = 0; i < runLength; i++) {
            int id = run[i];
            int start = starts[id];
            place(table, ((long) hash(arena, start, starts[id + 1] - start) << 32) | (id + 1));
        }
        run = null;
        runLength = 0;
    }

    /** Ids in the table: every id but the sorted run's. */
    private int hashed() {
        return size - runLength;
    }

    private long addHashed(char[] chars, int offset, int length, long line) {
        int hash = hash(chars, offset, length);
        int mask = table.length - 1;
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == 0) {
                append(chars, offset, length, line);
                table[slot] = ((long) hash << 32) | size;
                if (hashed() * 2 > table.length) {
                    rehash(table.length * 2);
                }
                return 0;
            }
            int id = (int) entry - 1;
            if ((int) (entry >>> 32) == hash && equalsAt(id, chars, offset, length)) {
                return lines[id];
            }
        }
    }

    private void append(char[] chars, int offset, int length, long line) {
        if (arenaSize + length > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + length));
        }
        System.arraycopy(chars, offset, arena, arenaSize, length);
        if (size + 2 > starts.length) {
            starts = Arrays.copyOf(starts, starts.length * 2);
            lines = Arrays.copyOf(lines, lines.length * 2);
        }
        starts[size] = arenaSize;
        lines[size] = (int) Math.min(line, Integer.MAX_VALUE);
        arenaSize += length;
        size++;
        starts[size] = arenaSize;
    }

    private boolean equalsAt(int id, char[] chars, int offset, int length) {
        int start = starts[id];
        return starts[id + 1] - start == length && Arrays.equals(arena, start, start + length, chars, offset, offset + length);
    }

    private void rehash(int slots) {
        long[] grown = new long[slots];
        for (long entry : table) {
            if (entry != 0) {
                place(grown, entry);
            }
        }
        table = grown;
    }

    /** Puts an entry whose id is absent into the first free slot from its hash's. */
    private static void place(long[] table, long entry) {
        int mask = table.length - 1;
        int slot = (int) (entry >>> 32) & mask;
        while (table[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        table[slot] = entry;
    }

    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return (int) DistinctCounter.mix(hash);
    }

}
