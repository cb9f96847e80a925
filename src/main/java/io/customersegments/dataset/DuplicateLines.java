package io.customersegments.dataset;

import java.util.Arrays;

/**
 * Finds the order lines that repeat a kept line exactly while they stream, so that most duplicates are never
 * stored. The fields of the last few thousand kept lines are cached (a ring of 2 MB, indexed by hash): a line whose
 * fields equal a cached line's is a duplicate. Every kept line's hash is noted too, and once the file is read, hashes
 * that two kept lines share are candidates: a repeat whose first occurrence had left the cache (or, rarely, two
 * lines with one hash), which the exact check after the load compares field by field in SQL. Memory stays bounded:
 * past {@link #MAX_EXACT} lines the hashes become one bit per hash value (whose false hits only add candidates),
 * and past {@link #MAX_CANDIDATES} candidates the check after the load compares every line.
 */
final class DuplicateLines {

    /** Beyond this many possible duplicates (a file repeated whole, say) they are found by SQL over the stored lines. */
    static final int MAX_CANDIDATES = 1 << 21;

    /**
     * Hashes kept exactly for up to this many lines (16 MB, and as much again while a part grows); beyond, one bit per
     * hash value.
     */
    static final int MAX_EXACT = 1 << 21;

    /** The kept hashes are noted in this many parts, by their top bits, so each part's repeats are found in cache. */
    private static final int PARTS = 64;

    /** 16 million bits (2 MB): about 3% of the lines of a 500,000-line file become candidates. */
    private static final long SEEN_BITS = 1L << 24;

    /**
     * Lines the cache holds, in sets of {@link #WAYS}, the oldest of a set making room, while the ring still holds
     * them (about 11,000 lines of Online Retail's length). Its duplicates are at most 208 lines after their first
     * occurrence; a line leaves the cache before 500 more are kept about once in twenty million.
     */
    static final int RECENT_SLOTS = 1 << 13;

    static final int WAYS = 8;

    /**
     * The kept lines' hashes, in order, by their top bits: appended as they come (a random probe into a set as large
     * took a cache miss a line, an eighth of the importer's time), compared once the file is read. Null after that,
     * or once there are more than {@link #MAX_EXACT}.
     */
    private long[][] kept = new long[PARTS][16];

    private final int[] keptCounts = new int[PARTS];

    private int keptTotal;

    /** One bit per hash value (modulo its size), once more than {@link #MAX_EXACT} lines are kept. */
    private long[] bits;

    private long[] candidates = new long[1024];

    private int candidateCount;

    /** 64 less the bits of the cache's set count: a line's set is the top bits of its hash times an odd constant. */
    private final int setShift;

    private final long[] recentHashes;

    /** Where each slot's line starts in the ring (counting every character ever written), plus one; 0 for none. */
    private final long[] recentStarts;

    /**
     * The ring of recent lines, 128 characters a slot: each line's field count, its fields' lengths (two characters
     * each) and its fields' characters.
     */
    private final char[] arena;

    /** Characters written to the ring so far. */
    private long written;

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
        recentStarts = new long[slots];
        arena = new char[slots * 128];
    }

    /**
     * For a line that passed cleaning: true when it repeats a recently kept line field by field, so it is left
     * out; otherwise it counts as kept.
     */
    boolean repeatsKept(RawRecord record, long hash) {
        if (isRecent(record, hash)) {
            return true;
        }
        note(hash);
        remember(record, hash);
        return false;
    }

    /**
     * Once every line has been seen: the hashes shared by kept lines that the cache could not tell apart, a hash
     * once per repeat; null when there were too many.
     */
    long[] candidates() {
        if (kept != null) {
            findRepeats();
        }
        return candidates == null ? null : Arrays.copyOf(candidates, candidateCount);
    }

    /** Notes a kept line's hash; past {@link #MAX_EXACT} lines, one already set bit makes it a candidate at once. */
    private void note(long hash) {
        if (kept == null) {
            if (bits == null) {
                throw new IllegalStateException("A line came after the candidates were asked for");
            }
            if (markBit(hash)) {
                addCandidate(hash);
            }
            return;
        }
        int part = (int) (hash >>> 58);
        if (keptCounts[part] == kept[part].length) {
            kept[part] = Arrays.copyOf(kept[part], keptCounts[part] * 2);
        }
        kept[part][keptCounts[part]++] = hash;
        if (++keptTotal > MAX_EXACT) {
            long[][] hashes = kept;
            findRepeats();
            bits = new long[(int) (SEEN_BITS / 64)];
            for (int p = 0; p < PARTS; p++) {
                for (int i = 0; i < keptCounts[p]; i++) {
                    markBit(hashes[p][i]);
                }
            }
        }
    }

    /** Makes every repeat among the noted hashes a candidate, part by part, and lets the hashes go. */
    private void findRepeats() {
        for (int p = 0; p < PARTS; p++) {
            LongHashSet seen = new LongHashSet(keptCounts[p]);
            for (int i = 0; i < keptCounts[p]; i++) {
                if (!seen.add(kept[p][i])) {
                    addCandidate(kept[p][i]);
                }
            }
        }
        kept = null;
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
            if (recentHashes[slot] == hash && isIntact(recentStarts[slot]) && holds(recentStarts[slot], record)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an entry written at this position (plus one; 0 for none) has not been written over since. */
    private boolean isIntact(long start) {
        return start != 0 && start - 1 >= written - arena.length;
    }

    /** Whether the entry at {@code start} (plus one) holds the record's fields: their count, lengths and characters. */
    private boolean holds(long start, RawRecord record) {
        int at = (int) ((start - 1) & (arena.length - 1));
        int fields = record.fields();
        if (arena[at] != fields) {
            return false;
        }
        int used = 0;
        for (int field = 0; field < fields; field++) {
            int length = arena[at + 1 + 2 * field] << 16 | arena[at + 2 + 2 * field];
            if (length != record.length(field)) {
                return false;
            }
            used += length;
        }
        // The fields lie one after the other from the record's first character, as in the entry.
        int content = at + 1 + 2 * fields;
        return Arrays.equals(arena, content, content + used, record.chars(), 0, used);
    }

    /**
     * Appends the line to the ring of recent lines (written in order, so the writes stay in the processor's cache) and
     * points the slot of its set that was filled longest ago at it. A line too long for the ring is not kept.
     */
    private void remember(RawRecord record, long hash) {
        int fields = record.fields();
        int used = 0;
        for (int field = 0; field < fields; field++) {
            used += record.length(field);
        }
        int size = 1 + 2 * fields + used;
        if (fields > Character.MAX_VALUE || size > arena.length / 16) {
            return;
        }
        int at = (int) (written & (arena.length - 1));
        if (at + size > arena.length) {
            // An entry never wraps: the ring's tail is left unused and the entry starts over at its beginning.
            written += arena.length - at;
            at = 0;
        }
        arena[at] = (char) fields;
        for (int field = 0; field < fields; field++) {
            int length = record.length(field);
            arena[at + 1 + 2 * field] = (char) (length >>> 16);
            arena[at + 2 + 2 * field] = (char) length;
        }
        System.arraycopy(record.chars(), 0, arena, at + 1 + 2 * fields, used);
        int first = firstSlot(hash);
        int slot = first;
        for (int way = first; way < first + WAYS; way++) {
            if (!isIntact(recentStarts[way])) {
                slot = way;
                break;
            }
            if (recentStarts[way] < recentStarts[slot]) {
                slot = way;
            }
        }
        recentHashes[slot] = hash;
        recentStarts[slot] = written + 1;
        written += size;
    }

}
