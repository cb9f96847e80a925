package io.customersegments.lifetime;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 ≤ z < 1, by its power series. Hand-written
 * because Commons Math has no hypergeometric functions; BG/NBD's expected purchases need it with
 * z = t / (α + T + t), which stays well below 1 for horizons of the order of the calibration period.
 */
final class Hypergeometric {

    private static final int MAX_TERMS = 1_000_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is only summed for 0 <= z < 1, not " + z);
        }
        double sum = 1;
        double term = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (!Double.isFinite(sum)) {
                break;
            }
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        throw new ModelFitException("the expected purchases cannot be computed this far ahead (2F1(" + a + ", " + b
                + "; " + c + "; " + z + ") does not converge); choose a shorter horizon");
    }

}
