package io.customersegments.dataset;

import java.time.LocalDate;

/**
 * The purchase history of a derived dataset's customers up to a calibration end, in days, as Fader and
 * Hardie's models take it: one purchase per day, returns left out.
 *
 * @param rowNos the customers' rows in the derived dataset; customers whose first purchase is after the
 *        calibration end have none
 * @param x repeat purchases (purchase days after the first)
 * @param tx days from the first to the last purchase
 * @param T days from the first purchase to the calibration end
 * @param m mean value of the repeat purchase days; 0 without any
 * @param holdout purchase days after the calibration end, up to the holdout end; null without a holdout end
 * @param calibrationEnd the last day counted
 */
public record PurchaseSummary(int[] rowNos, double[] x, double[] tx, double[] T, double[] m, double[] holdout,
        LocalDate calibrationEnd) {
}
