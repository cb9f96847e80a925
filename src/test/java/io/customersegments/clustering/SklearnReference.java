package io.customersegments.clustering;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers computed by Debian's scikit-learn 1.2.1 with
 * {@code src/test/resources/clustering/make_references.py}: {@code sklearn_reference.csv} (metrics) and
 * {@code blobs_small.csv} (300 overlapping 3-d points with their generating label, scikit-learn's
 * KMeans labels and per-row silhouette).
 */
final class SklearnReference {

    private static final Map<String, Double> VALUES = load();

    private SklearnReference() {
    }

    static double value(String name) {
        Double value = VALUES.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no reference value " + name);
        }
        return value;
    }

    private static Map<String, Double> load() {
        Map<String, Double> values = new HashMap<>();
        for (String[] row : TestCsv.read("/clustering/sklearn_reference.csv")) {
            if (!row[0].equals("sklearn.version")) {
                values.put(row[0], Double.parseDouble(row[1]));
            }
        }
        return values;
    }

    /** The blobs_small table. */
    record Blobs(double[] data, int n, int d, int[] labels, int[] kmeansLabels, double[] silhouette) {

        static Blobs load() {
            List<String[]> rows = TestCsv.read("/clustering/blobs_small.csv");
            int n = rows.size();
            double[] data = new double[n * 3];
            int[] labels = new int[n];
            int[] kmeans = new int[n];
            double[] silhouette = new double[n];
            for (int i = 0; i < n; i++) {
                String[] row = rows.get(i);
                for (int f = 0; f < 3; f++) {
                    data[i * 3 + f] = Double.parseDouble(row[f]);
                }
                labels[i] = Integer.parseInt(row[3]);
                kmeans[i] = Integer.parseInt(row[4]);
                silhouette[i] = Double.parseDouble(row[5]);
            }
            return new Blobs(data, n, 3, labels, kmeans, silhouette);
        }

    }

}
