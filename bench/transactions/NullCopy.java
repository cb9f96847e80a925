package io.customersegments.copy;

import java.sql.SQLException;

import org.postgresql.copy.CopyIn;
import org.postgresql.util.ByteStreamWriter;

/** A COPY that counts the rows of the binary stream written to it and keeps nothing: the importer alone is timed. */
public final class NullCopy implements CopyIn {

    /** Header bytes before the first row: the signature (11), flags (4) and header extension length (4). */
    private int skip = 19;

    /** Reading a row's field count (2 bytes) or a field's length (4). */
    private boolean atRowStart = true;

    private int need = 2;

    private int value;

    private int fieldsLeft;

    private long rows;

    /** A writer whose rows go nowhere. */
    public static BinaryCopyWriter writer() throws SQLException {
        return new BinaryCopyWriter(new NullCopy());
    }

    @Override
    public void writeToCopy(byte[] buf, int off, int len) {
        int i = off;
        int end = off + len;
        while (i < end) {
            if (skip > 0) {
                int n = Math.min(skip, end - i);
                skip -= n;
                i += n;
                continue;
            }
            value = value << 8 | buf[i++] & 0xff;
            if (--need > 0) {
                continue;
            }
            if (atRowStart) {
                short fields = (short) value;
                value = 0;
                if (fields == -1) {
                    skip = Integer.MAX_VALUE;
                    continue;
                }
                rows++;
                fieldsLeft = fields;
                atRowStart = fields == 0;
                need = fields == 0 ? 2 : 4;
            }
            else {
                int length = value;
                value = 0;
                skip = Math.max(length, 0);
                atRowStart = --fieldsLeft == 0;
                need = atRowStart ? 2 : 4;
            }
        }
    }

    @Override
    public void writeToCopy(ByteStreamWriter from) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flushCopy() {
    }

    @Override
    public long endCopy() {
        return rows;
    }

    @Override
    public int getFieldCount() {
        return 0;
    }

    @Override
    public int getFormat() {
        return 1;
    }

    @Override
    public int getFieldFormat(int field) {
        return 1;
    }

    @Override
    public boolean isActive() {
        return true;
    }

    @Override
    public void cancelCopy() {
    }

    @Override
    public long getHandledRowCount() {
        return rows;
    }

}
