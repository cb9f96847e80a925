package io.customersegments.lifetime;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a client should know of fits that ended at the edge of their parameters: a shape parameter that ran towards
 * infinity, where the likelihood keeps rising, stands for a limit of the model, and its predictions are that limit's.
 * They are kept (the limit is a fair reading of the data) and said plainly, since they ignore what the customers'
 * own histories would otherwise add.
 */
final class FitWarnings {

    /** Beyond this, a dimensionless shape parameter has run away: the fit is its limit, not an interior optimum. */
    static final double RUNAWAY = 1e6;

    private FitWarnings() {
    }

    static List<String> of(BgNbd purchases, GammaGamma spend, TimeUnit unit) {
        List<String> warnings = new ArrayList<>();
        String per = unit.name().toLowerCase(Locale.ROOT).replaceAll("s$", "");
        if (purchases.r() > RUNAWAY) {
            warnings.add(String.format(Locale.ROOT, "The purchase model's r ran to %.3g (α to %.3g) without a finite "
                    + "optimum: the customers buy at rates too alike to fit a spread of them, so it gives every "
                    + "customer the same rate of %.4g purchases a %s while alive.", purchases.r(), purchases.alpha(),
                    purchases.r() / purchases.alpha(), per));
        }
        if (purchases.a() > RUNAWAY || purchases.b() > RUNAWAY) {
            warnings.add(String.format(Locale.ROOT, "The purchase model's a and b ran to %.3g and %.3g without a "
                    + "finite optimum: the customers' chances of dropping out after a purchase are too alike to fit a "
                    + "spread of them, so it gives every customer the same chance, %.4g.", purchases.a(), purchases.b(),
                    purchases.a() / (purchases.a() + purchases.b())));
        }
        if ((spend.p() > RUNAWAY || spend.q() > RUNAWAY) && spend.q() > 1) {
            warnings.add(String.format(Locale.ROOT, "The spend model's p and q ran to %.3g and %.3g without a finite "
                    + "optimum: it gives every customer with repeat purchases close to the same expected purchase "
                    + "value, the population's %.4g, whatever their own purchases were: the customers' mean purchase "
                    + "values differ no more than the model expects by chance, so it does not weigh their own history.",
                    spend.p(), spend.q(), spend.p() * spend.v() / (spend.q() - 1)));
        }
        return List.copyOf(warnings);
    }

}
