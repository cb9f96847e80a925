// In the engine's package, compiled beside target/classes by run.sh, so it reaches the package-private engine.
package io.customersegments.clustering;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.Well19937c;

import io.customersegments.clustering.KMeans;
import io.customersegments.clustering.KMeansOptions;
import io.customersegments.clustering.KMeansResult;
import io.customersegments.clustering.Silhouette;
import io.customersegments.clustering.SilhouetteOptions;
import io.customersegments.clustering.SilhouetteResult;
import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.SweepOptions;
import io.customersegments.clustering.SweepResult;

/**
 * The Java side of the clustering benchmarks (run by bench/clustering/run.sh, not by mvn verify).
 * Prints "RESULT name value" lines that run.sh sets beside scikit-learn's.
 *
 *   javac -d bench/out/classes -cp target/classes:commons-math3-3.6.1.jar bench/clustering/*.java
 *   java -cp target/classes:bench/out/classes:commons-math3-3.6.1.jar io.customersegments.clustering.ClusteringBench TASK DIR [REPEATS]
 *
 * TASK: kmeans5 kmeans16 overlap5 overlap16 overlap5m silhouette5 silhouette16 sampled5 sweep5 commons5 heap16
 */
public class ClusteringBench {

    static final int N = 1_000_000;

    /** Untimed runs before the timed ones: the JIT compiles the engine's kernels over the first two fits. */
    static final int WARM_UPS = 2;

    public static void main(String[] args) throws IOException {
        String task = args[0];
        Path dir = Path.of(args[1]);
        int repeats = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
        switch (task) {
            case "kmeans5" -> kmeans(dir, 5, repeats);
            case "kmeans16" -> kmeans(dir, 16, repeats);
            case "overlap5" -> overlap(dir, "200k", 200_000, 5, repeats);
            case "overlap16" -> overlap(dir, "200k", 200_000, 16, repeats);
            case "overlap5m" -> overlap(dir, "1m", N, 5, repeats);
            case "silhouette5" -> exactSilhouette(dir, 5, repeats);
            case "silhouette16" -> exactSilhouette(dir, 16, repeats);
            case "sampled5" -> sampledSilhouette(dir, 5, repeats);
            case "sweep5" -> sweep(dir, 5, repeats);
            case "commons5" -> commons(dir, 5);
            case "heap16" -> heap(dir, 16);
            default -> throw new IllegalArgumentException("unknown task " + task);
        }
    }

    static void kmeans(Path dir, int d, int repeats) throws IOException {
        double[] x = points(dir, d);
        KMeansOptions options = KMeansOptions.of(8).withRestarts(3).withTolerance(1e-4);
        Timed<KMeansResult> fit = median(repeats, () -> KMeans.fit(x, N, d, options, 0));
        result("kmeans_d" + d + "_seconds", fit.seconds());
        result("kmeans_d" + d + "_inertia", fit.last().inertia());
        result("kmeans_d" + d + "_iterations", fit.last().iterations());
    }

    /**
     * K-means on overlapping clusters: k = 8, 3 restarts, tolerance 1e-4, every restart on every row (at 1M rows the
     * screening of restarts on a sample is switched off, like for like).
     */
    static void overlap(Path dir, String size, int n, int d, int repeats) throws IOException {
        ByteBuffer bytes = read(dir.resolve("overlap_" + size + "_d" + d + ".f64"));
        double[] x = new double[n * d];
        bytes.asDoubleBuffer().get(x);
        KMeansOptions options = KMeansOptions.of(8).withRestarts(3).withTolerance(1e-4).withScreeningOff();
        Timed<KMeansResult> fit = median(repeats, () -> KMeans.fit(x, n, d, options, 0));
        String name = "overlap_" + size + "_d" + d;
        result(name + "_seconds", fit.seconds());
        result(name + "_inertia", fit.last().inertia());
        result(name + "_iterations", fit.last().iterations());
    }

    static void exactSilhouette(Path dir, int d, int repeats) throws IOException {
        int n = 50_000;
        double[] x = Arrays.copyOf(points(dir, d), n * d);
        int[] labels = Arrays.copyOf(labels(dir, d), n);
        SilhouetteOptions options = SilhouetteOptions.defaults().withExactLimit(n);
        Timed<SilhouetteResult> silhouette = median(repeats, () -> Silhouette.of(x, n, d, labels, 8, options, 0));
        result("silhouette50k_d" + d + "_seconds", silhouette.seconds());
        result("silhouette50k_d" + d + "_value", silhouette.last().mean());
    }

