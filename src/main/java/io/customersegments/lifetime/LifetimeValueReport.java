package io.customersegments.lifetime;

import java.time.LocalDate;
import java.util.List;

/**
 * A lifetime-value fit: the models' parameters, what they predict, and how well (with a holdout period).
 *
 * @param datasetId the derived customer dataset whose columns p_alive, expected_purchases, expected_avg_value
 *        and clv now hold the predictions
 * @param customers customers with a purchase by the calibration end (the others get no prediction)
 * @param repeatCustomers those with at least one repeat purchase
 * @param horizon the prediction horizon in time units
 * @param months whole months in the horizon; the lifetime value sums them, discounted per month, and then the part
 *        month left over, discounted by its fraction of a month
 * @param totalClv the lifetime value of all customers together
 * @param warnings what the fits' parameters imply that a client should know (a model that ran to a limit and gives
 *        every customer the same value); null in reports stored before there were any
 */
record LifetimeValueReport(long datasetId, LocalDate calibrationEnd, TimeUnit timeUnit, int customers,
        int repeatCustomers, BgNbdFit bgnbd, GammaGammaFit gammaGamma, double horizon, int months,
        double monthlyDiscountRate, double meanProbabilityAlive, double totalExpectedPurchases, double totalClv,
        Holdout holdout, List<String> warnings) {

    record BgNbdFit(double r, double alpha, double a, double b, double logLikelihood) {
    }

    record GammaGammaFit(double p, double q, double v, double logLikelihood, int customers) {
    }

    /**
     * Predicted against actual repeat purchases in the holdout period: overall, and by the number of repeat
     * purchases in the calibration period (0, 1, ... 7+), the classic calibration/holdout table.
     */
    record Holdout(LocalDate holdoutEnd, double length, double actual, double predicted,
            List<FrequencyRow> byFrequency) {
    }

    /** Customers with {@code repeatPurchases} repeat purchases in calibration (7 means 7 or more): mean actual and predicted. */
    record FrequencyRow(int repeatPurchases, boolean orMore, int customers, double actual, double predicted) {
    }

}
