package io.customersegments.run;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.BiConsumer;

import javax.sql.DataSource;

import org.postgresql.PGStatement;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

import io.customersegments.copy.BinaryCopyWriter;
import io.customersegments.copy.CopyStreams;

/**
 * A run's assignments as stored (V17): blocks of {@value #ROWS} consecutive row numbers, one row per block with an
 * array per column, NULL where the run left a customer out. Written with one COPY of a few thousand values and no
 * per-customer index; read back by block arithmetic (a lookup reads one block) or in row order (exports and pages,
 * joined with their customers a batch at a time).
 */
@Component
class AssignmentBlocks {

    /** Row numbers per block: a lookup reads about 18 KB, a run of 10M customers is about 10,000 blocks. */
    static final int ROWS = 1024;

    private static final String COLUMNS = "segmentation_id, block_no, segments, distances, second_distances, rfm, "
            + "probabilities, runners_up, runner_up_probabilities, segment_sizes";

    private static final String ARRAYS = "segments, distances, second_distances, rfm, probabilities, runners_up, "
            + "runner_up_probabilities";

    private static final int INT2_OID = 21;

    private static final int INT4_OID = 23;

    private static final int FLOAT4_OID = 700;

    private static final int FLOAT8_OID = 701;

    /** Assignments joined with their customers at a time: one query for the customers of each batch. */
    private static final int BATCH = 4_096;

    private final JdbcTemplate jdbc;

    /** Reads blocks a few at a time (a cursor inside the caller's transaction): a page or an export holds a few. */
    private final JdbcTemplate streaming;

    /**
     * A batch's customers are read in parts (a cursor too): {@link #ROWS_FETCHED} rows of numbers at a time; with
     * categories, whose values may be long, as many rows as {@link #TEXT_FETCHED} characters of the longest seen so far
     * take, at least {@link #FEW_ROWS_FETCHED} (the first part, before any was seen).
     */
    static final int ROWS_FETCHED = 512;

    static final int FEW_ROWS_FETCHED = 16;

    static final long TEXT_FETCHED = 2L * 1024 * 1024;

    private final CopyStreams copies;

