package io.customersegments.dataset;

import java.util.Arrays;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;

/**
 * One CSV record as FastCSV hands it over: the fields' characters copied into one reusable buffer,
 * unquoted fields trimmed. Reused for every record, so reading a million rows allocates nothing per
 * field; {@link #copy()} keeps a record beyond the next one.
 */
final class RawRecord extends AbstractBaseCsvCallbackHandler<RawRecord> {

    /** The characters a row's fields may hold together. */
    static final int MAX_CHARS = 8 << 20;

    private char[] chars = new char[1024];

    private int used;

    private int[] starts = new int[32];

    private int[] lengths = new int[32];

    private int fields;

    private long line;

    /** Whether {@link #hash()} found every character storable. */
    private boolean storable;

    @Override
    protected void handleBegin(long startingLineNumber) {
        line = startingLineNumber;
        fields = 0;
        used = 0;
    }

    @Override
    protected void handleField(int fieldIdx, char[] buf, int offset, int length, boolean quoted) {
        int start = offset;
        int end = offset + length;
        if (!quoted) {
            while (start < end && Character.isWhitespace(buf[start])) {
                start++;
            }
            while (end > start && Character.isWhitespace(buf[end - 1])) {
                end--;
            }
        }
        int size = end - start;
        if (used + size > chars.length) {
            // Checked only when the buffer must grow, which it never does past the bound: FastCSV bounds a field
            // (CsvRecords.MAX_FIELD_CHARS), not a row of many of them.
            if ((long) used + size > MAX_CHARS) {
                throw new InvalidCsvException("The file has a row of more than " + MAX_CHARS + " characters at line "
                        + line + "; rows are limited to 8 million characters. Nothing was stored.",
                        new RowError(line, null, "a row of more than " + MAX_CHARS + " characters"));
            }
            chars = Arrays.copyOf(chars, Math.min(MAX_CHARS, Math.max(chars.length * 2, used + size)));
        }
        if (fields == starts.length) {
            starts = Arrays.copyOf(starts, fields * 2);
            lengths = Arrays.copyOf(lengths, fields * 2);
        }
        System.arraycopy(buf, start, chars, used, size);
        starts[fields] = used;
        lengths[fields] = size;
        used += size;
        fields++;
    }

    @Override
    protected RawRecord buildRecord() {
        return this;
    }

    long line() {
        return line;
    }

    int fields() {
        return fields;
    }

    char[] chars() {
        return chars;
    }

    int start(int field) {
        return starts[field];
    }

    int length(int field) {
        return lengths[field];
    }

    String text(int field) {
        return new String(chars, starts[field], lengths[field]);
    }

    /** The field's text in quotes for a message, cut after 60 characters. */
    String quoted(int field) {
        String text = text(field);
        return "\"" + (text.length() > 60 ? text.substring(0, 60) + "…" : text) + "\"";
    }

    /** True when every field is empty, e.g. a line of only delimiters. */
    boolean isBlank() {
        return used == 0;
    }

