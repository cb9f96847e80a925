package io.customersegments.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import io.customersegments.Api;
import io.customersegments.Poll;
import io.customersegments.ServiceProcess;
import io.customersegments.TestDatabase;
import io.customersegments.TestKeys;

/**
 * Every chart of a large run, each asked for five times at once, from a service in a 512 MB heap (issue 15):
 * all answer, and the service stays healthy throughout. Charts draw from what the run stored (its sample) and
 * histograms count a column as it streams past, so none holds a run's or a column's data; the 10M-row version
 * of this is bench/charts.
 */
class ChartsInSmallHeapTests {

    private static final String SCHEMA = TestDatabase.TEST_SCHEMA + "_charts_heap";

    private static final int ROWS = 600_000;

    private static final int AT_ONCE = 5;

    @Test
    void everyChartOfALargeRunAnswersFiveConcurrentRequestsInA512MegabyteHeap() throws Exception {
        TestDatabase.Target database = TestDatabase.target();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password())) {
            new JdbcTemplate(new SingleConnectionDataSource(connection, true))
                .execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        try (ServiceProcess service = ServiceProcess.start("charts-heap", SCHEMA,
                "--segmentation.security.bootstrap-key=" + TestKeys.ADMIN,
                "--segmentation.security.requests-per-second=100000")) {
            Api api = service.api(TestKeys.ADMIN);
            Api.Answer dataset = api.postCsv("/api/datasets?force=true", customers());
            assertThat(dataset.status()).as(dataset.body()).isEqualTo(201);
            long datasetId = dataset.json().get("id").asLong();
            Api.Answer submitted = api.postJson("/api/segmentations", "{\"datasetId\": " + datasetId
                    + ", \"features\": [\"income\", \"score\", \"visits\"], \"kMin\": 2, \"kMax\": 5, \"restarts\": 2}");
            assertThat(submitted.status()).as(submitted.body()).isEqualTo(202);
            long run = submitted.json().get("id").asLong();
            Poll.until(Duration.ofMinutes(3), "run " + run + " to succeed", () -> {
                String status = api.get("/api/segmentations/" + run).json().get("status").asString();
                assertThat(status).isNotIn("FAILED", "CANCELLED");
                return "SUCCEEDED".equals(status);
            });
            List<String> charts = List.of("/api/segmentations/" + run + "/charts/elbow",
                    "/api/segmentations/" + run + "/charts/scatter?x=income&y=score",
                    "/api/segmentations/" + run + "/charts/silhouette", "/api/segmentations/" + run + "/charts/profile",
                    "/api/datasets/" + datasetId + "/charts/histogram?column=income",
                    "/api/datasets/" + datasetId + "/charts/histogram?column=visits&format=png");
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (String chart : charts) {
                for (int i = 0; i < AT_ONCE; i++) {
                    HttpRequest request = TestKeys.request(URI.create("http://localhost:" + service.port() + chart))
                        .timeout(Duration.ofMinutes(2))
                        .GET()
                        .build();
                    answers.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
                }
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new));
            int healthChecks = 0;
            while (true) {
                assertThat(api.get("/actuator/health").status()).isEqualTo(200);
                healthChecks++;
                try {
                    all.get(100, TimeUnit.MILLISECONDS);
                    break;
                }
                catch (TimeoutException stillRendering) {
                    // Ask for health again while the charts render.
                }
            }

            for (CompletableFuture<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.join();
                assertThat(response.statusCode()).as(response.uri() + ": " + new String(response.body())).isEqualTo(200);
                assertThat(response.body().length).isGreaterThan(1_000);
            }
            assertThat(api.get("/actuator/health").status()).isEqualTo(200);
            assertThat(healthChecks).isPositive();
        }
    }

    private static byte[] customers() {
        Random random = new Random(15);
        StringBuilder csv = new StringBuilder(ROWS * 40).append("id,tier,income,score,visits\n");
        for (int i = 1; i <= ROWS; i++) {
            int persona = random.nextInt(4);
            csv.append('c').append(i).append(',').append(persona % 2 == 0 ? "gold" : "silver").append(',')
                .append(Math.round((30 + 25 * persona + 8 * random.nextGaussian()) * 10) / 10.0).append(',')
                .append(Math.round(20 + 20 * persona + 6 * random.nextGaussian())).append(',')
                .append(random.nextInt(1 + 10 * persona + 5)).append('\n');
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

}
