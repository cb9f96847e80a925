package io.customersegments.dataset;

import java.util.Map;

/**
 * One stored customer row.
 *
 * @param rowNo the row's number among the dataset's stored rows, from 1
 * @param externalId the customer id as written in the file (or the row number when the file had none)
 * @param values every other column by key: numbers, text, ISO date-times; null where missing
 */
record CustomerView(long rowNo, String externalId, Map<String, Object> values) {
}
