package io.customersegments.lifetime;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.json.JsonMapper;

import io.customersegments.dataset.Datasets;
import io.customersegments.dataset.PurchaseSummary;

/**
 * Customer lifetime value: fits BG/NBD and Gamma-Gamma to a derived dataset's purchase histories, predicts
 * each customer's probability of being alive, purchases and spend over a horizon and their discounted
 * value, and stores the predictions as columns of the dataset, all or nothing.
 */
@Service
public class LifetimeValues {

    private static final Logger log = LoggerFactory.getLogger(LifetimeValues.class);

    /** The column of each customer's discounted lifetime value. */
    public static final String CLV = "clv";

    /** The column of each customer's probability of still being a customer. */
    public static final String P_ALIVE = "p_alive";

    /** The columns the predictions are stored in, in this order. */
    public static final List<String> COLUMNS = List.of(P_ALIVE, "expected_purchases", "expected_avg_value", CLV);

    /** Fewer repeat customers than this leave the models' parameters to chance. */
    static final int MIN_REPEAT_CUSTOMERS = 10;

    private static final int MAX_FREQUENCY_ROW = 7;

    /** How far ahead predictions may reach: ten years. */
    static final double MAX_HORIZON_DAYS = 3650;

    private final Datasets datasets;

    private final JdbcTemplate jdbc;

    private final TransactionTemplate transactions;

    private final JsonMapper json;

