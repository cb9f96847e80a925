package io.customersegments.activation;

/** How a customer's membership of a live segment changed with a publish. */
public enum ChangeType {

    /** The customer is in the segment now, and was not before. */
    ENTERED,

    /** The customer was in the segment, and is not now (a move to another segment is followed by its ENTERED). */
    EXITED

}
