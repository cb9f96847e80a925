package io.customersegments.dataset;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.copy.CopyStreams;

/**
 * Writes and removes the columnar copy that {@link FeatureBlocks} reads: with an upload (in its transaction),
 * after a load from the rows (in a transaction of its own, given up rather than waited for), and removed with the
 * values a computed column replaces. A cache written from values read under an older version of the dataset row
 * (its xmin: every change of values also changes the row) is refused, so a stale copy is never stored.
 */
@Component
class FeatureBlockWriter {

    private static final Logger log = LoggerFactory.getLogger(FeatureBlockWriter.class);

    /** Taken by whatever changes a dataset's values and by a cache write, so neither sees half the other. */
    private static final int FEATURE_CACHE_LOCK_CLASS = 0x5E6D_0012;

    private final JdbcTemplate jdbc;

    private final CopyStreams copies;

    private final TransactionTemplate ownTransaction;

    FeatureBlockWriter(JdbcTemplate jdbc, CopyStreams copies, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** The version of the dataset's row (null when it is not there, e.g. not yet committed). */
    String version(long datasetId) {
        return jdbc.query("SELECT xmin::text FROM dataset WHERE id = ?", rs -> rs.next() ? rs.getString(1) : null,
                datasetId);
    }

    /** Stores an upload's spooled columns, in the upload's transaction (after its rows). */
    @Transactional(propagation = Propagation.MANDATORY)
    void store(long datasetId, FeatureSpool spool) {
        List<Object[]> columns = new ArrayList<>();
        for (int slot = 0; slot < spool.numericSlots(); slot++) {
            columns.add(new Object[] { datasetId, "N", slot, null });
        }
        List<List<String>> levels = spool.levels();
        for (int slot = 0; slot < levels.size(); slot++) {
            if (levels.get(slot) != null) {
                columns.add(new Object[] { datasetId, "C", slot, levels.get(slot).toArray(String[]::new) });
            }
        }
        insertColumns(columns);
        copies.in("feature_block", FeatureBlocks.BLOCK_COLUMNS, "the column blocks",
                writer -> {
                    spool.copyTo(writer, datasetId);
                    return writer.finish();
                });
    }

    /** Removes the cached copy of numeric slots whose values are being replaced (in that transaction). */
    @Transactional(propagation = Propagation.MANDATORY)
    void invalidate(long datasetId, int[] numericSlots) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, FEATURE_CACHE_LOCK_CLASS,
                Long.hashCode(datasetId));
        jdbc.update("DELETE FROM feature_column WHERE dataset_id = ? AND kind = 'N' AND slot = ANY(?)", datasetId,
                numericSlots);
    }

    /**
     * Caches columns just read from the rows ({@code coded}: the cachable categorical ones), in a transaction of its
     * own, outside the load's; gives up, with a log line, when
     * another transaction holds what it needs, the dataset changed since {@code version}, or the write fails:
     * the next load reads the rows again.
     */
    void cacheQuietly(long datasetId, String version, int n, List<DatasetColumn> features, List<Integer> numeric,
            double[] values, List<DatasetColumn> categorical, List<Integer> coded, int[][] codes,
            List<List<String>> levels) {
        if (version == null) {
            return;
        }
        try {
            ownTransaction.executeWithoutResult(status -> {
                jdbc.execute("SET LOCAL lock_timeout = '2s'");
                boolean locked = Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)",
                        Boolean.class, FEATURE_CACHE_LOCK_CLASS, Long.hashCode(datasetId)));
                if (!locked || !version.equals(version(datasetId))) {
                    return;
                }
                // A load that read the same columns at the same time may have cached them first.
                List<Integer> numericSlots = new ArrayList<>();
                List<Integer> numericColumns = new ArrayList<>();
                for (int j : numeric) {
                    int slot = features.get(j).index();
                    if (!numericSlots.contains(slot) && !present(datasetId, 'N', slot)) {
                        numericSlots.add(slot);
                        numericColumns.add(j);
                    }
                }
                List<Integer> cachedCategorical = coded.stream()
                    .filter(c -> !present(datasetId, 'C', categorical.get(c).index()))
                    .toList();
                List<Object[]> columns = new ArrayList<>();
                numericSlots.forEach(slot -> columns.add(new Object[] { datasetId, "N", slot, null }));
                cachedCategorical.forEach(c -> columns.add(new Object[] { datasetId, "C", categorical.get(c).index(),
                        levels.get(c).toArray(String[]::new) }));
                if (columns.isEmpty()) {
                    return;
                }
                insertColumns(columns);
                int d = features.size();
                copies.in("feature_block", FeatureBlocks.BLOCK_COLUMNS, "the column blocks", writer -> {
                    ByteBuffer encoded = ByteBuffer.allocate(FeatureBlocks.BLOCK_ROWS * Double.BYTES);
                    for (int start = 0, block = 0; start < n; start += FeatureBlocks.BLOCK_ROWS, block++) {
                        int rows = Math.min(FeatureBlocks.BLOCK_ROWS, n - start);
                        for (int k = 0; k < numericSlots.size(); k++) {
                            int j = numericColumns.get(k);
                            encoded.clear();
                            for (int i = 0; i < rows; i++) {
                                encoded.putDouble(values[(start + i) * d + j]);
                            }
                            FeatureBlocks.writeBlock(writer, datasetId, 'N', numericSlots.get(k), block, rows, encoded.array(),
                                    encoded.position());
                        }
                        for (int c : cachedCategorical) {
                            encoded.clear();
                            encoded.asIntBuffer().put(codes[c], start, rows);
                            encoded.position(rows * Integer.BYTES);
                            FeatureBlocks.writeBlock(writer, datasetId, 'C', categorical.get(c).index(), block, rows,
                                    encoded.array(), encoded.position());
                        }
                    }
                    return writer.finish();
                });
            });
        }
        catch (RuntimeException ex) {
            // No connection free, a lock held, the dataset deleted: the values were read all the same.
            log.info("Dataset {}: its columns were read from the rows and not cached ({})", datasetId, ex.toString());
        }
    }

    private boolean present(long datasetId, char kind, int slot) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM feature_column WHERE dataset_id = ? "
                + "AND kind = ?::\"char\" AND slot = ?)", Boolean.class, datasetId, String.valueOf(kind), slot));
    }

    private void insertColumns(List<Object[]> columns) {
        jdbc.batchUpdate("INSERT INTO feature_column (dataset_id, kind, slot, levels) VALUES (?, ?::\"char\", ?, ?::text[])",
                columns);
    }

}
