package io.customersegments.lifetime;

/**
 * Each customer's purchase history in the sense of Fader and Hardie's models, in one time unit: {@code x}
 * repeat purchases (purchase days after the first), {@code tx} the time from the first to the last
 * purchase, {@code T} the time from the first purchase to the end of the calibration period, and
 * {@code m} the mean value of the repeat purchases (0 without any).
 */
public record PurchaseHistory(double[] x, double[] tx, double[] T, double[] m) {

    public PurchaseHistory {
        int n = x.length;
        if (tx.length != n || T.length != n || m.length != n) {
            throw new IllegalArgumentException("x, tx, T and m must have one value per customer");
        }
    }

    public int customers() {
        return x.length;
    }

    public int repeatCustomers() {
        int count = 0;
        for (double repeat : x) {
            count += repeat > 0 ? 1 : 0;
        }
        return count;
    }

    /** The same history with every time divided by {@code unit} (7 for weeks from days). */
    public PurchaseHistory inUnits(double unit) {
        double[] scaledTx = new double[tx.length];
        double[] scaledT = new double[T.length];
        for (int i = 0; i < tx.length; i++) {
            scaledTx[i] = tx[i] / unit;
            scaledT[i] = T[i] / unit;
        }
        return new PurchaseHistory(x, scaledTx, scaledT, m);
    }

}