    AssignmentBlocks(JdbcTemplate jdbc, DataSource dataSource, CopyStreams copies) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(8);
        this.copies = copies;
    }

    /**
     * What a run assigned, per customer it clustered, in ascending row number.
     *
     * @param k the run's number of segments (ordinals 0 to k - 1)
     * @param rfmScores an RFM run's scores as one number each; null for other methods
     * @param mixture a Gaussian mixture run's probabilities and runners-up; null for other methods
     */
    record Assigned(int k, int[] rowNos, int[] labels, double[] distances, double[] secondDistances, short[] rfmScores,
            MixtureRuns.Fitted mixture) {
    }

    /** COPYs the run's blocks into {@code table} (its partition, not yet attached); answers the blocks written. */
    long copy(String table, long runId, Assigned assigned) {
        return copies.in(table, COLUMNS, "the assignments", writer -> {
            long blocks = 0;
            int[] at = new int[ROWS];
            int[] rowNos = assigned.rowNos();
            int n = rowNos.length;
            if (n > 0 && rowNos[0] < 1) {
                throw new IllegalStateException("Assignments must be stored in row numbers from 1; the first is "
                        + rowNos[0]);
            }
            for (int from = 0; from < n;) {
                int block = (rowNos[from] - 1) / ROWS;
                int base = block * ROWS;
                Arrays.fill(at, -1);
                int[] sizes = new int[assigned.k()];
                int to = from;
                while (to < n && rowNos[to] <= base + ROWS) {
                    if (to > 0 && rowNos[to] <= rowNos[to - 1]) {
                        throw new IllegalStateException("Assignments must be stored in ascending row numbers; row "
                                + rowNos[to] + " follows " + rowNos[to - 1]);
                    }
                    at[rowNos[to] - base - 1] = to;
                    sizes[assigned.labels()[to]]++;
                    to++;
                }
                writeBlock(writer, runId, block, at, rowNos[to - 1] - base, to - from, sizes, assigned);
                blocks++;
                from = to;
            }
            writer.finish();
            return blocks;
        });
    }

    /**
     * One block's row: {@code at[p]} is the index into the assigned arrays of row number {@code base + p + 1}, -1
     * where the run left that customer out; {@code length} elements (up to the block's last assigned row).
     */
    private static void writeBlock(BinaryCopyWriter writer, long runId, int block, int[] at, int length, int assigned,
            int[] sizes, Assigned a) throws SQLException {
        boolean gaps = assigned < length;
        writer.startRow(10);
        writer.field(runId);
        writer.fieldInt(block);
        smallints(writer, at, length, gaps, a.labels(), null);
        doubles(writer, at, length, gaps, a.distances());
        doubles(writer, at, length, gaps, a.secondDistances());
        if (a.rfmScores() == null) {
            writer.fieldNull();
        }
        else {
            int array = writer.startArray(INT2_OID, length, gaps);
            for (int p = 0; p < length; p++) {
                if (at[p] < 0) {
                    writer.fieldNull();
                }
                else {
                    writer.fieldShort(a.rfmScores()[at[p]]);
                }
            }
            writer.endArray(array);
        }
        if (a.mixture() == null) {
            writer.fieldNull();
            writer.fieldNull();
            writer.fieldNull();
        }
        else {
            int[] runnersUp = a.mixture().runnersUp();
            reals(writer, at, length, gaps, a.mixture().probabilities(), null);
            smallints(writer, at, length, true, runnersUp, runnersUp);
            reals(writer, at, length, true, a.mixture().runnerUpProbabilities(), runnersUp);
        }
        int array = writer.startArray(INT4_OID, sizes.length, false);
        for (int size : sizes) {
            writer.fieldInt(size);
        }
        writer.endArray(array);
        writer.endRow();
    }

    /** As reals, of smallint; an element is also NULL where {@code presentWhen} (when given) is negative. */
    private static void smallints(BinaryCopyWriter writer, int[] at, int length, boolean gaps, int[] values,
            int[] presentWhen) {
        int array = writer.startArray(INT2_OID, length, gaps);
        for (int p = 0; p < length; p++) {
            if (at[p] < 0 || presentWhen != null && presentWhen[at[p]] < 0) {
                writer.fieldNull();
            }
            else {
                writer.fieldShort((short) values[at[p]]);
            }
        }
        writer.endArray(array);
    }

    private static void doubles(BinaryCopyWriter writer, int[] at, int length, boolean gaps, double[] values) {
        int array = writer.startArray(FLOAT8_OID, length, gaps);
        for (int p = 0; p < length; p++) {
            if (at[p] < 0) {
                writer.fieldNull();
            }
            else {
                writer.fieldExact(values[at[p]]);
            }
        }
        writer.endArray(array);
    }

    /** As reals; an element is also NULL where {@code presentWhen} (when given) is negative. */
    private static void reals(BinaryCopyWriter writer, int[] at, int length, boolean gaps, double[] values,
            int[] presentWhen) {
        int array = writer.startArray(FLOAT4_OID, length, gaps);
        for (int p = 0; p < length; p++) {
            if (at[p] < 0 || presentWhen != null && presentWhen[at[p]] < 0) {
                writer.fieldNull();
            }
            else {
                writer.field((float) values[at[p]]);
            }
        }
        writer.endArray(array);
    }

    /** A customer's assignment in a run of its dataset: one block read, if the run clustered the customer. */
    Optional<AssignmentRow> assignmentOf(long runId, long datasetId, String externalId) {
        return jdbc.query("SELECT c.external_id, c.row_no, " + element("b.", "e.p") + " FROM customer c "
                + "CROSS JOIN LATERAL (SELECT (c.row_no - 1) % " + ROWS + " + 1 AS p) e "
                + "JOIN assignment_block b ON b.segmentation_id = ? AND b.block_no = (c.row_no - 1) / " + ROWS + " "
                + "WHERE c.dataset_id = ? AND c.external_id = ?",
                (rs, rowNum) -> rs.getObject(3) == null ? null // left out by the run (each subscript reads the array)
                        : new AssignmentRow(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getDouble(4),
                                rs.getDouble(5), rfm(rs.getObject(6)), real(rs.getObject(7)), integer(rs.getObject(8)),
                                real(rs.getObject(9))),
                runId, datasetId, externalId).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** The seven columns' elements at index {@code p} of the block aliased by {@code prefix}. */
    private static String element(String prefix, String p) {
        return String.join(", ", Arrays.stream(ARRAYS.split(", ")).map(column -> prefix + column + "[" + p + "]")
                .toList());
    }

    /**
     * A run's assignments in row order, each with its customer's id and, when {@code features} is given, the
     * customer's feature values; of one segment when {@code ordinal} is given, and {@code limit} of them after
     * the first {@code offset} when {@code limit} is. Call within a transaction (the blocks are read by a cursor).
     */
    void forEach(long runId, long datasetId, Integer ordinal, long offset, Long limit, FeatureValues features,
            BiConsumer<AssignmentRow, Object[]> each) {
        if (limit != null && limit <= 0) {
            return;
        }
        long[] start = start(runId, ordinal, offset);
        if (start == null) {
            return;
        }
        Batch batch = new Batch(datasetId, features, each);
        streaming.query(connection -> {
            PreparedStatement select = connection.prepareStatement("SELECT block_no, " + ARRAYS + " FROM "
                    + "assignment_block WHERE segmentation_id = ? AND block_no >= ? ORDER BY block_no");
            // The arrays in PostgreSQL's binary form: the driver decodes numbers instead of parsing their text (an
            // export of 1M assignments spent most of its time there).
            select.unwrap(PGStatement.class).setPrepareThreshold(-1);
            select.setLong(1, runId);
            select.setLong(2, start[0]);
            return select;
        }, (ResultSetExtractor<Void>) rs -> {
            long skip = start[1];
            long left = limit == null ? Long.MAX_VALUE : limit;
            while (left > 0 && rs.next()) {
                Block block = new Block(rs);
                for (int p = 0; p < block.length() && left > 0; p++) {
                    Object segment = block.segments[p];
                    if (segment == null || ordinal != null && ((Number) segment).intValue() != ordinal) {
                        continue;
                    }
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    batch.add(block, p);
                    left--;
                }
            }
            batch.flush();
            return null;
        });
    }

    /**
     * Where the {@code offset}-th assignment (of the segment, when given) is: its block, and how many of the
     * block's come before it; null when there are no more. Read from the blocks' segment sizes, not their arrays.
     */
    private long[] start(long runId, Integer ordinal, long offset) {
        if (offset <= 0) {
            return new long[] { 0, 0 };
        }
        String size = ordinal == null ? "(SELECT sum(s) FROM unnest(segment_sizes) s)::integer"
                : "coalesce(segment_sizes[" + (ordinal + 1) + "], 0)";
        return jdbc.query("SELECT block_no, ?::bigint - (before - size) FROM (SELECT block_no, size, "
                + "sum(size) OVER (ORDER BY block_no) AS before FROM (SELECT block_no, " + size + " AS size "
                + "FROM assignment_block WHERE segmentation_id = ?) s) t WHERE before > ? ORDER BY block_no LIMIT 1",
                rs -> rs.next() ? new long[] { rs.getLong(1), rs.getLong(2) } : null, offset, runId, offset);
    }

    /** One block read back: its arrays, element p being row number {@code blockNo * ROWS + p + 1}. */
    private static final class Block {

        final int blockNo;

        final Object[] segments;

        final Object[] distances;

        final Object[] secondDistances;

        final Object[] rfm;

        final Object[] probabilities;

        final Object[] runnersUp;

        final Object[] runnerUpProbabilities;

        Block(ResultSet rs) throws SQLException {
            blockNo = rs.getInt(1);
            segments = elements(rs.getArray(2));
            distances = elements(rs.getArray(3));
            secondDistances = elements(rs.getArray(4));
            rfm = elements(rs.getArray(5));
            probabilities = elements(rs.getArray(6));
            runnersUp = elements(rs.getArray(7));
            runnerUpProbabilities = elements(rs.getArray(8));
        }

        int length() {
            return segments.length;
        }

        int rowNo(int p) {
            return blockNo * ROWS + p + 1;
        }

        AssignmentRow row(int p, String externalId) {
            return new AssignmentRow(externalId, rowNo(p), ((Number) segments[p]).intValue(),
                    ((Number) distances[p]).doubleValue(), ((Number) secondDistances[p]).doubleValue(),
                    rfm == null ? null : rfm(rfm[p]), probabilities == null ? null : real(probabilities[p]),
                    runnersUp == null ? null : integer(runnersUp[p]),
                    runnerUpProbabilities == null ? null : real(runnerUpProbabilities[p]));
        }

        private static Object[] elements(Array array) throws SQLException {
            return array == null ? null : (Object[]) array.getArray();
        }

    }

    private static RfmScore rfm(Object code) {
        return code == null ? null : RfmScore.of(((Number) code).intValue());
    }

    private static Double real(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    /**
     * Assignments waiting for their customers, in row order: the customers of a batch are read with one query (a
     * range of row numbers when the batch is dense, else the rows by number) and handed on together.
     */
    private final class Batch {

        private final long datasetId;

        private final FeatureValues features;

        /** Whether a value may be text, whose length nothing bounds but the upload's. */
        private final boolean text;

        private final BiConsumer<AssignmentRow, Object[]> each;

        private final String columns;

        /** The assignments without their customer ids (copied out: a sparse segment's batch spans many blocks). */
        private final AssignmentRow[] rows = new AssignmentRow[BATCH];

        private final int[] rowNos = new int[BATCH];

        private int size;

        /** The most characters of text a customer had among those read so far; -1 before any. */
        private long longestText = -1;

        Batch(long datasetId, FeatureValues features, BiConsumer<AssignmentRow, Object[]> each) {
            this.datasetId = datasetId;
            this.features = features;
            this.text = features != null && features.hasText();
            this.each = each;
            this.columns = "c.row_no, c.external_id" + (features == null || features.selects().isEmpty() ? ""
                    : ", " + String.join(", ", features.selects()));
        }

        void add(Block block, int p) {
            rows[size] = block.row(p, null);
            rowNos[size++] = block.rowNo(p);
            if (size == BATCH) {
                flush();
            }
        }

        void flush() {
            if (size == 0) {
                return;
            }
            int first = rowNos[0];
            int last = rowNos[size - 1];
            int[] next = { 0 };
            ResultSetExtractor<Void> zip = rs -> {
                while (rs.next()) {
                    int rowNo = rs.getInt(1);
                    while (next[0] < size && rowNos[next[0]] < rowNo) {
                        next[0]++;
                    }
                    if (next[0] < size && rowNos[next[0]] == rowNo) {
                        Object[] values = features == null ? null : features.values(rs, 3);
                        if (values != null && text) {
                            long chars = 0;
                            for (Object value : values) {
                                chars += value instanceof String string ? string.length() : 0;
                            }
                            longestText = Math.max(longestText, chars);
                        }
                        each.accept(rows[next[0]++].withExternalId(rs.getString(2)), values);
                    }
                }
                return null;
            };
            int fetched = !text ? ROWS_FETCHED : longestText < 0 ? FEW_ROWS_FETCHED
                    : (int) Math.max(FEW_ROWS_FETCHED, Math.min(ROWS_FETCHED, TEXT_FETCHED / Math.max(1, longestText)));
            // Dense (a whole run, or a segment with a large share): one range; else the rows by number.
            boolean dense = (long) last - first + 1 <= 4L * size;
            jdbc.query(connection -> {
                var select = connection.prepareStatement("SELECT " + columns + " FROM customer c WHERE c.dataset_id = ? "
                        + (dense ? "AND c.row_no BETWEEN ? AND ?" : "AND c.row_no = ANY (?)") + " ORDER BY c.row_no");
                select.setFetchSize(fetched);
                select.setLong(1, datasetId);
                if (dense) {
                    select.setInt(2, first);
                    select.setInt(3, last);
                }
                else {
                    select.setArray(2, connection.createArrayOf("integer",
                            Arrays.stream(rowNos, 0, size).boxed().toArray()));
                }
                return select;
            }, zip);
            Arrays.fill(rows, 0, size, null);
            size = 0;
        }

    }

}
