package io.customersegments.clustering;

import java.util.OptionalInt;

/**
 * The Kneedle elbow (Satopää, Albrecht, Irwin and Raghavan, 2011) of a decreasing convex curve such as
 * inertia against k, computed as the {@code kneed} package does with {@code curve="convex",
 * direction="decreasing", S=1, interp_method="interp1d", online=False}:
 * <ol>
 * <li>normalise: x' = (x − min x) / (max x − min x) and y' = (y − min y) / (max y − min y);</li>
 * <li>flip to a concave increasing curve: y'' = max y' − y' (= 1 − y');</li>
 * <li>difference curve D = y'' − x';</li>
 * <li>local maxima and minima of D (a point no smaller, or no larger, than both neighbours; an end
 * point is compared with its one neighbour);</li>
 * <li>each local maximum i sets the threshold T = D[i] − S · mean(Δx'), a local minimum resets it to 0;</li>
 * <li>walking right from the first maximum, the elbow is the x of the latest maximum once D falls
 * below the threshold; no fall, no elbow.</li>
 * </ol>
 */
final class Kneedle {

    private Kneedle() {
    }

    /** The difference curve D of step 3 (NaN everywhere when x or y is constant). */
    static double[] differenceCurve(double[] x, double[] y) {
        int size = x.length;
        double xMin = min(x);
        double xRange = max(x) - xMin;
        double yMin = min(y);
        double yRange = max(y) - yMin;
        double[] yNormalised = new double[size];
        for (int i = 0; i < size; i++) {
            yNormalised[i] = (y[i] - yMin) / yRange;
        }
        double yTop = max(yNormalised);
        double[] difference = new double[size];
        for (int i = 0; i < size; i++) {
            difference[i] = (yTop - yNormalised[i]) - (x[i] - xMin) / xRange;
        }
        return difference;
    }

    /** The index into x of the elbow, if there is one. */
    static OptionalInt elbowIndex(double[] x, double[] y, double sensitivity) {
        int size = x.length;
        if (size < 3 || y.length != size) {
            return OptionalInt.empty();
        }
        double[] difference = differenceCurve(x, y);
        for (double value : difference) {
            if (Double.isNaN(value)) {
                return OptionalInt.empty();
            }
        }
        double xRange = max(x) - min(x);
        double meanStep = Math.abs(((x[size - 1] - min(x)) / xRange - (x[0] - min(x)) / xRange) / (size - 1));
        int firstMaximum = -1;
        for (int i = 0; i < size && firstMaximum < 0; i++) {
            if (isMaximum(difference, i)) {
                firstMaximum = i;
            }
        }
        if (firstMaximum < 0) {
            return OptionalInt.empty();
        }
        double threshold = 0;
        int thresholdIndex = -1;
        for (int i = firstMaximum; i < size - 1; i++) {
            if (isMaximum(difference, i)) {
                threshold = difference[i] - sensitivity * meanStep;
                thresholdIndex = i;
            }
            if (isMinimum(difference, i)) {
                threshold = 0.0;
            }
            if (difference[i + 1] < threshold) {
                return OptionalInt.of(thresholdIndex);
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isMaximum(double[] values, int i) {
        return values[i] >= values[Math.max(i - 1, 0)] && values[i] >= values[Math.min(i + 1, values.length - 1)];
    }

    private static boolean isMinimum(double[] values, int i) {
        return values[i] <= values[Math.max(i - 1, 0)] && values[i] <= values[Math.min(i + 1, values.length - 1)];
    }

    private static double min(double[] values) {
        double result = Double.POSITIVE_INFINITY;
        for (double value : values) {
            result = Math.min(result, value);
        }
        return result;
    }

    private static double max(double[] values) {
        double result = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            result = Math.max(result, value);
        }
        return result;
    }

}
