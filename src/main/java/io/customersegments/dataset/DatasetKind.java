package io.customersegments.dataset;

/** What a dataset's rows are. */
enum DatasetKind {

    /** One row per customer. */
    CUSTOMERS,
    /** One row per order line, to be aggregated per customer. */
    TRANSACTIONS

}
