package io.customersegments.dataset;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * A gzip-compressed request body, inflated. A body cut short ends GZIPInputStream's reads with an EOFException
 * (with or without a message, in the data, the trailer or the header); here it is a {@link Truncated} ZipException,
 * which the CSV reader answers as a client's broken body (400), as it does a corrupt one.
 */
final class GzipBody extends FilterInputStream {

    /** The compressed body ended before the gzip stream did. */
    static final class Truncated extends ZipException {

        private static final long serialVersionUID = 1L;

        Truncated() {
            super("the gzip data ends early");
        }

    }

    private GzipBody(InputStream inflated) {
        super(inflated);
    }

    /** Reads the gzip header from {@code compressed}: a ZipException when it is not gzip or ends inside it. */
    static InputStream of(InputStream compressed) throws IOException {
        try {
            return new GzipBody(new GZIPInputStream(compressed, 1 << 16));
        }
        catch (EOFException ex) {
            throw new Truncated();
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        }
        catch (EOFException ex) {
            throw new Truncated();
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        }
        catch (EOFException ex) {
            throw new Truncated();
        }
    }

}
