package io.customersegments.expression;

/** What an input column or a sub-expression holds: a number, or a date (seconds since the epoch, UTC). */
public enum ValueType {

    NUMBER, DATE

}