    static void sampledSilhouette(Path dir, int d, int repeats) throws IOException {
        double[] x = points(dir, d);
        int[] labels = labels(dir, d);
        Timed<SilhouetteResult> silhouette = median(repeats,
                () -> Silhouette.of(x, N, d, labels, 8, SilhouetteOptions.defaults(), 0));
        SilhouetteResult last = silhouette.last();
        result("sampled1m_d" + d + "_seconds", silhouette.seconds());
        result("sampled1m_d" + d + "_value", last.mean());
        result("sampled1m_d" + d + "_ci_low", last.ciLow());
        result("sampled1m_d" + d + "_ci_high", last.ciHigh());
        result("sampled1m_d" + d + "_sample", last.sampleSize());
    }

    static void sweep(Path dir, int d, int repeats) throws IOException {
        double[] x = points(dir, d);
        SweepOptions options = SweepOptions.defaults().withRestarts(3);
        Timed<SweepResult> sweep = median(repeats, () -> KSweep.run(x, N, d, options, 0));
        result("sweep_d" + d + "_seconds", sweep.seconds());
        result("sweep_d" + d + "_chosen_k", sweep.last().chosenK());
        result("sweep_d" + d + "_elbow_k", sweep.last().elbow().k().orElse(-1));
        result("sweep_d" + d + "_stability", sweep.last().stability());
        System.out.println("# " + sweep.last().reason());
    }

    static void commons(Path dir, int d) throws IOException {
        double[] x = points(dir, d);
        List<DoublePoint> list = new ArrayList<>(N);
        for (int i = 0; i < N; i++) {
            list.add(new DoublePoint(Arrays.copyOfRange(x, i * d, i * d + d)));
        }
        KMeansPlusPlusClusterer<DoublePoint> clusterer = new KMeansPlusPlusClusterer<>(8, 300, new EuclideanDistance(),
                new Well19937c(0));
        long start = System.nanoTime();
        List<CentroidCluster<DoublePoint>> clusters = clusterer.cluster(list);
        double seconds = (System.nanoTime() - start) / 1e9;
        double inertia = 0;
        for (CentroidCluster<DoublePoint> cluster : clusters) {
            double[] centre = cluster.getCenter().getPoint();
            for (DoublePoint p : cluster.getPoints()) {
                double[] v = p.getPoint();
                for (int f = 0; f < d; f++) {
                    inertia += (v[f] - centre[f]) * (v[f] - centre[f]);
                }
            }
        }
        result("commons_d" + d + "_one_start_seconds", seconds);
        result("commons_d" + d + "_inertia", inertia);
    }

    static void heap(Path dir, int d) throws IOException {
        double[] x = points(dir, d);
        long start = System.nanoTime();
        KMeansResult fit = KMeans.fit(x, N, d, KMeansOptions.of(8).withRestarts(3), 0);
        SilhouetteResult silhouette = Silhouette.of(x, N, d, fit.labels(), 8, SilhouetteOptions.defaults(), 0);
        SweepResult sweep = KSweep.run(x, N, d, SweepOptions.defaults().withRestarts(3), 0);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        result("heap_d" + d + "_max_heap_mb", Runtime.getRuntime().maxMemory() / 1048576.0);
        result("heap_d" + d + "_peak_heap_mb", peak / 1048576.0);
        result("heap_d" + d + "_seconds", seconds);
        result("heap_d" + d + "_silhouette", silhouette.mean());
        result("heap_d" + d + "_chosen_k", sweep.chosenK());
    }

    record Timed<T>(double seconds, T last) {
    }

    /**
     * {@value #WARM_UPS} untimed warm-up runs (the JIT compiles the kernels), then {@code repeats} timed runs: the median
     * wall time and the last result; prints each run's wall and process CPU time.
     */
    static <T> Timed<T> median(int repeats, Supplier<T> run) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
            .getOperatingSystemMXBean();
        for (int w = 0; w < WARM_UPS; w++) {
            run.get();
        }
        double[] seconds = new double[repeats];
        T last = null;
        for (int r = 0; r < repeats; r++) {
            long cpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            last = run.get();
            seconds[r] = (System.nanoTime() - start) / 1e9;
            System.out.println(String.format(Locale.ROOT, "# run %d: %.3f s wall, %.3f s CPU", r + 1, seconds[r],
                    (os.getProcessCpuTime() - cpu) / 1e9));
        }
        Arrays.sort(seconds);
        return new Timed<>(seconds[repeats / 2], last);
    }

    static void result(String name, double value) {
        System.out.println(String.format(Locale.ROOT, "RESULT %s %.6g", name, value));
    }

    static double[] points(Path dir, int d) throws IOException {
        ByteBuffer bytes = read(dir.resolve("blobs_1m_d" + d + ".f64"));
        double[] x = new double[N * d];
        bytes.asDoubleBuffer().get(x);
        return x;
    }

    static int[] labels(Path dir, int d) throws IOException {
        ByteBuffer bytes = read(dir.resolve("blobs_1m_d" + d + ".labels.i32"));
        int[] y = new int[N];
        bytes.asIntBuffer().get(y);
        return y;
    }

    static ByteBuffer read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size()).order(ByteOrder.LITTLE_ENDIAN);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            }
            return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
        }
    }

}
