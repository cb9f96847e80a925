package io.customersegments.run;

/** A customer's recency, frequency and monetary scores in an RFM run, each 1..5 (5 is best). */
public record RfmScore(int r, int f, int m) {

    /** The stored form of scores r, f and m: 100 R + 10 F + M. */
    static short code(int r, int f, int m) {
        return (short) (100 * r + 10 * f + m);
    }

    /** From the stored form, 100 R + 10 F + M. */
    public static RfmScore of(int code) {
        return new RfmScore(code / 100, code / 10 % 10, code % 10);
    }

    /** The three digits, e.g. "545", as RFM tables write them. */
    @Override
    public String toString() {
        return "" + r + f + m;
    }

}
