package io.customersegments.clustering;

/** A feature value is NaN or infinite; clustering needs finite numbers, so impute or drop the row first. */
public final class NonFiniteValueException extends InvalidClusteringInputException {

    private static final long serialVersionUID = 1L;

    private final int row;

    private final int column;

    private final double value;

    public NonFiniteValueException(int row, int column, double value) {
        super(Reason.NON_FINITE_VALUE, "row " + row + ", column " + column + " is " + value
                + ": clustering needs finite numbers, so impute or drop missing and infinite values first");
        this.row = row;
        this.column = column;
        this.value = value;
    }

    /** Zero-based row index. */
    public int row() {
        return this.row;
    }

    /** Zero-based feature column index. */
    public int column() {
        return this.column;
    }

    /** The offending value: NaN or an infinity. */
    public double value() {
        return this.value;
    }

}
