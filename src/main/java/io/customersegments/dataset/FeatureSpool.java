package io.customersegments.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.LoggerFactory;

import io.customersegments.copy.BinaryCopyWriter;

/**
 * An upload's rows cut into the column blocks of {@link FeatureBlocks} as they stream past: one block of
 * {@link FeatureBlocks#BLOCK_ROWS} rows per column in memory, full blocks spooled to a temporary file
 * (the upload's own COPY holds the connection until its last row), copied to the database after it.
 * A categorical column with more than {@link FeatureBlocks#MAX_LEVELS} categories, or more than
 * {@link FeatureBlocks#MAX_LEVEL_CHARS} characters of them, is given up: none of its blocks is stored. A file of
 * more than {@link #MAX_COLUMNS} columns spools nothing (a block of each would not stay small); its columns are
 * cached by the first run's load instead. The block buffers grow with the file, so a small file takes little.
 */
final class FeatureSpool implements AutoCloseable {

    static final int MAX_COLUMNS = 64;

    private static final int FIRST_CAPACITY = 1_024;

    private final Path file;

    private final DataOutputStream out;

    private double[][] numeric;

    private int[][] codes;

    private List<Map<String, Integer>> dictionaries;

    private boolean[] abandoned;

    private long[] dictionaryChars;

    private int filled;

    private int capacity;

    private boolean tooWide;

    private int block;

    private long records;

    private final ByteBuffer encoded = ByteBuffer.allocate(FeatureBlocks.BLOCK_ROWS * Double.BYTES);

    FeatureSpool() {
        Path created = null;
        try {
            created = Files.createTempFile("feature-blocks-", ".bin");
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(created), 1 << 16));
            this.file = created;
        }
        catch (IOException ex) {
            deleteQuietly(created);
            throw new UncheckedIOException("Could not create a temporary file for the column blocks", ex);
        }
    }

    /** The next stored row's numeric slots (NaN missing) and categorical slots (null missing). */
    void add(double[] numericRow, String[] categoricalRow) {
        if (tooWide) {
            return;
        }
        if (numeric == null) {
            if (numericRow.length + categoricalRow.length > MAX_COLUMNS) {
                tooWide = true;
                return;
            }
            capacity = FIRST_CAPACITY;
            numeric = new double[numericRow.length][capacity];
            codes = new int[categoricalRow.length][capacity];
            dictionaries = new ArrayList<>();
            for (int c = 0; c < categoricalRow.length; c++) {
                dictionaries.add(new HashMap<>());
            }
            abandoned = new boolean[categoricalRow.length];
            dictionaryChars = new long[categoricalRow.length];
        }
        if (filled == capacity) {
            capacity = Math.min(2 * capacity, FeatureBlocks.BLOCK_ROWS);
            for (int j = 0; j < numeric.length; j++) {
                numeric[j] = Arrays.copyOf(numeric[j], capacity);
            }
            for (int c = 0; c < codes.length; c++) {
                codes[c] = Arrays.copyOf(codes[c], capacity);
            }
        }
        for (int j = 0; j < numericRow.length; j++) {
            numeric[j][filled] = numericRow[j];
        }
        for (int c = 0; c < categoricalRow.length; c++) {
            if (abandoned[c]) {
                continue;
            }
            String value = categoricalRow[c];
            if (value == null) {
                codes[c][filled] = -1;
                continue;
            }
            Map<String, Integer> dictionary = dictionaries.get(c);
            Integer code = dictionary.get(value);
            if (code == null) {
                dictionaryChars[c] += value.length();
                if (dictionary.size() == FeatureBlocks.MAX_LEVELS || dictionaryChars[c] > FeatureBlocks.MAX_LEVEL_CHARS) {
                    abandoned[c] = true;
                    dictionary.clear();
                    continue;
                }
                code = dictionary.size();
                dictionary.put(value, code);
            }
            codes[c][filled] = code;
        }
        if (++filled == FeatureBlocks.BLOCK_ROWS) {
            try {
                writeBlock();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not write the column blocks to a temporary file", ex);
            }
        }
    }

    private void writeBlock() throws IOException {
        for (int j = 0; j < numeric.length; j++) {
            encoded.clear();
            encoded.asDoubleBuffer().put(numeric[j], 0, filled);
            writeRecord('N', j, filled * Double.BYTES);
        }
        for (int c = 0; c < codes.length; c++) {
            if (!abandoned[c]) {
                encoded.clear();
                encoded.asIntBuffer().put(codes[c], 0, filled);
                writeRecord('C', c, filled * Integer.BYTES);
            }
        }
        block++;
        filled = 0;
    }

    private void writeRecord(char kind, int slot, int length) throws IOException {
        out.writeByte(kind);
        out.writeInt(slot);
        out.writeInt(block);
        out.writeInt(filled);
        out.write(encoded.array(), 0, length);
        records++;
    }

    /** Ends the spool: the last, partly filled blocks are written. */
    void finish() throws IOException {
        if (filled > 0) {
            writeBlock();
        }
        out.close();
    }

    /** The numeric slots spooled (every one, or none when the file was too wide). */
    int numericSlots() {
        return numeric == null ? 0 : numeric.length;
    }

    /** Per categorical slot its categories in order of first appearance, or null where it was given up. */
    List<List<String>> levels() {
        List<List<String>> levels = new ArrayList<>();
        for (int c = 0; codes != null && c < codes.length; c++) {
            if (abandoned[c]) {
                levels.add(null);
                continue;
            }
            String[] ordered = new String[dictionaries.get(c).size()];
            dictionaries.get(c).forEach((value, code) -> ordered[code] = value);
            levels.add(List.of(ordered));
        }
        return levels;
    }

    /** Writes the spooled blocks as feature_block rows (dataset_id, kind, slot, block_no, rows, data). */
    void copyTo(BinaryCopyWriter writer, long datasetId) throws IOException, SQLException {
        byte[] data = new byte[FeatureBlocks.BLOCK_ROWS * Double.BYTES];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            for (long r = 0; r < records; r++) {
                char kind = (char) in.readByte();
                int slot = in.readInt();
                int blockNo = in.readInt();
                int rows = in.readInt();
                int length = rows * (kind == 'N' ? Double.BYTES : Integer.BYTES);
                in.readFully(data, 0, length);
                if (kind == 'C' && abandoned[slot]) {
                    // Given up after some of its blocks were spooled: it has no feature_column row to belong to.
                    continue;
                }
                FeatureBlocks.writeBlock(writer, datasetId, kind, slot, blockNo, rows, data, length);
            }
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        }
        catch (IOException ex) {
            // The spool is being thrown away (a full disk, say); deleting it is what matters.
        }
        finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
        catch (IOException ex) {
            LoggerFactory.getLogger(FeatureSpool.class).warn("Could not delete the temporary file {}", file, ex);
        }
    }

}
