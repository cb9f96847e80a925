package io.customersegments.dataset;

import java.time.LocalDate;

/**
 * How a customer dataset was computed from order lines.
 *
 * @param asOf the snapshot date: only lines before it count, and recency and tenure are measured to it
 * @param calibrationEnd the last day the purchase-history summary (repeat_purchases, recency_repeat, age,
 *        repeat_avg_value) counts, for lifetime-value models
 */
public record Derivation(LocalDate asOf, LocalDate calibrationEnd) {
}
