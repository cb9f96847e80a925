package io.customersegments.dataset;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.customersegments.copy.CopyStreams;

/**
 * Derives a customer dataset from order lines: behaviour as of a snapshot date, and the purchase-history
 * summary of Fader and Hardie's models up to a calibration end. Either set-based, one SQL statement over the
 * stored lines ({@link #derive}), or from what the upload's streaming pass aggregated ({@link #store}); both
 * keep the statistics of the quality report and summary, as for an upload.
 */
@Component
class CustomerFeatures {

    private static final Logger log = LoggerFactory.getLogger(CustomerFeatures.class);

    /** One numeric feature: its key and the SQL that computes it from the aggregates {@code a} and {@code b}. */
    private record Feature(String key, ColumnRole role, String sql) {
    }

    private final JdbcTemplate jdbc;

    private final CopyStreams copies;

    private final UploadSettings settings;

    CustomerFeatures(JdbcTemplate jdbc, CopyStreams copies, UploadSettings settings) {
        this.jdbc = jdbc;
        this.copies = copies;
        this.settings = settings;
    }

    /**
     * What all the lines of the source add up to, whatever the snapshot date: the upload's quality report
     * shows them.
     */
    record Totals(long lines, long customers, long customersWithoutPurchases, long orders, double sales,
            double returned) {
    }

    /** A derived dataset, not yet saved, and the totals of its source's lines. */
    record Derived(Dataset dataset, Totals totals) {
    }

    /** What the SQL derivation answers: customers inserted, those with only returns before asOf, and the totals. */
    private record Aggregated(long customers, long withoutPurchases, Totals totals) {
    }

