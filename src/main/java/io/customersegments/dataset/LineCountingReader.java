package io.customersegments.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;

/**
 * Decodes bytes to characters and counts the line breaks that have passed, so an encoding error can
 * name the line that holds the bad bytes. Hand-written instead of {@link java.io.InputStreamReader},
 * which drops the characters decoded before a malformed sequence and so loses the position. When
 * told to escape stray bytes it does not stop at them but turns each byte that cannot be decoded
 * into a lone surrogate U+DC80..U+DCFF (as Python's {@code surrogateescape}), which no decoding of
 * valid input produces, so the row that holds it can be rejected naming the byte.
 */
final class LineCountingReader extends Reader {

    private final InputStream in;

    private final CharsetDecoder decoder;

    private final boolean escapesStrayBytes;

    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();

    private CoderResult pendingError;

    private boolean endOfInput;

    private boolean flushed;

    private long lineBreaks;

    LineCountingReader(InputStream in, CharsetDecoder decoder, boolean escapesStrayBytes) {
        this.in = in;
        this.decoder = decoder;
        this.escapesStrayBytes = escapesStrayBytes;
    }

    /** True for a character that stands for a byte the decoder could not read. */
    static boolean isEscapedByte(char c) {
        return c >= 0xDC80 && c <= 0xDCFF;
    }

    /** The byte an escaped character stands for. */
    static int escapedByte(char c) {
        return c & 0xFF;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (out.position() == offset) {
            if (pendingError != null) {
                throw new UndecodableInputException(pendingError, line());
            }
            if (flushed) {
                return -1;
            }
            if (!bytes.hasRemaining() && !endOfInput) {
                fill();
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isMalformed() && escapesStrayBytes) {
                if (out.hasRemaining()) {
                    // One byte at a time: the decoder re-reads whatever follows it.
                    out.put((char) (0xDC00 | (bytes.get() & 0xFF)));
                }
                continue;
            }
            if (result.isError()) {
                pendingError = result;
                countLineBreaks(buffer, offset, out.position());
                if (out.position() == offset) {
                    throw new UndecodableInputException(result, line());
                }
                return out.position() - offset;
            }
            if (endOfInput && result.isUnderflow()) {
                decoder.flush(out);
                flushed = true;
            }
            else if (result.isUnderflow() && bytes.hasRemaining()) {
                fill();
            }
        }
        countLineBreaks(buffer, offset, out.position());
        return out.position() - offset;
    }

    private void fill() throws IOException {
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        }
        else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void countLineBreaks(char[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                lineBreaks++;
            }
        }
    }

    /** The 1-based number of the line being read. */
    long line() {
        return lineBreaks + 1;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** Bytes that are not valid in the file's encoding, on a known line. */
    static final class UndecodableInputException extends CharacterCodingException {

        private final transient CoderResult result;

        private final long line;

        UndecodableInputException(CoderResult result, long line) {
            this.result = result;
            this.line = line;
        }

        long line() {
            return line;
        }

        @Override
        public String getMessage() {
            return "Undecodable input (" + result + ") on line " + line;
        }

    }

}