    /**
     * The position in {@link #chars()} of the first character that cannot be stored: a NUL, which
     * PostgreSQL refuses in text, or a byte the reader could not decode; -1 if none.
     */
    int firstUnstorable() {
        for (int i = 0; i < used; i++) {
            if (chars[i] == '\0' || LineCountingReader.isEscapedByte(chars[i])) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A 64-bit hash of every field, with the fields' lengths, so that only identical records share a hash (bar
     * collisions). The fields lie one after the other, so their characters are hashed as one run, eight at a time in
     * two independent chains of multiplies (a chain per field waited on a multiply every few characters), then the
     * lengths, then mixed. The same pass notes whether every character can be stored ({@link #storable()}), which
     * saves reading the record twice.
     */
    long hash() {
        long a = 0x9E3779B97F4A7C15L;
        long b = 0xC2B2AE3D27D4EB4FL;
        int unstorable = 0;
        char[] cs = chars;
        int n = used;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            char c0 = cs[i];
            char c1 = cs[i + 1];
            char c2 = cs[i + 2];
            char c3 = cs[i + 3];
            char c4 = cs[i + 4];
            char c5 = cs[i + 5];
            char c6 = cs[i + 6];
            char c7 = cs[i + 7];
            unstorable |= unstorable(c0) | unstorable(c1) | unstorable(c2) | unstorable(c3) | unstorable(c4)
                    | unstorable(c5) | unstorable(c6) | unstorable(c7);
            // A multiply carries bits only upwards: the rotation brings the top ones (the fourth character's) back
            // down, or characters in the top quarter would change only the top 16 bits of the hash.
            a = Long.rotateLeft((a ^ ((long) c0 | (long) c1 << 16 | (long) c2 << 32 | (long) c3 << 48))
                    * 0x94D049BB133111EBL, 27);
            b = Long.rotateLeft((b ^ ((long) c4 | (long) c5 << 16 | (long) c6 << 32 | (long) c7 << 48))
                    * 0xBF58476D1CE4E5B9L, 31);
        }
        for (; i < n; i++) {
            unstorable |= unstorable(cs[i]);
            a = Long.rotateLeft((a ^ cs[i]) * 0x94D049BB133111EBL, 27);
        }
        b = Long.rotateLeft((b ^ fields) * 0xBF58476D1CE4E5B9L, 31);
        for (int field = 0; field < fields; field += 2) {
            long second = field + 1 < fields ? lengths[field + 1] : 0;
            b = Long.rotateLeft((b ^ (lengths[field] & 0xFFFFFFFFL | second << 32)) * 0xBF58476D1CE4E5B9L, 31);
        }
        this.storable = unstorable == 0;
        long hash = (a ^ Long.rotateLeft(b, 29)) * 0x9E3779B97F4A7C15L;
        return hash ^ hash >>> 31;
    }

    /** After {@link #hash()}: whether every character can be stored, else {@link #firstUnstorable()} says which. */
    boolean storable() {
        return storable;
    }

    /** 1 for a NUL or an escaped invalid byte (as {@link #firstUnstorable()} finds them), else 0; without branches. */
    private static int unstorable(char c) {
        return (c - 1) >>> 31 | ((c - 0xDC80) >>> 7) - 1 >>> 31;
    }

    /** What is wrong with the character at {@code index}, found by {@link #firstUnstorable()}: "a NUL character", ... */
    String unstorable(int index) {
        char c = chars[index];
        return c == '\0' ? "a NUL character" : String.format("an invalid UTF-8 byte 0x%02X", LineCountingReader.escapedByte(c));
    }

    /** The field that holds position {@code index} of {@link #chars()}. */
    int fieldAt(int index) {
        for (int field = 0; field < fields; field++) {
            if (index < starts[field] + lengths[field]) {
                return field;
            }
        }
        throw new IndexOutOfBoundsException(index);
    }

    /** True when a (quoted) value holds a line break. */
    boolean spansLines() {
        for (int i = 0; i < used; i++) {
            if (chars[i] == '\n' || chars[i] == '\r') {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses the upload at this record when its quoted value runs over several lines and leaves it with another
     * number of fields than the header: a closing quote is missing, and the value has swallowed the rows after it
     * (perhaps to the end of the file), which rejecting this one "row" would lose quietly.
     *
     * @param rows what the file's records are called in the message ("row", "line")
     */
    void refuseUnclosedQuote(int headerFields, String rows) {
        if (fields != headerFields && spansLines()) {
            String reason = "a quoted value runs over several lines and leaves the " + rows + " with " + fields
                    + " fields instead of " + headerFields + " as in the header";
            throw new InvalidCsvException("The file is not valid CSV at line " + line + ": " + reason
                    + ". Is a closing quote missing, or a quote inside a value not doubled? Nothing was stored.",
                    new RowError(line, null, reason));
        }
    }

    /** The characters the record's fields hold together. */
    int length() {
        return used;
    }

    RawRecord copy() {
        RawRecord copy = new RawRecord();
        copy.chars = Arrays.copyOf(chars, used);
        copy.used = used;
        copy.starts = Arrays.copyOf(starts, fields);
        copy.lengths = Arrays.copyOf(lengths, fields);
        copy.fields = fields;
        copy.line = line;
        return copy;
    }

    /** Makes this record a copy of the batch's record {@code index}. */
    void load(Batch batch, int index) {
        int count = batch.fieldCounts[index];
        int firstLength = batch.lengthStarts[index];
        if (count > starts.length) {
            starts = new int[Math.max(starts.length * 2, count)];
            lengths = new int[starts.length];
        }
        int size = 0;
        for (int field = 0; field < count; field++) {
            int length = batch.lengths[firstLength + field];
            starts[field] = size;
            lengths[field] = length;
            size += length;
        }
        if (size > chars.length) {
            chars = new char[Math.max(chars.length * 2, size)];
        }
        System.arraycopy(batch.chars, batch.charStarts[index], chars, 0, size);
        used = size;
        fields = count;
        line = batch.lines[index];
    }

    /** Records copied one after the other, so that a run of them can be handed to another thread. */
    static final class Batch {

        /** Records a batch holds at most; fewer when they are long. */
        static final int CAPACITY = 1024;

        private static final int FULL_CHARS = 1 << 17;

        /** Fields a batch holds at most, however short: empty fields take no characters but a length each. */
        private static final int FULL_LENGTHS = CAPACITY * 16;

        private char[] chars = new char[FULL_CHARS];

        private int used;

        private int[] lengths = new int[FULL_LENGTHS];

        private int lengthCount;

        private final long[] lines = new long[CAPACITY];

        private final int[] fieldCounts = new int[CAPACITY];

        private final int[] charStarts = new int[CAPACITY];

        private final int[] lengthStarts = new int[CAPACITY];

        private int size;

        /** What the batch took of its reader's room (characters), given back when it has been read. */
        int permits;

        int size() {
            return size;
        }

        boolean isFull() {
            return size == CAPACITY || used >= FULL_CHARS || lengthCount >= FULL_LENGTHS;
        }

        /** The characters of the records held. */
        int chars() {
            return used;
        }

        /** Empties the batch; arrays a very long record made large are let go. */
        void clear() {
            size = 0;
            used = 0;
            lengthCount = 0;
            if (chars.length > 2 * FULL_CHARS) {
                chars = new char[FULL_CHARS];
            }
            if (lengths.length > 2 * FULL_LENGTHS) {
                lengths = new int[FULL_LENGTHS];
            }
        }

        /** Appends a copy of the record; the batch must not be full. */
        void add(RawRecord record) {
            if (used + record.used > chars.length) {
                chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + record.used));
            }
            if (lengthCount + record.fields > lengths.length) {
                lengths = Arrays.copyOf(lengths, Math.max(lengths.length * 2, lengthCount + record.fields));
            }
            System.arraycopy(record.chars, 0, chars, used, record.used);
            System.arraycopy(record.lengths, 0, lengths, lengthCount, record.fields);
            lines[size] = record.line;
            fieldCounts[size] = record.fields;
            charStarts[size] = used;
            lengthStarts[size] = lengthCount;
            used += record.used;
            lengthCount += record.fields;
            size++;
        }

    }

}
