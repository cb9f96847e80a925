package io.customersegments.clustering;

/**
 * The data or options given to the clustering engine cannot be clustered as asked. The message says
 * what is wrong and what to do; {@link #reason()} tells the kinds apart without parsing it.
 */
public class InvalidClusteringInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** What is wrong with the input. */
    public enum Reason {
        /** Fewer than two clusters were asked for. */
        K_TOO_SMALL,
        /** More clusters were asked for than there are rows. */
        K_EXCEEDS_ROWS,
        /** The rows have no feature columns (d = 0). */
        NO_FEATURES,
        /** The array length does not match n × d, or n is not positive. */
        SHAPE_MISMATCH,
        /** A value is NaN or infinite (see {@link NonFiniteValueException}). */
        NON_FINITE_VALUE,
        /** The rows hold fewer distinct points than clusters asked for. */
        TOO_FEW_DISTINCT_POINTS,
        /** Labels or centroids do not fit the data (out of range, wrong length, a single cluster). */
        INVALID_LABELS,
        /** An option is out of its range (restarts, iterations, tolerance, threads, sizes). */
        INVALID_OPTION
    }

    private final Reason reason;

    public InvalidClusteringInputException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return this.reason;
    }

    static InvalidClusteringInputException option(String message) {
        return new InvalidClusteringInputException(Reason.INVALID_OPTION, message);
    }

    static void requireK(int k) {
        if (k < 2) {
            throw new InvalidClusteringInputException(Reason.K_TOO_SMALL,
                    "k must be at least 2 but was " + k + ": ask for two or more clusters");
        }
    }

}