    /**
     * Computes the customers of the order lines of dataset {@code sourceId} into the new dataset {@code id}.
     * Runs in the caller's transaction.
     *
     * @param fields the optional columns the lines have (quantity, product, category, country)
     * @param calibrationEnd the last day of the purchase-history summary; null for the day before {@code asOf}
     * @throws InvalidDerivationException when the dates leave no customer, or the calibration end is not before asOf
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Derived derive(long sourceId, Set<String> fields, boolean integerIds, long id, String name, LocalDate asOf,
            LocalDate calibrationEnd) {
        LocalDate calibration = calibrationEnd != null ? calibrationEnd : asOf.minusDays(1);
        if (!calibration.isBefore(asOf)) {
            throw new InvalidDerivationException("calibrationEnd", "calibrationEnd " + calibration + " must be before "
                    + "asOf " + asOf + ": the purchase-history summary only counts what happened before the snapshot.");
        }
        if (calibrationEnd != null) {
            // A calibration end before every purchase would summarise nobody's history (a dataset of empty columns).
            LocalDate first = jdbc.queryForObject("SELECT min(purchased_at)::date FROM "
                    + Dataset.orderLinePartition(sourceId) + " WHERE line_kind <> 'R'", LocalDate.class);
            if (first != null && calibrationEnd.isBefore(first)) {
                throw new InvalidDerivationException("calibrationEnd", "calibrationEnd " + calibrationEnd + " is before "
                        + "every purchase of dataset " + sourceId + " (the first is on " + first + "): no customer "
                        + "would have a purchase history to summarise. Choose a calibrationEnd on or after " + first + ".");
            }
        }
        List<Feature> numeric = numericFeatures(fields);
        List<String> categorical = categoricalFeatures(fields);
        String partition = createPartition(id);
        // The per-customer aggregates sort and hash in memory rather than on disk.
        jdbc.execute("SET LOCAL work_mem = '64MB'");
        long started = System.nanoTime();
        Aggregated aggregated = jdbc.queryForObject(aggregate(sourceId, partition, id, numeric, categorical, integerIds),
                (rs, n) -> new Aggregated(rs.getLong(1), rs.getLong(2), new Totals(rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6), rs.getDouble(7), rs.getDouble(8))),
                Date.valueOf(asOf), Date.valueOf(calibration));
        long customers = aggregated.customers();
        if (customers == 0) {
            throw new InvalidDerivationException("asOf", "No customer of dataset " + sourceId + " bought anything "
                    + "before " + asOf + ". Choose a later asOf.");
        }
        List<ColumnPlan> plans = plans(numeric, categorical);
        ColumnStatistics statistics = statistics(partition, plans, numeric.size(), categorical.size());
        jdbc.execute("ALTER TABLE customer ATTACH PARTITION " + partition + " FOR VALUES IN (" + id + ")");
        jdbc.execute(Dataset.analyzeCustomerPartition(partition));
        log.info("Derived {} customers of dataset {} as of {} into dataset {} in {} ms", customers, sourceId, asOf, id,
                (System.nanoTime() - started) / 1_000_000);
        return new Derived(derived(sourceId, id, name, asOf, calibration, customers, aggregated.withoutPurchases(),
                statistics), aggregated.totals());
    }

    /**
     * Stores the customers the upload's streaming pass aggregated (as of {@code asOf}, which is after every line,
     * with the calibration end the day before) into the new dataset {@code id}: the same rows the SQL derivation
     * would compute, without reading the lines back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Derived store(long sourceId, Set<String> fields, boolean integerIds, long id, String name, LocalDate asOf,
            CustomerAggregation aggregation) {
        long started = System.nanoTime();
        LocalDate calibration = asOf.minusDays(1);
        List<Feature> numeric = numericFeatures(fields);
        List<String> categorical = categoricalFeatures(fields);
        List<ColumnPlan> plans = plans(numeric, categorical);
        ColumnStatistics statistics = new ColumnStatistics(plans, settings);
        String partition = createPartition(id);
        int asOfDay = (int) asOf.toEpochDay();
        int calibrationDay = (int) calibration.toEpochDay();
        double[] values = new double[numeric.size()];
        String[] labels = new String[categorical.size()];
        long[] counts = copies.in(partition, CustomerRows.COLUMNS,
                "the aggregated customers", writer -> {
                    long[] tally = new long[4];
                    for (Map.Entry<String, CustomerAggregation.Customer> entry : aggregation.sorted(integerIds)) {
                        CustomerAggregation.Customer customer = entry.getValue();
                        tally[0] += customer.lines;
                        tally[1] += customer.orders.size();
                        if (!customer.hasPurchase()) {
                            tally[2]++;
                            continue;
                        }
                        for (int j = 0; j < values.length; j++) {
                            values[j] = value(numeric.get(j).key(), customer, asOfDay, calibrationDay);
                        }
                        for (int j = 0; j < labels.length; j++) {
                            labels[j] = CustomerAggregation.Customer.mode(categorical.get(j).equals("country")
                                    ? customer.countries : customer.categories);
                        }
                        statistics.add(values, labels);
                        CustomerRows.write(writer, id, (int) ++tally[3], entry.getKey(), values, labels);
                    }
                    writer.finish();
                    return tally;
                });
        long lines = counts[0];
        long orders = counts[1];
        long withoutPurchases = counts[2];
        long rowNo = counts[3];
        if (rowNo == 0) {
            // The upload's own derivation: the order lines are not stored yet, so no dataset id is named.
            throw new InvalidDerivationException("asOf", "No customer bought anything before " + asOf + ": every "
                    + "kept order line is a return or a cancellation, so there are no customers to derive; nothing was "
                    + "stored.");
        }
        jdbc.execute("ALTER TABLE customer ATTACH PARTITION " + partition + " FOR VALUES IN (" + id + ")");
        jdbc.execute(Dataset.analyzeCustomerPartition(partition));
        Totals totals = new Totals(lines, rowNo + withoutPurchases, withoutPurchases, orders, aggregation.sales(),
                aggregation.returned());
        log.info("Stored {} customers aggregated while reading the lines of dataset {} into dataset {} in {} ms", rowNo,
                sourceId, id, (System.nanoTime() - started) / 1_000_000);
        return new Derived(derived(sourceId, id, name, asOf, calibration, rowNo, withoutPurchases, statistics), totals);
    }

    /** One derived feature of a customer aggregated in Java: what the SQL of {@link #numericFeatures} computes. */
    private static double value(String key, CustomerAggregation.Customer customer, int asOfDay, int calibrationDay) {
        return switch (key) {
            case "recency_days" -> asOfDay - customer.lastDay;
            case "frequency" -> customer.purchaseOrders.size();
            case "monetary" -> customer.amount;
            case "avg_order_value" -> customer.amount / customer.purchaseOrders.size();
            case "tenure_days" -> asOfDay - customer.firstDay;
            case "items" -> customer.quantityLines == 0 ? Double.NaN : customer.quantity;
            case "distinct_products" -> customer.products.size();
            case "return_rate" -> (double) customer.returnLines / customer.lines;
            case "first_purchase" -> customer.firstDay * 86_400.0;
            case "last_purchase" -> customer.lastDay * 86_400.0;
            case "repeat_purchases", "recency_repeat", "age", "repeat_avg_value" ->
                history(key, customer.days.headMap(calibrationDay, true), calibrationDay);
            default -> throw new IllegalArgumentException("No feature " + key);
        };
    }

    /** The purchase-history summary of the days up to the calibration end; NaN without any. */
    private static double history(String key, NavigableMap<Integer, double[]> days, int calibrationDay) {
        if (days.isEmpty()) {
            return Double.NaN;
        }
        int first = days.firstKey();
        return switch (key) {
            case "repeat_purchases" -> days.size() - 1;
            case "recency_repeat" -> days.lastKey() - first;
            case "age" -> calibrationDay - first;
            default -> {
                double sum = 0;
                for (double[] value : days.tailMap(first, false).values()) {
                    sum += value[0];
                }
                yield days.size() == 1 ? 0 : sum / (days.size() - 1);
            }
        };
    }

