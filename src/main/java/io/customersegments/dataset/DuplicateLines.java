package io.customersegments.dataset;

import java.util.Arrays;

/**
 * Finds the order lines that repeat a kept line exactly while they stream, so that most duplicates are never
 * stored. Every kept line's hash goes into a set, and the fields of the last few thousand kept lines into a
 * cache. A line whose hash was seen and whose fields equal a cached line's is a duplicate. One whose hash was
 * seen but whose first occurrence has left the cache becomes a candidate, which the exact check after the load
 * compares field by field in SQL. Memory stays bounded: past {@link #MAX_EXACT} lines the set becomes one bit per
 * hash value (whose false hits only add candidates), and past {@link #MAX_CANDIDATES} candidates the check after
 * the load compares every line.
 */
final class DuplicateLines {

    /** Beyond this many possible duplicates (a file repeated whole, say) they are found by SQL over the stored lines. */
    static final int MAX_CANDIDATES = 1 << 21;

    /** Hashes kept exactly for up to this many lines (a table of 32 MB at most); beyond, one bit per hash value. */
    static final int MAX_EXACT = 1 << 21;

    /** 16 million bits (2 MB): about 3% of the lines of a 500,000-line file become candidates. */
    private static final long SEEN_BITS = 1L << 24;

    /**
     * Lines the cache holds, in sets of {@link #WAYS}, the oldest of a set making room. Online Retail's duplicates are at
     * most 208 lines after their first occurrence; a line leaves the cache before 500 more are kept about once in
     * twenty million.
     */
    static final int RECENT_SLOTS = 1 << 13;

    static final int WAYS = 8;

    /** The seen hashes, open addressing with 0 as the empty slot (hash 0 is kept as 1: a false hit adds a candidate). */
    // Hand-written: the service has no primitive collections library, and boxing 500,000 longs a file would cost more.
    private long[] exact = new long[1 << 12];

    private int exactCount;

    /** One bit per hash value (modulo its size), once more than {@link #MAX_EXACT} lines are kept. */
    private long[] bits;

    private long[] candidates = new long[1024];

    private int candidateCount;

    /** 64 less the bits of the cache's set count: a line's set is the top bits of its hash times an odd constant. */
    private final int setShift;

    private final long[] recentHashes;

    /** The kept line's number, counting from 1, in each cache slot; 0 for an empty slot. */
    private final long[] recentStamps;

    /** Each slot's fields, one after the other, their lengths, and how many there are. */
    private final char[][] recentChars;

    private final int[][] recentLengths;

    private final int[] recentFields;

    private long kept;

    DuplicateLines() {
        this(RECENT_SLOTS);
    }

    /** A cache of {@code slots} recent lines, a power of two and at least {@link #WAYS}. */
    DuplicateLines(int slots) {
        if (Integer.bitCount(slots) != 1 || slots < WAYS) {
            throw new IllegalArgumentException("slots must be a power of two of at least " + WAYS + ": " + slots);
        }
        setShift = 64 - Integer.numberOfTrailingZeros(slots / WAYS);
        recentHashes = new long[slots];
        recentStamps = new long[slots];
        recentChars = new char[slots][];
        recentLengths = new int[slots][];
        recentFields = new int[slots];
    }

    /**
     * For a line that passed cleaning: true when it repeats a recently kept line field by field, so it is left
     * out; otherwise it counts as kept (a candidate if its hash was seen before).
     */
    boolean repeatsKept(RawRecord record, long hash) {
        if (markSeen(hash)) {
            if (isRecent(record, hash)) {
                return true;
            }
            addCandidate(hash);
        }
        remember(record, hash);
        return false;
    }

    /** The hashes shared by kept lines that the cache could not tell apart; null when there were too many. */
    long[] candidates() {
        return candidates == null ? null : Arrays.copyOf(candidates, candidateCount);
    }

