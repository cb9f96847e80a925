package io.customersegments.dataset;

import java.util.Arrays;

/**
 * The exact set of customer ids seen in one upload, to reject duplicates while streaming.
 * Hand-written because a {@code HashSet<String>} costs about 100 bytes per id; this keeps the
 * characters in one array and an open-addressing table of offsets, about 20 bytes per short id.
 */
final class ExternalIdSet {

    private char[] arena = new char[1 << 16];

    private int arenaSize;

    private int[] starts = new int[1 << 12];

    private int[] lines = new int[1 << 12];

    private int size;

    /** Slot value is the id's hash in the high half and its number + 1 in the low half; 0 marks an empty slot. */
    private long[] table = new long[1 << 13];

    int size() {
        return size;
    }

    /** Adds the id, first seen on {@code line}, unless present; answers 0 when it was new, else the line it was first seen on. */
    long add(char[] chars, int offset, int length, long line) {
        int hash = hash(chars, offset, length);
        int mask = table.length - 1;
        for (int slot = hash & mask;; slot = (slot + 1) & mask) {
            long entry = table[slot];
            if (entry == 0) {
                append(chars, offset, length, line);
                table[slot] = ((long) hash << 32) | size;
                if (size * 2 > table.length) {
                    rehash();
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

    private void rehash() {
        long[] grown = new long[table.length * 2];
        int mask = grown.length - 1;
        for (long entry : table) {
            if (entry != 0) {
                int slot = (int) (entry >>> 32) & mask;
                while (grown[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                grown[slot] = entry;
            }
        }
        table = grown;
    }

    private static int hash(char[] chars, int offset, int length) {
        int hash = 0;
        for (int i = offset; i < offset + length; i++) {
            hash = 31 * hash + chars[i];
        }
        return (int) DistinctCounter.mix(hash);
    }

}
