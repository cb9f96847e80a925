package io.customersegments.dataset;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.IntBuffer;
import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import io.customersegments.copy.BinaryCopyWriter;
import io.customersegments.copy.CopyStreams;

/**
 * Reads a customer dataset's columns for analysis: from the columnar copy (feature_column, feature_block:
 * one large value per column and 65,536 rows) where it has them, else from the rows, in which case the
 * columns read are handed to {@link FeatureBlockWriter} to be cached for the next load. Row numbers are
 * dense from 1 in file order, so a value's row number names its place and no ORDER BY is needed.
 */
@Component
class FeatureBlocks {

    static final int BLOCK_ROWS = 65_536;

    /**
     * A categorical column with more categories, or longer ones in all, is not cached but read from the rows: its
     * dictionary would not stay small in an upload's memory.
     */
    static final int MAX_LEVELS = 4_096;

    /** See {@link #MAX_LEVELS}: the characters of all a column's categories together. */
    static final int MAX_LEVEL_CHARS = 1 << 20;

    /** The columns of {@link #writeBlock}, in its order. */
    static final String BLOCK_COLUMNS = "dataset_id, kind, slot, block_no, rows, data";

    /** One feature_block row: the first {@code length} bytes of {@code data} hold the block's {@code rows} values. */
    static void writeBlock(BinaryCopyWriter writer, long datasetId, char kind, int slot, int block, int rows,
            byte[] data, int length) throws SQLException {
        writer.startRow(6);
        writer.field(datasetId);
        writer.fieldChar(kind);
        writer.fieldInt(slot);
        writer.fieldInt(block);
        writer.fieldInt(rows);
        writer.field(data, length);
        writer.endRow();
    }

    /** Whether a categorical column of these categories is cached. */
    static boolean cachable(List<String> levels) {
        return levels.size() <= MAX_LEVELS && levels.stream().mapToLong(String::length).sum() <= MAX_LEVEL_CHARS;
    }

    private final JdbcTemplate jdbc;

    private final CopyStreams copies;

    private final FeatureBlockWriter writer;

