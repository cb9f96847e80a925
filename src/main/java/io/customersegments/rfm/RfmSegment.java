package io.customersegments.rfm;

/**
 * The classic RFM segments of the recency × frequency grid, as the common notebooks name them; each
 * has a stable key that marketing apps can rely on across runs.
 */
public enum RfmSegment {

    HIBERNATING("hibernating", "Hibernating", "Bought long ago and rarely: the least engaged customers."),
    AT_RISK("at-risk", "At Risk", "Bought often, but not for a long time: slipping away."),
    CANT_LOSE("cant-lose", "Can't Lose", "Among the most frequent buyers, but gone quiet for a long time."),
    ABOUT_TO_SLEEP("about-to-sleep", "About to Sleep", "Middling recency and few purchases: losing interest."),
    NEED_ATTENTION("need-attention", "Need Attention", "Middling recency and frequency: could go either way."),
    LOYAL_CUSTOMERS("loyal-customers", "Loyal Customers", "Buy often and fairly recently."),
    PROMISING("promising", "Promising", "Bought recently, but only once or twice so far."),
    NEW_CUSTOMERS("new-customers", "New Customers", "Bought very recently, for the first time."),
    POTENTIAL_LOYALISTS("potential-loyalists", "Potential Loyalists", "Recent customers with a few purchases."),
    CHAMPIONS("champions", "Champions", "Bought very recently and buy most often.");

    private final String key;

    private final String title;

    private final String description;

    RfmSegment(String key, String title, String description) {
        this.key = key;
        this.title = title;
        this.description = description;
    }

    /** The stable segment key, e.g. {@code at-risk}. */
    public String key() {
        return key;
    }

    /** The name marketing knows, e.g. {@code At Risk}. */
    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The segment of a recency score and a frequency score, each 1..5 (5 is the most recent, the most frequent). */
    public static RfmSegment of(int r, int f) {
        if (r < 1 || r > 5 || f < 1 || f > 5) {
            throw new IllegalArgumentException("RFM scores run from 1 to 5, not r = " + r + ", f = " + f);
        }
        if (r <= 2) {
            return f <= 2 ? HIBERNATING : f <= 4 ? AT_RISK : CANT_LOSE;
        }
        if (r == 3) {
            return f <= 2 ? ABOUT_TO_SLEEP : f == 3 ? NEED_ATTENTION : LOYAL_CUSTOMERS;
        }
        if (f >= 4) {
            return r == 4 ? LOYAL_CUSTOMERS : CHAMPIONS;
        }
        if (f == 1) {
            return r == 4 ? PROMISING : NEW_CUSTOMERS;
        }
        return POTENTIAL_LOYALISTS;
    }

}
