package io.customersegments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** What the metrics endpoint tells an operator about uploads, the live-segments cache and requests. */
@ServiceTest
class MetricsTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": 3, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    @Test
    void uploadsAreCountedInRowsAndBytesWithTheirCopyThroughput() {
        Api api = new Api(port);
        String before = metrics(api);

        api.uploadMallCustomers();
        api.uploadCdnowTransactions();
        // A refused upload (not a CSV) adds nothing.
        assertThat(api.postCsv("/api/datasets?force=true", "\u0000\u0001").status()).isGreaterThanOrEqualTo(400);

        String after = metrics(api);
        assertThat(value(after, "segmentation_upload_rows_total", "CUSTOMERS")
                - value(before, "segmentation_upload_rows_total", "CUSTOMERS")).isEqualTo(200);
        assertThat(value(after, "segmentation_upload_bytes_total", "CUSTOMERS")
                - value(before, "segmentation_upload_bytes_total", "CUSTOMERS")).isEqualTo(mallCustomersBytes());
        assertThat(value(after, "segmentation_upload_rows_total", "TRANSACTIONS")
                - value(before, "segmentation_upload_rows_total", "TRANSACTIONS")).isEqualTo(6_919);
        assertThat(value(after, "segmentation_upload_copy_seconds_count", "CUSTOMERS")
                - value(before, "segmentation_upload_copy_seconds_count", "CUSTOMERS")).isEqualTo(1);
        assertThat(value(after, "segmentation_upload_copy_throughput_rows_per_second_max", "TRANSACTIONS"))
            .isPositive();
    }

    @Test
    void theLiveSegmentsCacheCountsItsHitsAndLoads() {
        Api api = new Api(port);
        long dataset = api.uploadMallCustomers();
        long run = api.succeededRun(RUN.formatted(dataset));
        assertThat(api.postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
        String before = metrics(api);

        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/segments?dataset=" + dataset).status()).isEqualTo(200);
        }

        String after = metrics(api);
        double hits = value(after, "segmentation_live_segments_cache_total", "hit")
                - value(before, "segmentation_live_segments_cache_total", "hit");
        double loads = value(after, "segmentation_live_segments_cache_total", "load")
                - value(before, "segmentation_live_segments_cache_total", "load");
        assertThat(hits + loads).isGreaterThanOrEqualTo(5);
        assertThat(hits).isGreaterThanOrEqualTo(4);
        assertThat(after).contains("http_server_requests_seconds_count");
    }

    private static String metrics(Api api) {
        Api.Answer answer = api.get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        return answer.body();
    }

    /** A sample's value: the line of the metric whose labels include the given value (0 when there is none yet). */
    private static double value(String exposition, String metric, String labelValue) {
        Matcher line = Pattern.compile("(?m)^" + metric + "\\{[^}]*\"" + labelValue + "\"[^}]*} (\\S+)$")
            .matcher(exposition);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }

    private static long mallCustomersBytes() {
        try (var in = MetricsTests.class.getResourceAsStream("/data/mall_customers.csv")) {
            return in.readAllBytes().length;
        }
        catch (java.io.IOException ex) {
            throw new java.io.UncheckedIOException(ex);
        }
    }

}
