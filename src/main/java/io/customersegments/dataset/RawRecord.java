package io.customersegments.dataset;

import java.util.Arrays;

import de.siegmar.fastcsv.reader.AbstractBaseCsvCallbackHandler;

/**
 * One CSV record as FastCSV hands it over: the fields' characters copied into one reusable buffer,
 * unquoted fields trimmed. Reused for every record, so reading a million rows allocates nothing per
 * field; {@link #copy()} keeps a record beyond the next one.
 */
final class RawRecord extends AbstractBaseCsvCallbackHandler<RawRecord> {

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
            chars = Arrays.copyOf(chars, Math.max(chars.length * 2, used + size));
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
     * collisions): four characters per multiply, then mixed. The same pass notes whether every character can be
     * stored ({@link #storable()}), which saves reading the record twice.
     */
    long hash() {
        long hash = 0x9E3779B97F4A7C15L;
        int unstorable = 0;
        for (int field = 0; field < fields; field++) {
            int i = starts[field];
            int end = i + lengths[field];
            hash = (hash + lengths[field]) * 0xBF58476D1CE4E5B9L;
            for (; i + 4 <= end; i += 4) {
                char a = chars[i];
                char b = chars[i + 1];
                char c = chars[i + 2];
                char d = chars[i + 3];
                unstorable |= unstorable(a) | unstorable(b) | unstorable(c) | unstorable(d);
                long packed = (long) a | (long) b << 16 | (long) c << 32 | (long) d << 48;
                hash = (hash ^ packed) * 0x94D049BB133111EBL;
            }
            for (; i < end; i++) {
                unstorable |= unstorable(chars[i]);
                hash = (hash ^ chars[i]) * 0x94D049BB133111EBL;
            }
        }
        this.storable = unstorable == 0;
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

}
