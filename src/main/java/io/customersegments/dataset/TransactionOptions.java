package io.customersegments.dataset;

import java.time.LocalDate;
import java.util.Map;

/**
 * What the uploader told us about an order-line file; null leaves the choice to the service.
 *
 * @param columns the columns named explicitly ({@code customerColumn}, ...), by header name or key
 * @param dateFormat a {@link java.time.format.DateTimeFormatter} pattern for the purchase dates (default: inferred)
 * @param asOf the snapshot date of the derived customer features (default: the day after the last purchase)
 */
record TransactionOptions(Map<TransactionField, String> columns, String dateFormat, LocalDate asOf) {

    static final TransactionOptions NONE = new TransactionOptions(Map.of(), null, null);

}
