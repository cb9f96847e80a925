package io.customersegments;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** A JSON array of customer objects, made on the fly, of about the given size. */
public final class JsonArrayOfCustomers extends InputStream {

    private static final byte[] CUSTOMER = ",{\"annual_income_k\":50,\"spending_score_1_100\":50}"
        .getBytes(StandardCharsets.US_ASCII);

    private final long size;

    private long position;

    public JsonArrayOfCustomers(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        if (position >= size) {
            return -1;
        }
        long at = position++;
        if (at == 0) {
            return '[';
        }
        if (at == size - 1) {
            return ']';
        }
        int b = CUSTOMER[(int) ((at - 1) % CUSTOMER.length)];
        // The first customer has no leading comma.
        return at == 1 ? ' ' : b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        int n = 0;
        while (n < length) {
            int b = read();
            if (b < 0) {
                return n == 0 ? -1 : n;
            }
            buffer[offset + n++] = (byte) b;
        }
        return n;
    }

}
