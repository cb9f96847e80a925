package io.customersegments.dataset;

/** What a column holds, decided from its name and a sample of its values. */
public enum ColumnRole {

    /** The customer identifier: kept as text exactly as written. */
    ID,
    /** Numbers; stored as double precision. */
    NUMERIC,
    /** Labels such as gender or profession; stored as text. */
    CATEGORICAL,
    /** Dates and date-times; stored as seconds since the epoch (UTC) beside the numbers. */
    DATE

}
