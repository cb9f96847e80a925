package io.customersegments.copy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the rows of a {@code COPY ... TO STDOUT (FORMAT binary)} stream. Hand-written for the same
 * reason as {@link BinaryCopyWriter}: the driver gives the channel, not a decoder, and binary avoids
 * formatting and re-parsing every number as text.
 */
public final class BinaryCopyReader {

    private final DataInputStream in;

    BinaryCopyReader(InputStream in) throws IOException {
        this.in = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        this.in.skipNBytes(11);
        this.in.readInt();
        this.in.skipNBytes(this.in.readInt());
    }

    /** Starts the next row; answers false at the end of the stream. */
    public boolean nextRow() throws IOException {
        return in.readShort() != -1;
    }

    public int readInt() throws IOException {
        in.readInt();
        return in.readInt();
    }

    /** A float8 field, NaN when it is NULL. */
    public double readDouble() throws IOException {
        return in.readInt() < 0 ? Double.NaN : in.readDouble();
    }

    /** A "char" field (one byte). */
    public char readChar() throws IOException {
        in.readInt();
        return (char) in.readUnsignedByte();
    }

    public byte[] readBytes() throws IOException {
        return in.readNBytes(in.readInt());
    }

    public String readText() throws IOException {
        int length = in.readInt();
        return length < 0 ? null : new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A text[] field as its elements (NULL elements as null). */
    public String[] readTextArray() throws IOException {
        in.readInt();
        int dimensions = in.readInt();
        in.readInt();
        in.readInt();
        if (dimensions == 0) {
            return new String[0];
        }
        int length = in.readInt();
        in.readInt();
        String[] values = new String[length];
        for (int i = 0; i < length; i++) {
            values[i] = readText();
        }
        return values;
    }

}
