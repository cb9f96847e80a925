package io.customersegments.dataset;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.util.unit.DataSize;

/** The upload's bytes as they stream past: counted against the size limit and hashed for duplicate detection. */
final class UploadStream extends FilterInputStream {

    private final MessageDigest digest;

    private final DataSize limit;

    private long count;

    UploadStream(InputStream in, DataSize limit) {
        super(in);
        this.limit = limit;
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("Every Java runtime has SHA-256", ex);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
            digest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            counted(read);
            digest.update(buffer, offset, read);
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("An upload is read whole, never skipped");
    }

    private void counted(int bytes) {
        count += bytes;
        if (count > limit.toBytes()) {
            throw new UploadTooLargeException(limit);
        }
    }

    long count() {
        return count;
    }

    /** The SHA-256 of everything read, in lowercase hex; call after the last byte. */
    String sha256() {
        return HexFormat.of().formatHex(digest.digest());
    }

}