    private static List<String> categoricalFeatures(Set<String> fields) {
        List<String> categorical = new ArrayList<>();
        if (fields.contains("country")) {
            categorical.add("country");
        }
        if (fields.contains("category")) {
            categorical.add("favourite_category");
        }
        return categorical;
    }

    private String createPartition(long id) {
        String partition = Dataset.customerPartition(id);
        jdbc.execute("CREATE TABLE " + partition + " (LIKE customer INCLUDING DEFAULTS)");
        jdbc.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_dataset CHECK (dataset_id = " + id
                + ")");
        return partition;
    }

    /** The derived dataset's entity, with its catalogue and quality report from the rows' statistics. */
    private static Dataset derived(long sourceId, long id, String name, LocalDate asOf, LocalDate calibration,
            long customers, long withoutPurchases, ColumnStatistics statistics) {
        ColumnStatistics.Summary summary = statistics.summarize();
        List<String> warnings = new ArrayList<>();
        if (withoutPurchases > 0) {
            warnings.add(withoutPurchases + (withoutPurchases == 1 ? " customer has" : " customers have")
                    + " only returns before " + asOf + " and no row here.");
        }
        QualityReport quality = new QualityReport(customers, customers, 0, 0, 0, null, null, summary.quality(),
                List.of(), false, warnings, null, null);
        return Dataset.derived(id, name, sourceId, new Derivation(asOf, calibration),
                new CsvImport(customers, summary.columns(), quality, summary.summaries()));
    }

    private static List<Feature> numericFeatures(Set<String> fields) {
        List<Feature> features = new ArrayList<>();
        features.add(new Feature("recency_days", ColumnRole.NUMERIC, "p.as_of - a.last_day"));
        features.add(new Feature("frequency", ColumnRole.NUMERIC, "a.frequency"));
        features.add(new Feature("monetary", ColumnRole.NUMERIC, "a.monetary"));
        features.add(new Feature("avg_order_value", ColumnRole.NUMERIC, "a.monetary / a.frequency"));
        features.add(new Feature("tenure_days", ColumnRole.NUMERIC, "p.as_of - a.first_day"));
        if (fields.contains("quantity")) {
            features.add(new Feature("items", ColumnRole.NUMERIC, "a.items"));
        }
        if (fields.contains("product")) {
            features.add(new Feature("distinct_products", ColumnRole.NUMERIC, "a.products"));
        }
        features.add(new Feature("return_rate", ColumnRole.NUMERIC, "a.return_rate"));
        features.add(new Feature("first_purchase", ColumnRole.DATE, "extract(epoch FROM a.first_day::timestamp)"));
        features.add(new Feature("last_purchase", ColumnRole.DATE, "extract(epoch FROM a.last_day::timestamp)"));
        features.add(new Feature("repeat_purchases", ColumnRole.NUMERIC, "b.x"));
        features.add(new Feature("recency_repeat", ColumnRole.NUMERIC, "b.t_x"));
        features.add(new Feature("age", ColumnRole.NUMERIC, "b.t"));
        features.add(new Feature("repeat_avg_value", ColumnRole.NUMERIC, "b.m"));
        return features;
    }

