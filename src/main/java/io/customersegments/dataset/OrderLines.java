package io.customersegments.dataset;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.copy.CopyStreams;

/**
 * Stores the order lines of a TRANSACTIONS upload: streams them through cleaning into a COPY, drops exact
 * duplicates set-based, attaches the partition, and adds up what is kept for the quality report.
 */
@Component
class OrderLines {

    private static final Logger log = LoggerFactory.getLogger(OrderLines.class);

    /** Duplicates sent back to take them out of the streaming pass's aggregation: about 100 bytes each. */
    private static final int MAX_RETURNED = 200_000;

    private final JdbcTemplate jdbc;

    private final CopyStreams copies;

    private final UploadSettings settings;

    OrderLines(JdbcTemplate jdbc, CopyStreams copies, UploadSettings settings) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.settings = settings;
    }

    /**
     * The lines of an upload, stored (and attached); the report waits for the totals of the customer aggregation.
     *
     * @param copyNanos how long reading the file and copying its lines into PostgreSQL took
     */
    record Stored(TransactionImporter.Streamed streamed, Deduplicated deduplicated, long copyNanos,
            List<String> warnings) {

        LocalDate lastPurchaseDay() {
            return LocalDate.ofEpochDay(Math.floorDiv(streamed.lastSeconds(), 86_400L));
        }

        /** The quality report, with what the lines add up to per customer. */
        QualityReport quality(CustomerFeatures.Totals totals) {
            TransactionReport report = new TransactionReport(streamed.columns().describe(), streamed.dateFormat(),
                    streamed.lines(), totals.lines(), streamed.withoutCustomer(), deduplicated.returns(),
                    streamed.zeroOrNegativePrice(), deduplicated.duplicates(), deduplicated.nonProduct(), totals.customers(),
                    totals.customersWithoutPurchases(), totals.orders(), iso(streamed.firstSeconds()),
                    iso(streamed.lastSeconds()), cents(totals.sales()), cents(totals.returned()),
                    cents(totals.sales() + totals.returned()), streamed.idsNormalised(), streamed.integerIds());
            long lines = streamed.lines();
            return new QualityReport(lines, totals.lines(), streamed.rejected(), streamed.blank(),
                    (double) streamed.rejected() / lines, streamed.dialect().charset().name(),
                    streamed.dialect().delimiterName(), List.of(), streamed.errors(),
                    streamed.rejected() > streamed.errors().size(), warnings, report, null);
        }

    }

    /** Loads the lines of dataset {@code id}. Runs in the upload's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    Stored load(UploadStream input, UploadOptions options, long id) {
        String partition = Dataset.orderLinePartition(id);
        jdbc.execute("CREATE TABLE " + partition + " (LIKE order_line INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        jdbc.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_dataset CHECK (dataset_id = " + id
                + ")");
        // The dataset id is the same on every line: the partition fills it in, and COPY carries 12 bytes less a line.
        jdbc.execute("ALTER TABLE " + partition + " ALTER COLUMN dataset_id SET DEFAULT " + id);
        long started = System.nanoTime();
        TransactionImporter.Streamed streamed = copyLines(input, options, partition, id);
        long copied = System.nanoTime();
        Deduplicated deleted = deleteDuplicates(partition, streamed);
        long deletedAt = System.nanoTime();
        jdbc.execute("ALTER TABLE order_line ATTACH PARTITION " + partition + " FOR VALUES IN (" + id + ")");
        log.info("Stored {} order lines of dataset {} in {} ms: read and copied in {} ms ({} duplicates left out), "
                + "{} more duplicates found among {} candidates and deleted in {} ms",
                streamed.stored() - deleted.duplicates().count(), id, (System.nanoTime() - started) / 1_000_000,
                (copied - started) / 1_000_000, streamed.duplicates().count(), deleted.duplicates().count(),
                streamed.duplicateCandidates() == null ? "all" : streamed.duplicateCandidates().length,
                (deletedAt - copied) / 1_000_000);
        Deduplicated deduplicated = new Deduplicated(streamed.duplicates().plus(deleted.duplicates()), deleted.returns(),
                deleted.nonProduct());
        List<String> warnings = new ArrayList<>(streamed.warnings());
        if (!streamed.columns().has(TransactionField.ORDER)) {
            // Kept as purchases of their own; a file that holds some lines twice by mistake would double their spend.
            long repeats = jdbc.queryForObject("SELECT count(*) - count(DISTINCT line_hash) FROM " + partition,
                    Long.class);
            if (repeats > 0) {
                warnings.add(repeats + " line" + (repeats == 1 ? " repeats" : "s repeat") + " an earlier line exactly. "
                        + "Without an order column each line is a purchase of its own, so they are all counted (as the "
                        + "lifetimes library counts CDNOW's); if the file holds lines twice by mistake (exported twice, "
                        + "say), remove the repeats and upload it again.");
            }
        }
        return new Stored(streamed, deduplicated, copied - started, List.copyOf(warnings));
    }

    private TransactionImporter.Streamed copyLines(UploadStream input, UploadOptions options, String partition, long id) {
        return copies.in(partition, "line_no, customer_id, order_id, purchased_at, quantity, price, amount, product, "
                + "category, country, line_kind, line_hash", "the upload",
                writer -> new TransactionImporter(settings).read(input, options, options.transactions(), writer));
    }

    /**
     * Deletes every stored line that repeats an earlier one exactly, keeping the first: those the streaming pass
     * could not tell. Only lines whose record hash is shared are compared, field by field, so the whole table is
     * never sorted. What the deleted lines had added to the stream's counts and to its customer aggregation is
     * taken back.
     */
    private Deduplicated deleteDuplicates(String partition, TransactionImporter.Streamed streamed) {
        long[] candidates = streamed.duplicateCandidates();
        if (candidates != null && candidates.length == 0) {
            return new Deduplicated(LineCount.NONE, examples(streamed.returns(), 0, Set.of()),
                    examples(streamed.nonProduct(), 0, Set.of()));
        }
        CustomerAggregation aggregation = streamed.aggregation();
        Set<Long> shown = new HashSet<>(streamed.returns().exampleLines());
        shown.addAll(streamed.nonProduct().exampleLines());
        if (candidates == null || candidates.length > MAX_RETURNED || aggregation == null) {
            // Too many to take back one by one in bounded memory: counted in SQL, and the customers derived by SQL.
            if (aggregation != null) {
                aggregation.abandon();
            }
            return countDuplicates(partition, candidates, streamed, shown);
        }
        Set<Long> deletedShown = new HashSet<>();
        PriorityQueue<Long> first = new PriorityQueue<>(Comparator.reverseOrder());
        long[] deleted = new long[3];
        jdbc.query(deleteRepeats(partition, "line_hash = ANY(?)", "line_no, customer_id, purchased_at::date - DATE "
                + "'1970-01-01', amount, quantity, category, country, line_kind") + "SELECT * FROM deleted", rs -> {
                    long line = rs.getLong(1);
                    char kind = rs.getString(8).charAt(0);
                    deleted[0]++;
                    if (kind == 'R') {
                        deleted[1]++;
                    }
                    else if (kind == 'N') {
                        deleted[2]++;
                    }
                    first.add(line);
                    if (first.size() > LineCount.EXAMPLES) {
                        first.poll();
                    }
                    if (shown.contains(line)) {
                        deletedShown.add(line);
                    }
                    if (aggregation != null) {
                        double quantity = rs.getDouble(5);
                        aggregation.subtract(rs.getString(2), rs.getInt(3), rs.getDouble(4),
                                rs.wasNull() ? Double.NaN : quantity, rs.getString(6), rs.getString(7), kind);
                    }
                }, (Object) candidates);
        List<Long> firstLines = new ArrayList<>(first);
        firstLines.sort(null);
        return new Deduplicated(new LineCount(deleted[0], List.copyOf(firstLines)),
                examples(streamed.returns(), deleted[1], deletedShown),
                examples(streamed.nonProduct(), deleted[2], deletedShown));
    }

    /** Deletes the duplicates and counts them, by kind, without sending them back. */
    private Deduplicated countDuplicates(String partition, long[] candidates, TransactionImporter.Streamed streamed,
            Set<Long> shown) {
        String repeated = candidates != null ? "line_hash = ANY(?)"
                : "line_hash IN (SELECT line_hash FROM " + partition + " GROUP BY line_hash HAVING count(*) > 1)";
        Object[] parameters = candidates != null ? new Object[] { candidates, shown.toArray(Long[]::new) }
                : new Object[] { shown.toArray(Long[]::new) };
        return jdbc.queryForObject(deleteRepeats(partition, repeated, "line_no, line_kind") + """
                SELECT count(*), count(*) FILTER (WHERE line_kind = 'R'), count(*) FILTER (WHERE line_kind = 'N'),
                    (SELECT array_agg(line_no ORDER BY line_no) FROM (SELECT line_no FROM deleted ORDER BY line_no
                        LIMIT %d) f),
                    (SELECT array_agg(line_no) FROM deleted WHERE line_no = ANY(?::bigint[]))
                FROM deleted
                """.formatted(LineCount.EXAMPLES), (rs, n) -> {
                    Set<Long> deletedShown = new HashSet<>(longs(rs.getArray(5)));
                    return new Deduplicated(new LineCount(rs.getLong(1), longs(rs.getArray(4))),
                            examples(streamed.returns(), rs.getLong(2), deletedShown),
                            examples(streamed.nonProduct(), rs.getLong(3), deletedShown));
                }, parameters);
    }

    /**
     * The start of a statement that deletes every line of {@code repeated} lines that repeats an earlier one
     * field by field (the first is kept), and names the deleted lines' {@code returning} columns {@code deleted}.
     */
    private static String deleteRepeats(String partition, String repeated, String returning) {
        return """
                WITH ranked AS (
                    SELECT ctid AS tid, row_number() OVER (PARTITION BY line_hash, customer_id, order_id, purchased_at,
                        quantity, price, amount, product, category, country, line_kind ORDER BY line_no) AS nth
                    FROM %1$s WHERE %2$s
                ), deleted AS (
                    -- By row address: the partition has no index, and a join on line_no would sort all of it.
                    DELETE FROM %1$s WHERE ctid = ANY(ARRAY(SELECT tid FROM ranked WHERE nth > 1))
                    RETURNING %3$s
                )
                """.formatted(partition, repeated, returning);
    }

    private static List<Long> longs(Array array) throws SQLException {
        return array == null ? List.of() : List.of((Long[]) array.getArray());
    }

    /** The lines a rule applied to, less the duplicates among them, with the first examples that remain. */
    private static LineCount examples(LineCount streamed, long deleted, Set<Long> deletedLines) {
        List<Long> kept = streamed.exampleLines().stream().filter(line -> !deletedLines.contains(line))
            .limit(LineCount.EXAMPLES).toList();
        return new LineCount(streamed.count() - deleted, kept);
    }

    /** What dropping duplicates left: the duplicates, and the returns and non-product lines without them. */
    record Deduplicated(LineCount duplicates, LineCount returns, LineCount nonProduct) {
    }

    private static String iso(long epochSeconds) {
        return LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC).toString();
    }

    private static double cents(double value) {
        return Math.round(value * 100) / 100.0;
    }

}
