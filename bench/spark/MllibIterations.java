import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.*;
import org.apache.spark.mllib.clustering.*;
import org.apache.spark.mllib.linalg.*;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One Lloyd iteration of MLlib's RDD KMeans against its k-means|| initialisation, outside the job: 100,000 generated
 * 5-feature customers (six blobs) in cached partitions on local[2], k = 4 and 8, two starts each, three rounds in one
 * JVM (the last is the one to read). BENCHMARKS.md, "Where the screened fits spend their time".
 *
 * <pre>
 * mvn -B -q -f spark-job/pom.xml package -DskipTests
 * javac -d bench/out/mllib -cp "spark-job/target/lib/*" bench/spark/MllibIterations.java
 * java -Diters=1|20 -Xmx4g $(the job's --add-opens options, SparkEngine.JAVA_OPTIONS) \
 *      -cp "bench/out/mllib:spark-job/target/lib/*" MllibIterations 100000 4 false [spark.key=value ...]
 * </pre>
 * Arguments: customers, partitions, whether to hand MLlib an uncached view (so it caches its own vectors and norms),
 * then Spark settings. {@code -Diters=1} times a start's initialisation and one iteration; 20 runs them out.
 */
public class MllibIterations {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int parts = Integer.parseInt(args[1]);
        boolean wrap = Boolean.parseBoolean(args[2]);
        SparkSession.Builder b = SparkSession.builder().master("local[2]").appName("mllib-iterations").config("spark.ui.enabled", "false");
        for (int i = 3; i < args.length; i++) { String[] kv = args[i].split("=", 2); b.config(kv[0], kv[1]); }
        SparkSession spark = b.getOrCreate();
        JavaSparkContext sc = new JavaSparkContext(spark.sparkContext());
        final int per = n / parts;
        List<Integer> seeds = new ArrayList<>();
        for (int p = 0; p < parts; p++) seeds.add(p);
        JavaRDD<Vector> data = sc.parallelize(seeds, parts).flatMap(p -> {
            Random r = new Random(1);
            double[][] c = new double[6][5];
            for (double[] cc : c) for (int j = 0; j < 5; j++) cc[j] = r.nextGaussian() * 3;
            Random rr = new Random(100 + p);
            List<Vector> out = new ArrayList<>();
            for (int i = 0; i < per; i++) { double[] v = new double[5]; double[] cc = c[i % 6]; for (int j = 0; j < 5; j++) v[j] = cc[j] + rr.nextGaussian(); out.add(Vectors.dense(v)); }
            return out.iterator();
        }).persist(StorageLevel.MEMORY_ONLY());
        data.count();
        for (int round = 0; round < 3; round++) {
            long t0 = System.nanoTime(); long its = 0;
            for (int k : new int[] {4, 8}) for (int s = 0; s < 2; s++) {
                JavaRDD<Vector> in = wrap ? data.map(v -> v) : data;
                KMeansModel m = new KMeans().setK(k).setMaxIterations(Integer.getInteger("iters", 20)).setEpsilon(1e-4).setSeed(42 + s)
                    .setInitializationMode(KMeans.K_MEANS_PARALLEL()).run(in.rdd());
                its += m.numIter();
            }
            long t1 = System.nanoTime();
            System.out.printf("round %d: %.2f s, %d iterations, %.1f ms/iteration%n", round, (t1 - t0) / 1e9, its, (t1 - t0) / 1e6 / its);
        }
        spark.stop();
    }
}