    /**
     * The statement that aggregates the lines: {@code a} per customer, over the lines before asOf for the
     * features and over all lines for the totals, {@code b} over the purchase days up to the calibration end
     * (one purchase per day, the day's lines summed). It inserts the customers with a purchase before asOf
     * and answers how many, how many have only returns before it, and the totals. Parameters: the source
     * asOf and the calibration end; the lines are read from the source's own partition.
     */
    private static String aggregate(long sourceId, String partition, long id, List<Feature> numeric,
            List<String> categorical, boolean integerIds) {
        StringBuilder values = new StringBuilder();
        for (Feature feature : numeric) {
            values.append(values.isEmpty() ? "" : ", ").append(feature.sql());
        }
        List<String> labels = categorical.stream().map(key -> key.equals("country") ? "a.country" : "a.category").toList();
        return """
                WITH p AS (
                    SELECT ?::date AS as_of, ?::date AS calibration_end
                ), a AS MATERIALIZED (
                    SELECT customer_id AS cid,
                        min(day) FILTER (WHERE before AND line_kind <> 'R') AS first_day,
                        max(day) FILTER (WHERE before AND line_kind <> 'R') AS last_day,
                        count(DISTINCT order_id) FILTER (WHERE before AND line_kind <> 'R') AS frequency,
                        sum(amount) FILTER (WHERE before) AS monetary,
                        sum(quantity) FILTER (WHERE before AND line_kind = 'P') AS items,
                        count(DISTINCT product) FILTER (WHERE before AND line_kind = 'P') AS products,
                        (count(*) FILTER (WHERE before AND line_kind = 'R'))::float8
                            / nullif(count(*) FILTER (WHERE before), 0) AS return_rate,
                        mode() WITHIN GROUP (ORDER BY country COLLATE "C") FILTER (WHERE before) AS country,
                        mode() WITHIN GROUP (ORDER BY category COLLATE "C") FILTER (WHERE before AND line_kind = 'P') AS category,
                        count(*) FILTER (WHERE before) AS lines_before,
                        count(*) AS lines, count(DISTINCT order_id) AS orders,
                        count(*) FILTER (WHERE line_kind = 'R') AS return_lines,
                        coalesce(sum(amount) FILTER (WHERE line_kind <> 'R'), 0) AS sales,
                        coalesce(sum(amount) FILTER (WHERE line_kind = 'R'), 0) AS returned
                    FROM (SELECT customer_id, order_id, purchased_at::date AS day, amount, quantity, product, category,
                            country, line_kind, purchased_at < p.as_of AS before
                        FROM %5$s, p) l
                    GROUP BY customer_id
                ), d AS (
                    SELECT customer_id AS cid, purchased_at::date AS day, sum(amount) AS value,
                        row_number() OVER (PARTITION BY customer_id ORDER BY purchased_at::date) AS nth
                    FROM %5$s, p
                    WHERE line_kind <> 'R' AND purchased_at < p.calibration_end + 1
                    GROUP BY customer_id, purchased_at::date
                ), b AS (
                    SELECT cid, count(*) - 1 AS x, max(day) - min(day) AS t_x, min(p.calibration_end) - min(day) AS t,
                        coalesce(avg(value) FILTER (WHERE nth > 1), 0) AS m
                    FROM d, p GROUP BY cid
                ), inserted AS (
                    INSERT INTO %1$s (dataset_id, row_no, external_id, numeric, categorical)
                    SELECT %2$d, row_number() OVER (ORDER BY %6$s), a.cid, ARRAY[%3$s]::float8[], ARRAY[%4$s]::text[]
                    FROM a LEFT JOIN b ON b.cid = a.cid, p
                    WHERE a.last_day IS NOT NULL
                    RETURNING 1
                )
                SELECT (SELECT count(*) FROM inserted),
                    count(*) FILTER (WHERE a.lines_before > 0 AND a.last_day IS NULL),
                    sum(a.lines), count(*), count(*) FILTER (WHERE a.lines = a.return_lines), sum(a.orders),
                    sum(a.sales), sum(a.returned)
                FROM a
                """.formatted(partition, id, values, String.join(", ", labels), Dataset.orderLinePartition(sourceId),
                CustomerAggregation.orderSql(integerIds));
    }

    private static List<ColumnPlan> plans(List<Feature> numeric, List<String> categorical) {
        List<ColumnPlan> plans = new ArrayList<>();
        plans.add(new ColumnPlan("customer_id", "customer_id", ColumnRole.ID, 0, -1, null, '.'));
        for (int slot = 0; slot < numeric.size(); slot++) {
            Feature feature = numeric.get(slot);
            plans.add(new ColumnPlan(feature.key(), feature.key(), feature.role(), plans.size(), slot,
                    feature.role() == ColumnRole.DATE ? DateFormat.ISO : null, '.'));
        }
        for (int slot = 0; slot < categorical.size(); slot++) {
            plans.add(new ColumnPlan(categorical.get(slot), categorical.get(slot), ColumnRole.CATEGORICAL, plans.size(),
                    slot, null, '.'));
        }
        return plans;
    }

    /** Reads the derived rows back once, as an upload reads its file, for the columns' statistics. */
    private ColumnStatistics statistics(String partition, List<ColumnPlan> plans, int numericSlots, int categoricalSlots) {
        ColumnStatistics statistics = new ColumnStatistics(plans, settings);
        StringBuilder select = new StringBuilder("SELECT row_no");
        for (int slot = 0; slot < numericSlots; slot++) {
            select.append(", numeric[").append(slot + 1).append(']');
        }
        for (int slot = 0; slot < categoricalSlots; slot++) {
            select.append(", categorical[").append(slot + 1).append(']');
        }
        double[] numeric = new double[numericSlots];
        String[] categorical = new String[categoricalSlots];
        copies.out(select + " FROM " + partition, partition, reader -> {
            while (reader.nextRow()) {
                reader.readInt();
                for (int slot = 0; slot < numericSlots; slot++) {
                    numeric[slot] = reader.readDouble();
                }
                for (int slot = 0; slot < categoricalSlots; slot++) {
                    categorical[slot] = reader.readText();
                }
                statistics.add(numeric, categorical);
            }
        });
        return statistics;
    }

}
