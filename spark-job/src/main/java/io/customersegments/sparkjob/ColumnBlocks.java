package io.customersegments.sparkjob;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The service's columnar copy of a dataset (tables {@code feature_column} and {@code feature_block}, written with every
 * upload): each numeric column cut into blocks of {@value #BLOCK_ROWS} rows, one {@code bytea} of big-endian float8
 * values (NaN where missing) per block. Reading these instead of the customer rows moves 8 bytes per value and a few
 * hundred rows per column through PostgreSQL and JDBC, not a tuple and an array per customer. The copy is a cache the
 * service may not have (a crash empties it, a replaced computed column drops it): the job reads it only when every
 * feature's blocks hold every row.
 */
final class ColumnBlocks {

    /** Rows per block, as the service writes them (FeatureBlocks.BLOCK_ROWS). */
    static final int BLOCK_ROWS = 65_536;

    private ColumnBlocks() {
    }

    /** Whether every feature's blocks are there and hold the dataset's every row (asked on the driver). */
    static boolean complete(JobSpec spec) throws SQLException {
        String sql = "SELECT slot, sum(rows) FROM " + SegmentationJob.quoted(spec.schema()) + ".feature_block "
                + "WHERE dataset_id = ? AND kind = 'N' AND slot = ANY (?) GROUP BY slot";
        try (Connection connection = DriverManager.getConnection(spec.jdbcUrl(), spec.user(),
                spec.password() == null ? "" : spec.password());
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setLong(1, spec.datasetId());
            query.setArray(2, connection.createArrayOf("integer", spec.features().stream().map(JobSpec.Feature::slot)
                .toArray()));
            int complete = 0;
            try (ResultSet slots = query.executeQuery()) {
                while (slots.next()) {
                    complete += slots.getLong(2) == spec.rows() ? 1 : 0;
                }
            }
            return complete == spec.features().size();
        }
    }

    /** The customers' prepared vectors from the blocks: one JDBC query per range of block numbers. */
    static JavaRDD<Vector> read(SparkSession spark, JobSpec spec, int partitions, SegmentationJob.Preparer preparer) {
        int blocks = (int) ((spec.rows() + BLOCK_ROWS - 1) / BLOCK_ROWS);
        StringBuilder slots = new StringBuilder();
        for (JobSpec.Feature feature : spec.features()) {
            slots.append(slots.length() == 0 ? "" : ", ").append(feature.slot());
        }
        String select = "(SELECT block_no, slot, rows, data FROM " + SegmentationJob.quoted(spec.schema())
                + ".feature_block WHERE dataset_id = " + spec.datasetId() + " AND kind = 'N' AND slot IN (" + slots
                + ")) AS blocks";
        // Each row is a block of up to 512 KB: fetch a few at a time, not thousands.
        Dataset<Row> rows = SegmentationJob.jdbc(spark, spec, select, "block_no", 0, blocks,
                Math.max(1, Math.min(partitions, blocks)), 4);
        Assembler assembler = new Assembler(preparer, spec.datasetId());
        return rows.javaRDD().mapPartitions(assembler::assemble);
    }

    /**
     * Puts a partition's blocks together into customers: a block number's blocks of every feature make its rows'
     * vectors, emitted as soon as the last of them arrives (so at most a few blocks are held at once).
     */
    record Assembler(SegmentationJob.Preparer preparer, long datasetId) implements Serializable {

        Iterator<Vector> assemble(Iterator<Row> blocks) {
            Map<Integer, byte[][]> waiting = new HashMap<>();
            Map<Integer, Integer> arrived = new HashMap<>();
            Iterator<Row> source = blocks;
            return new Iterator<>() {

                private Iterator<Vector> ready = java.util.Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!this.ready.hasNext() && source.hasNext()) {
                        Row block = source.next();
                        int blockNo = block.getInt(0);
                        int feature = featureOf(block.getInt(1));
                        byte[][] columns = waiting.computeIfAbsent(blockNo, b -> new byte[features().length][]);
                        columns[feature] = (byte[]) block.get(3);
                        if (arrived.merge(blockNo, 1, Integer::sum) == features().length) {
                            waiting.remove(blockNo);
                            arrived.remove(blockNo);
                            this.ready = rows(blockNo, columns, block.getInt(2)).iterator();
                        }
                    }
                    if (!this.ready.hasNext() && !waiting.isEmpty()) {
                        throw new IllegalStateException("the columnar copy of dataset " + datasetId + " changed while "
                                + "it was read (block " + waiting.keySet().iterator().next() + " lacks a feature's "
                                + "values): run again");
                    }
                    return this.ready.hasNext();
                }

                @Override
                public Vector next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    return this.ready.next();
                }

            };
        }

        private JobSpec.Feature[] features() {
            return this.preparer.features();
        }

        private int featureOf(int slot) {
            for (int j = 0; j < features().length; j++) {
                if (features()[j].slot() == slot) {
                    return j;
                }
            }
            throw new IllegalStateException("slot " + slot + " is not one of the features");
        }

        /** The prepared vectors of one block's rows. */
        private List<Vector> rows(int blockNo, byte[][] columns, int rows) {
            ByteBuffer[] values = new ByteBuffer[columns.length];
            for (int j = 0; j < columns.length; j++) {
                if (columns[j].length != rows * Double.BYTES) {
                    throw new IllegalStateException("block " + blockNo + " of dataset " + this.datasetId + " holds "
                            + columns[j].length / Double.BYTES + " values of one feature and " + rows + " rows");
                }
                values[j] = ByteBuffer.wrap(columns[j]);
            }
            List<Vector> into = new ArrayList<>(rows);
            double[] raw = new double[columns.length];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < columns.length; j++) {
                    raw[j] = values[j].getDouble(r * Double.BYTES);
                }
                // Row numbers start at 1; block b holds rows b * BLOCK_ROWS + 1 onwards, in order.
                Vector vector = this.preparer.prepare((long) blockNo * BLOCK_ROWS + r + 1, raw);
                if (vector != null) {
                    into.add(vector);
                }
            }
            return into;
        }

    }

}
