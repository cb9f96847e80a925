import java.util.Locale;

import org.apache.commons.math3.distribution.BetaDistribution;
import org.apache.commons.math3.distribution.GammaDistribution;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

import io.customersegments.lifetime.BgNbd;
import io.customersegments.lifetime.GammaGamma;
import io.customersegments.lifetime.PurchaseHistory;

/**
 * Times the BG/NBD and Gamma-Gamma fits on customers simulated from known parameters (CDNOW's, in days),
 * and reports how close the fitted parameters come to them.
 * Run: java -cp target/classes:commons-math3.jar bench/lifetime/FitBench.java CUSTOMERS [REPEATS]
 */
public class FitBench {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        PurchaseHistory history = simulate(n, new Well19937c(42));
        for (int repeat = 0; repeat < repeats; repeat++) {
            long started = System.nanoTime();
            BgNbd purchases = BgNbd.fit(history);
            long fitted = System.nanoTime();
            GammaGamma spend = GammaGamma.fit(history, 10);
            long done = System.nanoTime();
            System.out.printf(Locale.ROOT, "fit\t%d\t%d\tbgnbd %.3f s\tgamma-gamma %.3f s\ttotal %.3f s\t"
                    + "r %.3f alpha %.2f a %.3f b %.3f\tp %.2f q %.2f v %.2f%n", n, repeat, (fitted - started) / 1e9,
                    (done - fitted) / 1e9, (done - started) / 1e9, purchases.r(), purchases.alpha(), purchases.a(),
                    purchases.b(), spend.p(), spend.q(), spend.v());
        }
    }

    /** Customers who buy at a Poisson rate λ ~ Gamma(r, α) and drop out after a purchase with p ~ Beta(a, b). */
    static PurchaseHistory simulate(int n, RandomGenerator random) {
        double r = 0.243;
        double alpha = 4.414 * 7;
        GammaDistribution rates = new GammaDistribution(random, r, 1 / alpha);
        BetaDistribution dropout = new BetaDistribution(random, 0.793, 2.426);
        GammaDistribution spendRates = new GammaDistribution(random, 3.74, 1 / 15.44);
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] T = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = rates.sample();
            double p = dropout.sample();
            double nu = spendRates.sample();
            GammaDistribution values = new GammaDistribution(random, 6.25, 1 / nu);
            T[i] = Math.floor(30 + random.nextDouble() * 700);
            double t = 0;
            double last = 0;
            int purchases = 0;
            double spent = 0;
            while (true) {
                t += -Math.log(1 - random.nextDouble()) / lambda;
                if (t > T[i]) {
                    break;
                }
                purchases++;
                last = Math.floor(t);
                spent += values.sample();
                if (random.nextDouble() < p) {
                    break;
                }
            }
            x[i] = purchases;
            tx[i] = last;
            m[i] = purchases == 0 ? 0 : spent / purchases;
        }
        return new PurchaseHistory(x, tx, T, m);
    }

}