    /** Adds the hash to the seen ones; answers whether it may have been seen before. */
    private boolean markSeen(long hash) {
        if (bits != null) {
            return markBit(hash);
        }
        long key = hash == 0 ? 1 : hash;
        int mask = exact.length - 1;
        for (int slot = exactSlot(key, exact.length);; slot = (slot + 1) & mask) {
            long entry = exact[slot];
            if (entry == key) {
                return true;
            }
            if (entry == 0) {
                exact[slot] = key;
                if (++exactCount * 2 > exact.length) {
                    grow();
                }
                return false;
            }
        }
    }

    private void grow() {
        long[] old = exact;
        if (exactCount > MAX_EXACT) {
            bits = new long[(int) (SEEN_BITS / 64)];
            exact = null;
            for (long key : old) {
                if (key != 0) {
                    markBit(key);
                }
            }
            return;
        }
        exact = new long[old.length * 2];
        int mask = exact.length - 1;
        for (long key : old) {
            if (key != 0) {
                int slot = exactSlot(key, exact.length);
                while (exact[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                exact[slot] = key;
            }
        }
    }

    /** The start of the key's probe in a table of {@code length} slots, from the key's bits mixed (Fibonacci hashing). */
    private static int exactSlot(long key, int length) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> (64 - Integer.numberOfTrailingZeros(length)));
    }

    private boolean markBit(long hash) {
        long bit = hash & (SEEN_BITS - 1);
        int word = (int) (bit >>> 6);
        long mask = 1L << (bit & 63);
        boolean seen = (bits[word] & mask) != 0;
        bits[word] |= mask;
        return seen;
    }

    private void addCandidate(long hash) {
        if (candidates == null) {
            return;
        }
        if (candidateCount == MAX_CANDIDATES) {
            candidates = null;
            return;
        }
        if (candidateCount == candidates.length) {
            candidates = Arrays.copyOf(candidates, candidateCount * 2);
        }
        candidates[candidateCount++] = hash;
    }

    /** The first slot of the line's set in the cache. */
    private int firstSlot(long hash) {
        // A single set when the cache is one set: a shift by 64 would leave the product whole.
        return setShift == 64 ? 0 : (int) ((hash * 0x9E3779B97F4A7C15L) >>> setShift) * WAYS;
    }

    private boolean isRecent(RawRecord record, long hash) {
        int first = firstSlot(hash);
        for (int slot = first; slot < first + WAYS; slot++) {
            if (holds(slot, record, hash)) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(int slot, RawRecord record, long hash) {
        if (recentStamps[slot] == 0 || recentHashes[slot] != hash) {
            return false;
        }
        int[] lengths = recentLengths[slot];
        int fields = record.fields();
        if (recentFields[slot] != fields) {
            return false;
        }
        int used = 0;
        for (int field = 0; field < fields; field++) {
            if (lengths[field] != record.length(field)) {
                return false;
            }
            used += lengths[field];
        }
        // The fields lie one after the other from the record's first character, as in the slot.
        return Arrays.equals(recentChars[slot], 0, used, record.chars(), 0, used);
    }

    /** Puts the line into the slot of its set that was filled longest ago (or never). */
    private void remember(RawRecord record, long hash) {
        int first = firstSlot(hash);
        int slot = first;
        for (int way = first + 1; way < first + WAYS; way++) {
            if (recentStamps[way] < recentStamps[slot]) {
                slot = way;
            }
        }
        int fields = record.fields();
        int used = 0;
        int[] lengths = recentLengths[slot];
        if (lengths == null || lengths.length < fields) {
            lengths = new int[fields];
            recentLengths[slot] = lengths;
        }
        for (int field = 0; field < fields; field++) {
            lengths[field] = record.length(field);
            used += lengths[field];
        }
        char[] chars = recentChars[slot];
        if (chars == null || chars.length < used) {
            chars = new char[Math.max(used, 64)];
            recentChars[slot] = chars;
        }
        System.arraycopy(record.chars(), 0, chars, 0, used);
        recentFields[slot] = fields;
        recentHashes[slot] = hash;
        recentStamps[slot] = ++kept;
    }

}
