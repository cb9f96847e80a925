package io.customersegments.lifetime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published known answer: BG/NBD and Gamma-Gamma on the CDNOW sample with the calibration period
 * ending 1997-09-30, in weeks (Fader, Hardie and Lee 2005; the {@code lifetimes} library's example).
 */
class CdnowTest {

    static final LocalDate CALIBRATION_END = LocalDate.of(1997, 9, 30);

    static PurchaseHistory weeks;

    @BeforeAll
    static void summarise() throws IOException {
        weeks = summary(CALIBRATION_END).inUnits(7);
    }

    /** The purchase history of every customer up to {@code end}, in days, one purchase per day. */
    static PurchaseHistory summary(LocalDate end) throws IOException {
        Map<String, TreeMap<LocalDate, Double>> days = new TreeMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                CdnowTest.class.getResourceAsStream("/data/cdnow_sample.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            DateTimeFormatter compact = DateTimeFormatter.ofPattern("yyyyMMdd");
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",");
                LocalDate day = LocalDate.parse(fields[1], compact);
                if (!day.isAfter(end)) {
                    days.computeIfAbsent(fields[0], id -> new TreeMap<>()).merge(day, Double.parseDouble(fields[3]),
                            Double::sum);
                }
            }
        }
        List<double[]> rows = new ArrayList<>();
        for (TreeMap<LocalDate, Double> purchases : days.values()) {
            LocalDate first = purchases.firstKey();
            double repeatValue = purchases.tailMap(first, false).values().stream().mapToDouble(Double::doubleValue).sum();
            int x = purchases.size() - 1;
            rows.add(new double[] { x, ChronoUnit.DAYS.between(first, purchases.lastKey()),
                    ChronoUnit.DAYS.between(first, end), x == 0 ? 0 : repeatValue / x });
        }
        return new PurchaseHistory(rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray(), rows.stream().mapToDouble(r -> r[2]).toArray(),
                rows.stream().mapToDouble(r -> r[3]).toArray());
    }

    @Test
    void bgNbdMatchesThePublishedParameters() {
        BgNbd model = BgNbd.fit(weeks);

        assertThat(weeks.customers()).isEqualTo(2357);
        assertThat(model.r()).isCloseTo(0.243, withinPercentage(1));
        assertThat(model.alpha()).isCloseTo(4.414, withinPercentage(1));
        assertThat(model.a()).isCloseTo(0.793, withinPercentage(1));
        assertThat(model.b()).isCloseTo(2.426, withinPercentage(1));
        assertThat(model.logLikelihood()).isCloseTo(-9582.4, withinPercentage(0.1));
    }

    @Test
    void gammaGammaMatchesThePublishedParameters() {
        GammaGamma model = GammaGamma.fit(weeks, 10);

        assertThat(model.customers()).isEqualTo(946);
        assertThat(model.p()).isCloseTo(6.25, withinPercentage(1));
        assertThat(model.q()).isCloseTo(3.74, withinPercentage(1));
        assertThat(model.v()).isCloseTo(15.44, withinPercentage(1));
    }

    @Test
    void predictionsAgreeWithTheLifetimesLibrary() {
        // lifetimes with the paper's parameters: a customer with x = 2, t_x = 30.43, T = 38.86 weeks.
        BgNbd model = new BgNbd(0.243, 4.414, 0.793, 2.426, Double.NaN);

        assertThat(model.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.7255, withinPercentage(1));
        assertThat(model.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        // Expected purchases in the 39 weeks after calibration: the paper's example customer (x=2, tx=30.43, T=38.86).
        assertThat(model.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, withinPercentage(1));
    }

}