    LifetimeValues(Datasets datasets, JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.datasets = datasets;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    LifetimeValueReport fit(long datasetId, LifetimeValueRequest request) {
        long started = System.nanoTime();
        TimeUnit unit = request.unit();
        double horizon = request.horizonInUnits();
        if (horizon * unit.days() > MAX_HORIZON_DAYS) {
            throw new InvalidHorizonException("horizon " + horizon + " " + unit.name().toLowerCase(Locale.ROOT)
                    + " reaches beyond " + MAX_HORIZON_DAYS / 365 + " years; the models are not meant to look that far "
                    + "ahead. Choose a shorter horizon.");
        }
        PurchaseSummary summary = datasets.purchaseSummary(datasetId, request.calibrationEnd(), request.holdoutEnd());
        PurchaseHistory history = new PurchaseHistory(summary.x(), summary.tx(), summary.T(), summary.m())
            .inUnits(unit.days());
        int repeatCustomers = history.repeatCustomers();
        if (repeatCustomers < MIN_REPEAT_CUSTOMERS) {
            throw new LifetimeValueException("Only " + repeatCustomers + " of the " + history.customers() + " customers "
                    + "bought again after their first purchase day by " + summary.calibrationEnd() + "; the purchase "
                    + "model needs at least " + MIN_REPEAT_CUSTOMERS + ". Choose a later calibrationEnd or use more "
                    + "order lines.");
        }
        BgNbd purchases;
        GammaGamma spend;
        try {
            purchases = BgNbd.fit(history);
            spend = GammaGamma.fit(history, MIN_REPEAT_CUSTOMERS);
        }
        catch (ModelFitException ex) {
            throw new LifetimeValueException("The models cannot be fitted to dataset " + datasetId + ": " + ex.getMessage()
                    + ".");
        }
        long fitted = System.nanoTime();
        int months = wholeMonths(horizon, unit.perMonth());
        int n = history.customers();
        double[][] values = new double[COLUMNS.size()][n];
        LifetimeValueReport.Holdout holdout;
        try {
            IntStream.range(0, n).parallel().forEach(i -> {
                double x = history.x()[i];
                double tx = history.tx()[i];
                double T = history.T()[i];
                double averageValue = spend.expectedAverageValue(x, history.m()[i]);
                values[0][i] = purchases.probabilityAlive(x, tx, T);
                values[1][i] = purchases.expectedPurchases(horizon, x, tx, T);
                values[2][i] = averageValue;
                values[3][i] = clv(purchases, averageValue, x, tx, T, horizon, unit.perMonth(), request.discountRate());
            });
            holdout = summary.holdout() == null ? null : holdout(request, summary, history, purchases);
        }
        catch (ModelFitException ex) {
            throw new LifetimeValueException("The predictions for dataset " + datasetId + " cannot be made: "
                    + ex.getMessage() + ".");
        }
        LifetimeValueReport report = new LifetimeValueReport(datasetId, summary.calibrationEnd(), unit, n,
                repeatCustomers,
                new LifetimeValueReport.BgNbdFit(purchases.r(), purchases.alpha(), purchases.a(), purchases.b(),
                        purchases.logLikelihood()),
                new LifetimeValueReport.GammaGammaFit(spend.p(), spend.q(), spend.v(), spend.logLikelihood(),
                        spend.customers()),
                horizon, months, request.discountRate(), mean(values[0]), sum(values[1]), sum(values[3]), holdout,
                FitWarnings.of(purchases, spend, unit));
        transactions.executeWithoutResult(status -> {
            datasets.storeComputedColumns(datasetId, COLUMNS, summary.rowNos(), values);
            jdbc.update("INSERT INTO lifetime_value_fit (dataset_id, fitted_at, report) VALUES (?, ?, ?::jsonb) "
                    + "ON CONFLICT (dataset_id) DO UPDATE SET fitted_at = excluded.fitted_at, report = excluded.report",
                    datasetId, Timestamp.from(Instant.now()), json.writeValueAsString(report));
        });
        log.info("Lifetime value of dataset {}: {} customers fitted in {} ms, predicted and stored in {} ms", datasetId, n,
                (fitted - started) / 1_000_000, (System.nanoTime() - fitted) / 1_000_000);
        return report;
    }

    Optional<LifetimeValueReport> last(long datasetId) {
        return jdbc.query("SELECT report FROM lifetime_value_fit WHERE dataset_id = ?",
                (rs, n) -> json.readValue(rs.getString(1), LifetimeValueReport.class), datasetId).stream().findFirst();
    }

    /** The whole months in a horizon, which the lifetime value discounts one by one (its part month after them). */
    static int wholeMonths(double horizon, double unitsPerMonth) {
        return (int) Math.floor(horizon / unitsPerMonth);
    }

    /**
     * The discounted value of the expected purchases over {@code horizon} (in time units), month by month as the
     * {@code lifetimes} library sums it: each whole month's expected purchases times the expected purchase value,
     * discounted by its month; a last part month (a horizon of 365 days has 12 months and 5 days) counts its own
     * purchases, discounted by its fraction of a month. So the value grows with the horizon, and without discounting
     * it is the expected purchase value times {@code expected_purchases} over the same horizon.
     */
    static double clv(BgNbd purchases, double averageValue, double x, double tx, double T, double horizon,
            double unitsPerMonth, double monthlyDiscountRate) {
        int months = wholeMonths(horizon, unitsPerMonth);
        double value = 0;
        double before = 0;
        for (int month = 1; month <= months; month++) {
            double upTo = purchases.expectedPurchases(month * unitsPerMonth, x, tx, T);
            value += averageValue * (upTo - before) / Math.pow(1 + monthlyDiscountRate, month);
            before = upTo;
        }
        if (horizon > months * unitsPerMonth) {
            double upTo = purchases.expectedPurchases(horizon, x, tx, T);
            value += averageValue * (upTo - before) / Math.pow(1 + monthlyDiscountRate, horizon / unitsPerMonth);
        }
        return value;
    }

    private static LifetimeValueReport.Holdout holdout(LifetimeValueRequest request, PurchaseSummary summary,
            PurchaseHistory history, BgNbd purchases) {
        double length = java.time.temporal.ChronoUnit.DAYS.between(summary.calibrationEnd(), request.holdoutEnd())
                / request.unit().days();
        int rows = MAX_FREQUENCY_ROW + 1;
        int[] customers = new int[rows];
        double[] actual = new double[rows];
        double[] predicted = new double[rows];
        double actualTotal = 0;
        double predictedTotal = 0;
        for (int i = 0; i < history.customers(); i++) {
            int row = (int) Math.min(MAX_FREQUENCY_ROW, history.x()[i]);
            double expected = purchases.expectedPurchases(length, history.x()[i], history.tx()[i], history.T()[i]);
            customers[row]++;
            actual[row] += summary.holdout()[i];
            predicted[row] += expected;
            actualTotal += summary.holdout()[i];
            predictedTotal += expected;
        }
        List<LifetimeValueReport.FrequencyRow> byFrequency = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            if (customers[row] > 0) {
                byFrequency.add(new LifetimeValueReport.FrequencyRow(row, row == MAX_FREQUENCY_ROW, customers[row],
                        actual[row] / customers[row], predicted[row] / customers[row]));
            }
        }
        return new LifetimeValueReport.Holdout(request.holdoutEnd(), length, actualTotal, predictedTotal, byFrequency);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? 0 : sum(values) / values.length;
    }

    private static double sum(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum;
    }

}