    FeatureBlocks(JdbcTemplate jdbc, CopyStreams copies, FeatureBlockWriter writer) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.writer = writer;
    }

    /**
     * What a load read: the table, and the columns it had to read from the rows, to be cached by
     * {@link #cacheRowsRead} once the load's transaction has ended (so a load never holds two connections).
     */
    record Loaded(FeatureTable table, String version, List<Integer> rowNumeric, List<Integer> rowCategorical) {
    }

    /**
     * The columns read, row-major values of the numeric ones and the coded categorical ones. Run it in one snapshot
     * (REPEATABLE READ): the catalogue of cached columns and their blocks must be read as of the same moment.
     */
    Loaded load(Dataset dataset, List<DatasetColumn> features, List<DatasetColumn> categorical) {
        long id = dataset.getId();
        int n = Math.toIntExact(dataset.getRowCount());
        int d = features.size();
        // Read before the values: a cache written from them is refused if the dataset changed since.
        String version = writer.version(id);
        Map<String, List<String>> cached = new HashMap<>();
        jdbc.query("SELECT kind, slot, levels FROM feature_column WHERE dataset_id = ?", rs -> {
            Array levels = rs.getArray(3);
            cached.put(rs.getString(1) + rs.getInt(2), levels == null ? List.of() : List.of((String[]) levels.getArray()));
        }, id);
        double[] values = new double[n * d];
        int[][] codes = new int[categorical.size()][];
        List<List<String>> levels = new ArrayList<>();
        Map<Integer, List<Integer>> blockNumeric = new LinkedHashMap<>();
        Map<Integer, Integer> blockCategorical = new LinkedHashMap<>();
        for (int j = 0; j < d; j++) {
            int slot = features.get(j).index();
            if (cached.containsKey("N" + slot)) {
                blockNumeric.computeIfAbsent(slot, s -> new ArrayList<>()).add(j);
            }
        }
        for (int c = 0; c < categorical.size(); c++) {
            int slot = categorical.get(c).index();
            codes[c] = new int[n];
            List<String> known = cached.get("C" + slot);
            levels.add(known);
            if (known != null) {
                blockCategorical.put(slot, c);
            }
        }
        Map<String, Long> complete = blockNumeric.isEmpty() && blockCategorical.isEmpty() ? Map.of()
                : readBlocks(id, d, blockNumeric, blockCategorical, values, codes);
        // A column is taken from its blocks only when they hold every row; else (never expected) from the rows.
        List<Integer> rowNumeric = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            if (complete.getOrDefault("N" + features.get(j).index(), 0L) != n) {
                rowNumeric.add(j);
            }
        }
        List<Integer> rowCategorical = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            if (complete.getOrDefault("C" + categorical.get(c).index(), 0L) != n) {
                rowCategorical.add(c);
            }
        }
        if (!rowNumeric.isEmpty() || !rowCategorical.isEmpty()) {
            readRows(id, n, features, categorical, rowNumeric, rowCategorical, values, codes, levels);
        }
        int[] rowNos = new int[n];
        for (int i = 0; i < n; i++) {
            rowNos[i] = i + 1;
        }
        List<FeatureTable.CodedColumn> coded = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            coded.add(new FeatureTable.CodedColumn(categorical.get(c), codes[c], levels.get(c)));
        }
        return new Loaded(new FeatureTable(id, List.copyOf(features), n, values, rowNos, List.copyOf(coded)), version,
                List.copyOf(rowNumeric), List.copyOf(rowCategorical));
    }

    /** Caches the columns a load read from the rows, if any can be; call it outside any transaction. */
    void cacheRowsRead(Loaded loaded) {
        FeatureTable table = loaded.table();
        List<DatasetColumn> categorical = table.categorical().stream().map(FeatureTable.CodedColumn::column).toList();
        List<Integer> coded = loaded.rowCategorical()
            .stream()
            .filter(c -> cachable(table.categorical().get(c).levels()))
            .toList();
        if (loaded.rowNumeric().isEmpty() && coded.isEmpty()) {
            return;
        }
        int[][] codes = table.categorical().stream().map(FeatureTable.CodedColumn::codes).toArray(int[][]::new);
        List<List<String>> levels = table.categorical().stream().map(FeatureTable.CodedColumn::levels).toList();
        writer.cacheQuietly(table.datasetId(), loaded.version(), table.n(), table.features(), loaded.rowNumeric(),
                table.values(), categorical, coded, codes, levels);
    }

    /** Every value of one numeric column, NaN where missing, in no particular order; holds one block at a time. */
    void forEachValue(long id, DatasetColumn column, DoubleConsumer each) {
        Boolean cached = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM feature_column WHERE dataset_id = ? "
                + "AND kind = 'N' AND slot = ?)", Boolean.class, id, column.index());
        if (Boolean.TRUE.equals(cached)) {
            copies.out("SELECT data FROM feature_block WHERE dataset_id = " + id + " AND kind = 'N' AND slot = "
                    + column.index(), "column " + column.key() + " of dataset " + id, reader -> {
                        while (reader.nextRow()) {
                            DoubleBuffer values = ByteBuffer.wrap(reader.readBytes()).asDoubleBuffer();
                            while (values.hasRemaining()) {
                                each.accept(values.get());
                            }
                        }
                    });
            return;
        }
        copies.out("SELECT numeric[" + (column.index() + 1) + "] FROM customer WHERE dataset_id = " + id,
                "column " + column.key() + " of dataset " + id, reader -> {
                    while (reader.nextRow()) {
                        each.accept(reader.readDouble());
                    }
                });
    }

    /** Reads the blocks of these slots; answers the rows read per column ("N3", "C0"). */
    private Map<String, Long> readBlocks(long id, int d, Map<Integer, List<Integer>> numeric,
            Map<Integer, Integer> categorical, double[] values, int[][] codes) {
        String query = "SELECT kind, slot, block_no, rows, data FROM feature_block WHERE dataset_id = " + id
                + " AND (kind = 'N' AND slot IN (" + list(numeric.keySet()) + ") OR kind = 'C' AND slot IN ("
                + list(categorical.keySet()) + "))";
        Map<String, Long> rowsRead = new HashMap<>();
        copies.out(query, "the columns of dataset " + id, reader -> {
            while (reader.nextRow()) {
                char kind = reader.readChar();
                int slot = reader.readInt();
                int start = reader.readInt() * BLOCK_ROWS;
                int rows = reader.readInt();
                ByteBuffer data = ByteBuffer.wrap(reader.readBytes());
                rowsRead.merge(String.valueOf(kind) + slot, (long) rows, Long::sum);
                if (kind == 'N') {
                    DoubleBuffer column = data.asDoubleBuffer();
                    for (int j : numeric.get(slot)) {
                        for (int i = 0; i < rows; i++) {
                            values[(start + i) * d + j] = column.get(i);
                        }
                    }
                }
                else {
                    IntBuffer column = data.asIntBuffer();
                    column.get(codes[categorical.get(slot)], start, rows);
                }
            }
        });
        return rowsRead;
    }

    private static String list(Collection<Integer> slots) {
        return slots.isEmpty() ? "NULL" : slots.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The given columns from the rows; categories are numbered in order of first appearance by row. */
    private void readRows(long id, int n, List<DatasetColumn> features, List<DatasetColumn> categorical,
            List<Integer> numeric, List<Integer> coded, double[] values, int[][] codes, List<List<String>> levels) {
        int d = features.size();
        StringBuilder select = new StringBuilder("SELECT row_no");
        for (int j : numeric) {
            select.append(", numeric[").append(features.get(j).index() + 1).append(']');
        }
        for (int c : coded) {
            select.append(", categorical[").append(categorical.get(c).index() + 1).append(']');
        }
        select.append(" FROM customer WHERE dataset_id = ").append(id);
        List<Map<String, Integer>> found = new ArrayList<>();
        coded.forEach(c -> found.add(new HashMap<>()));
        long[] read = { 0 };
        copies.out(select.toString(), "dataset " + id, reader -> {
            while (reader.nextRow()) {
                read[0]++;
                int i = reader.readInt() - 1;
                for (int j : numeric) {
                    values[i * d + j] = reader.readDouble();
                }
                for (int k = 0; k < coded.size(); k++) {
                    String label = reader.readText();
                    Map<String, Integer> known = found.get(k);
                    codes[coded.get(k)][i] = label == null ? -1 : known.computeIfAbsent(label, key -> known.size());
                }
            }
        });
        if (read[0] != n) {
            throw new IllegalStateException("Dataset " + id + " has " + read[0] + " rows, its catalogue says " + n);
        }
        for (int k = 0; k < coded.size(); k++) {
            levels.set(coded.get(k), renumber(codes[coded.get(k)], found.get(k)));
        }
    }

    /** Renumbers codes given in arrival order into order of first appearance by row; answers the levels. */
    private static List<String> renumber(int[] codes, Map<String, Integer> arrival) {
        String[] byArrival = new String[arrival.size()];
        arrival.forEach((label, code) -> byArrival[code] = label);
        int[] renumbered = new int[arrival.size()];
        Arrays.fill(renumbered, -1);
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            int code = codes[i];
            if (code < 0) {
                continue;
            }
            if (renumbered[code] < 0) {
                renumbered[code] = levels.size();
                levels.add(byArrival[code]);
            }
            codes[i] = renumbered[code];
        }
        return List.copyOf(levels);
    }

}
