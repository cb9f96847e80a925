package io.customersegments.dataset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * How a CSV file is written: its character encoding, whether it starts with a byte-order mark, and
 * its field delimiter. {@link #sniff} decides what the caller left open from the file's first bytes.
 *
 * @param escapesStrayBytes true when the file is read as UTF-8 although a few bytes are not valid
 *        UTF-8: the reader escapes them (see {@link LineCountingReader}) and their rows are rejected
 * @param warnings what the quality report should say about a guessed encoding
 */
record CsvDialect(Charset charset, int bomLength, char delimiter, boolean escapesStrayBytes, List<String> warnings) {

    static final char[] DELIMITERS = { ',', '\t', ';', '|' };

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private static final int SNIFF_LINES = 50;

    /** Bytes looked at for the zero bytes of UTF-16 without a byte-order mark. */
    private static final int UTF16_SNIFF_BYTES = 4096;

    /**
     * Sniffs the dialect from the first bytes of a file. A byte-order mark decides the encoding (it
     * cannot be mistaken, so it wins over a requested encoding); otherwise the requested encoding;
     * otherwise UTF-16 when every other byte is mostly zero (see {@link #utf16ByZeroBytes}); otherwise
     * UTF-8 when the bytes are valid UTF-8, or when valid multi-byte UTF-8 characters are at least as
     * many as the stray bytes that are not (their rows are then rejected); and Windows-1252 (the
     * superset of ISO-8859-1 that spreadsheets write) only without such evidence. A guessed UTF-16 or
     * Windows-1252 and stray bytes come with a warning. The delimiter is the candidate that splits the
     * first lines into the same, largest number of fields.
     */
    static CsvDialect sniff(byte[] prefix, int length, boolean complete, Charset requestedCharset,
            Character requestedDelimiter) {
        int bomLength = 0;
        Charset charset;
        boolean escapesStrayBytes = false;
        List<String> warnings = List.of();
        Charset zeroBytesUtf16 = utf16ByZeroBytes(prefix, length);
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
        else if (requestedCharset != null) {
            refuseWideWithoutZeroBytes(prefix, length, requestedCharset);
            charset = requestedCharset;
        }
        else if (zeroBytesUtf16 != null) {
            charset = zeroBytesUtf16;
            warnings = List.of("The encoding " + charset.name() + " was detected without a byte-order mark, from the "
                    + "zero bytes between the characters. If the text looks wrong, upload the file again with "
                    + "encoding= naming its encoding; encoding=" + charset.name() + " confirms this one.");
        }
        else {
            Utf8Evidence evidence = Utf8Evidence.of(prefix, length, complete);
            if (evidence.strayBytes() == 0) {
                charset = StandardCharsets.UTF_8;
            }
            else if (evidence.multiByteCharacters() >= evidence.strayBytes()) {
                charset = StandardCharsets.UTF_8;
                escapesStrayBytes = true;
                warnings = List.of("The file was read as UTF-8: it has " + evidence.multiByteCharacters()
                        + " valid multi-byte UTF-8 characters in its first " + length + " bytes, but also "
                        + evidence.strayBytes() + (evidence.strayBytes() == 1 ? " byte that is" : " bytes that are")
                        + " not valid UTF-8; rows holding such bytes were left out (see errors). If the file is "
                        + "Windows-1252 or ISO-8859-1 instead, upload it again with encoding=windows-1252.");
            }
            else {
                charset = WINDOWS_1252;
                warnings = List.of("The file is not valid UTF-8 and has no byte-order mark, so it was read as "
                        + "windows-1252 (a superset of ISO-8859-1), a guess. If accented letters look wrong, upload it "
                        + "again with encoding= naming its encoding, e.g. encoding=ISO-8859-15.");
            }
        }
        char delimiter = requestedDelimiter != null ? requestedDelimiter
                : sniffDelimiter(new String(prefix, bomLength, length - bomLength, charset));
        return new CsvDialect(charset, bomLength, delimiter, escapesStrayBytes, warnings);
    }

    /**
     * A CSV in UTF-16 or UTF-32 writes its delimiters and line breaks as ASCII characters, so with a zero byte each:
     * asked for a wide encoding, a file without a single zero byte is in another encoding, and read as asked it would
     * be one long header of unrelated characters ("no data rows").
     */
    private static void refuseWideWithoutZeroBytes(byte[] prefix, int length, Charset requested) {
        if (length < 2 || !requested.canEncode() || !writesZeroBytes(requested)) {
            return;
        }
        for (int i = 0; i < length; i++) {
            if (prefix[i] == 0) {
                return;
            }
        }
        throw new InvalidCsvException("encoding=" + requested.name() + " was given, but the file's first " + length
                + " bytes hold no zero byte, which the commas and line breaks of a " + requested.name() + " file "
                + "would: the file is in another encoding. Leave encoding out to have it detected, or name the file's "
                + "encoding, e.g. encoding=UTF-8.", List.of());
    }

    /** Whether the encoding writes a comma and a line break with a zero byte (UTF-16, UTF-32; not GBK, Shift_JIS). */
    private static boolean writesZeroBytes(Charset charset) {
        for (byte b : ",\n".getBytes(charset)) {
            if (b == 0) {
                return true;
            }
        }
        return false;
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

    /**
     * UTF-16LE when, in the first 4 KB, at least half of the odd bytes are zero and at most a tenth of
     * the even ones (text that is mostly ASCII or Latin-1, as CSV is); UTF-16BE the other way round;
     * else null. A UTF-8 file has zero bytes only where a cell holds a NUL, far fewer than that.
     */
    static Charset utf16ByZeroBytes(byte[] bytes, int length) {
        int units = Math.min(length, UTF16_SNIFF_BYTES) / 2;
        int zeroEven = 0;
        int zeroOdd = 0;
        for (int i = 0; i < units; i++) {
            if (bytes[2 * i] == 0) {
                zeroEven++;
            }
            if (bytes[2 * i + 1] == 0) {
                zeroOdd++;
            }
        }
        if (units == 0) {
            return null;
        }
        if (zeroOdd * 2 >= units && zeroEven * 10 <= units) {
            return StandardCharsets.UTF_16LE;
        }
        if (zeroEven * 2 >= units && zeroOdd * 10 <= units) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** What the prefix says for and against UTF-8: characters of two or more bytes, and bytes that are not UTF-8. */
    private record Utf8Evidence(int multiByteCharacters, int strayBytes) {

        static Utf8Evidence of(byte[] bytes, int length, boolean complete) {
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
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, end);
            CharBuffer out = CharBuffer.allocate(end);
            int strayBytes = 0;
            // Skips one byte per error, as LineCountingReader escapes them, so both count alike.
            while (decoder.decode(in, out, true).isError()) {
                strayBytes++;
                in.position(in.position() + 1);
            }
            int multiByte = 0;
            for (int i = 0; i < out.position(); i++) {
                if (out.get(i) >= 0x80 && !Character.isLowSurrogate(out.get(i))) {
                    multiByte++;
                }
            }
            return new Utf8Evidence(multiByte, strayBytes);
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

    /** A decoder that reports bytes that are not in the charset, for the reader to name their line or escape them. */
    CharsetDecoder newDecoder() {
        return charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

}
