// In the engine's package, compiled beside target/classes by run.sh, so it reaches the package-private engine.
package io.customersegments.clustering;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

import org.apache.commons.math3.random.Well19937c;

import io.customersegments.clustering.GaussianMixture;
import io.customersegments.clustering.KFit;
import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.MixtureFit;
import io.customersegments.clustering.MixtureOptions;
import io.customersegments.clustering.StratifiedSample;
import io.customersegments.clustering.SweepOptions;
import io.customersegments.clustering.SweepResult;

/**
 * The Java side of the Gaussian mixture benchmark (run by bench/clustering/run.sh, task mixture5; not by mvn verify).
 * Prints "RESULT name value" lines that run.sh sets beside scikit-learn's GaussianMixture.
 *
 *   javac -d bench/out/classes -cp target/classes:commons-math3-3.6.1.jar bench/clustering/*.java
 *   java -cp target/classes:bench/out/classes:commons-math3-3.6.1.jar io.customersegments.clustering.MixtureBench mixture5 DIR [REPEATS]
 */
public class MixtureBench {

    static final int N = 1_000_000;

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        int repeats = (args.length > 2) ? Integer.parseInt(args[2]) : 1;
        mixture(dir, 5, repeats);
    }

    /**
     * A K-means run's sweep (k = 2..10, 3 starts, the stability fits of the chosen k) against what a GAUSSIAN_MIXTURE
     * run computes instead: the same sweep without the stability fits (a mixture's segments are not the k-means
     * fits'), then per k a full-covariance mixture started from that k's labels, on every row (like for like with
     * scikit-learn) or on one 250,000-row sample stratified by the k = 10 labels (the service's default, shared by
     * every k), and every row assigned with the lowest-BIC mixture.
     */
    static void mixture(Path dir, int d, int repeats) throws IOException {
        double[] x = points(dir, d);
        SweepOptions kMeansRun = SweepOptions.defaults().withRestarts(3);
        SweepOptions mixtureRun = kMeansRun.withStabilityFits(0);
        double[] kMeansSeconds = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long started = System.nanoTime();
            KSweep.run(x, N, d, kMeansRun, 0);
            kMeansSeconds[r] = (System.nanoTime() - started) / 1e9;
            System.out.println("# k-means run's sweep " + r + ": " + kMeansSeconds[r] + " s");
        }
        Arrays.sort(kMeansSeconds);
        result("mixture_d" + d + "_kmeans_sweep_seconds", kMeansSeconds[repeats / 2]);
        for (int fitRows : new int[] { N, 250_000 }) {
            String name = fitRows == N ? "mixture_d" + d + "_all" : "mixture_d" + d + "_sampled";
            double[] sweepSeconds = new double[repeats];
            double[] emSeconds = new double[repeats];
            double[] totalSeconds = new double[repeats];
            int chosen = 0;
            for (int r = 0; r < repeats; r++) {
                long started = System.nanoTime();
                SweepResult sweep = KSweep.run(x, N, d, mixtureRun, 0);
                long swept = System.nanoTime();
                int[] sample = null;
                double[] rows = x;
                int m = N;
                if (fitRows < N) {
                    KFit finest = sweep.fits().get(sweep.fits().size() - 1);
                    sample = StratifiedSample.draw(finest.model().labels(), finest.model().sizes(), fitRows,
                            new Well19937c(0));
                    m = sample.length;
                    rows = new double[m * d];
                    for (int s = 0; s < m; s++) {
                        System.arraycopy(x, sample[s] * d, rows, s * d, d);
                    }
                }
                MixtureFit best = null;
                StringBuilder bics = new StringBuilder();
                for (KFit start : sweep.fits()) {
                    int[] labels = start.model().labels();
                    if (sample != null) {
                        int[] sampleLabels = new int[m];
                        for (int s = 0; s < m; s++) {
                            sampleLabels[s] = labels[sample[s]];
                        }
                        labels = sampleLabels;
                    }
                    MixtureFit fit = GaussianMixture.fit(rows, m, d, start.k(), labels, MixtureOptions.defaults(), () -> false);
                    bics.append(String.format(Locale.ROOT, " k=%d:%.0f(%d it)", start.k(), fit.bic(), fit.iterations()));
                    if (best == null || fit.bic() < best.bic()) {
                        best = fit;
                    }
                }
                best.assign(x, N, MixtureOptions.defaults().threads(), () -> false);
                long done = System.nanoTime();
                sweepSeconds[r] = (swept - started) / 1e9;
                emSeconds[r] = (done - swept) / 1e9;
                totalSeconds[r] = (done - started) / 1e9;
                chosen = best.k();
                System.out.println("# " + name + " run " + r + ": sweep " + sweepSeconds[r] + " s, mixtures " + emSeconds[r]
                        + " s; BIC" + bics);
            }
            Arrays.sort(sweepSeconds);
            Arrays.sort(emSeconds);
            Arrays.sort(totalSeconds);
            result(name + "_sweep_seconds", sweepSeconds[repeats / 2]);
            result(name + "_em_seconds", emSeconds[repeats / 2]);
            result(name + "_seconds", totalSeconds[repeats / 2]);
            result(name + "_chosen_k", chosen);
        }
    }

    static double[] points(Path dir, int d) throws IOException {
        try (FileChannel channel = FileChannel.open(dir.resolve("blobs_1m_d" + d + ".f64"), StandardOpenOption.READ)) {
            ByteBuffer bytes = ByteBuffer.allocate((int) channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
                // read the whole file
            }
            bytes.flip();
            double[] x = new double[N * d];
            bytes.asDoubleBuffer().get(x);
            return x;
        }
    }

    static void result(String name, double value) {
        System.out.println("RESULT " + name + " " + String.format(Locale.ROOT, "%.6g", value));
    }

}
