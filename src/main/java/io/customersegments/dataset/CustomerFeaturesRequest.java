package io.customersegments.dataset;

import java.time.LocalDate;

/**
 * What to derive customer features as of.
 *
 * @param asOf the snapshot date: only lines before it count (default: the day after the last purchase)
 * @param calibrationEnd the last day of the purchase-history summary (default: the day before asOf)
 * @param name the new dataset's name (default: the source's name and the date)
 */
record CustomerFeaturesRequest(LocalDate asOf, LocalDate calibrationEnd, String name) {
}
