package io.customersegments.clustering;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The 200-row mall customers table from the classpath: Annual Income (k$) and Spending Score per row. */
final class MallCustomers {

    static final int ROWS = 200;

    private MallCustomers() {
    }

    /** Row-major {income, score} pairs, 200 × 2. */
    static double[] incomeAndScore() {
        List<String[]> rows = TestCsv.read("/data/mall_customers.csv");
        double[] data = new double[rows.size() * 2];
        for (int i = 0; i < rows.size(); i++) {
            data[2 * i] = Double.parseDouble(rows.get(i)[3]);
            data[2 * i + 1] = Double.parseDouble(rows.get(i)[4]);
        }
        return data;
    }

    /** The same, each column standardised to mean 0 and population standard deviation 1 (scikit-learn's StandardScaler). */
    static double[] incomeAndScoreStandardised() {
        double[] data = incomeAndScore();
        int n = data.length / 2;
        for (int f = 0; f < 2; f++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += data[2 * i + f];
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                variance += (data[2 * i + f] - mean) * (data[2 * i + f] - mean);
            }
            double sd = Math.sqrt(variance / n);
            for (int i = 0; i < n; i++) {
                data[2 * i + f] = (data[2 * i + f] - mean) / sd;
            }
        }
        return data;
    }

}

/** A tiny comma-separated reader for the test resources (no quoting needed there); skips the header. */
final class TestCsv {

    private TestCsv() {
    }

    static List<String[]> read(String resource) {
        try (InputStream in = TestCsv.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String[]> rows = new ArrayList<>();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank()) {
                    rows.add(line.strip().split(",", -1));
                }
            }
            return rows;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
