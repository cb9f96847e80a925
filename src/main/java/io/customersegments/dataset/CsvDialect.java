package io.customersegments.dataset;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * How a CSV file is written: its character encoding, whether it starts with a byte-order mark, and
 * its field delimiter. {@link #sniff} decides what the caller left open from the file's first bytes.
 */
record CsvDialect(Charset charset, int bomLength, char delimiter) {

    static final char[] DELIMITERS = { ',', '\t', ';', '|' };

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final int SNIFF_LINES = 50;

    /**
     * Sniffs the dialect from the first bytes of a file. A byte-order mark decides the encoding (it
     * cannot be mistaken, so it wins over a requested encoding);
     * otherwise bytes that are valid UTF-8 are read as UTF-8, and anything else as Windows-1252 (the
     * superset of ISO-8859-1 that spreadsheets write). The delimiter is the candidate that splits the
     * first lines into the same, largest number of fields.
     */
    static CsvDialect sniff(byte[] prefix, int length, boolean complete, Charset requestedCharset,
            Character requestedDelimiter) {
        int bomLength = 0;
        Charset charset;
        if (startsWith(prefix, length, 0xEF, 0xBB, 0xBF)) {
            bomLength = 3;
            charset = StandardCharsets.UTF_8;
        }
        else if (startsWith(prefix, length, 0xFF, 0xFE)) {
            bomLength = 2;
            charset = StandardCharsets.UTF_16LE;
        }
        else if (startsWith(prefix, length, 0xFE, 0xFF)) {
            bomLength = 2;
            charset = StandardCharsets.UTF_16BE;
        }
        else {
            charset = requestedCharset != null ? requestedCharset
                    : isUtf8(prefix, length, complete) ? StandardCharsets.UTF_8 : WINDOWS_1252;
        }
        char delimiter = requestedDelimiter != null ? requestedDelimiter
                : sniffDelimiter(new String(prefix, bomLength, length - bomLength, charset));
        return new CsvDialect(charset, bomLength, delimiter);
    }

    private static boolean startsWith(byte[] bytes, int length, int... expected) {
        if (length < expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((bytes[i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isUtf8(byte[] bytes, int length, boolean complete) {
        int end = length;
        if (!complete) {
            // The prefix may end inside a multi-byte character: ignore a trailing partial sequence.
            int back = 0;
            while (back < 3 && end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0x80) {
                back++;
            }
            if (end - back - 1 >= 0 && (bytes[end - back - 1] & 0xC0) == 0xC0) {
                end = end - back - 1;
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            decoder.decode(ByteBuffer.wrap(bytes, 0, end));
            return true;
        }
        catch (CharacterCodingException ex) {
            // Invalid UTF-8 is the signal we look for, not an error.
            return false;
        }
    }

    /** The delimiter that gives the first lines the most consistent, largest field count; comma if none splits them. */
    static char sniffDelimiter(String text) {
        char best = ',';
        long bestScore = 0;
        for (char candidate : DELIMITERS) {
            int[] counts = countPerLine(text, candidate);
            if (counts.length == 0 || counts[0] == 0) {
                continue;
            }
            int consistent = 0;
            for (int count : counts) {
                if (count == counts[0]) {
                    consistent++;
                }
            }
            long score = (long) consistent * 1_000_000 + counts[0];
            if (score > bestScore) {
                bestScore = score;
                best = candidate;
            }
        }
        return best;
    }

    /** Counts the delimiter outside quotes in each of the first complete lines. */
    private static int[] countPerLine(String text, char delimiter) {
        int[] counts = new int[SNIFF_LINES];
        int lines = 0;
        int count = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length() && lines < SNIFF_LINES; i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            else if (!quoted && c == delimiter) {
                count++;
            }
            else if (!quoted && (c == '\n' || c == '\r')) {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                counts[lines++] = count;
                count = 0;
            }
        }
        if (lines == 0 || (lines < SNIFF_LINES && count > 0)) {
            counts[lines++] = count;
        }
        return java.util.Arrays.copyOf(counts, lines);
    }

    /** The delimiter as users write it in a report: {@code ","}, {@code "\t"}, ... */
    String delimiterName() {
        return delimiter == '\t' ? "\\t" : String.valueOf(delimiter);
    }

    CharsetDecoder newDecoder() {
        return charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    }


}
