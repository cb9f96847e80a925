package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.JsonArrayOfCustomers;
import io.customersegments.Poll;
import io.customersegments.TestDatabase;
import io.customersegments.TestKeys;

/**
 * Streams a generated upload larger than the server's whole heap into the packaged service running
 * with -Xmx256m: it can only succeed if nothing holds the file in memory.
 */
class LowMemoryUploadIT {

    private static final int ROWS = 250_000;

    private static final String NOTE = "x".repeat(1_100);

    private static final int TEXT_ROWS = 4_200;

    /** Three categories of 64 KB each. */
    private static final List<String> LONG_NOTES = List.of("a".repeat(65_536), "b".repeat(65_536), "c".repeat(65_536));

    private Process server;

    @Test
    void storesAFileLargerThanTheHeapWhileRunningIn256Megabytes() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestDatabase.Target database = TestDatabase.target();
        Path log = Path.of("target", "low-memory-upload-it.log");
        server = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-jar", System.getProperty("app.jar"), "--server.port=" + port,
                "--spring.datasource.url=" + database.url(), "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--segmentation.database.schema=" + database.schema(),
                "--segmentation.security.bootstrap-key=" + TestKeys.ADMIN))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        Api api = new Api(port);
        awaitHealthy(api, log);

        HttpRequest upload = TestKeys.request(URI.create("http://localhost:" + port + "/api/datasets?force=true"))
            .header("Content-Type", "text/csv")
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(
                    "CustomerID,Gender,Age,Income,Score,Visits,Note\n", ROWS, LowMemoryUploadIT::wideRow)))
            .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(upload, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        JsonNode dataset = Api.JSON.readTree(answer.body());
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(ROWS);
        assertThat(dataset.get("sizeBytes").asLong()).isGreaterThan(256L * 1024 * 1024);
        // The heap's pools' maximum sizes, as Prometheus scrapes them (-1 for a pool without one).
        double heapMax = api.get("/actuator/prometheus").body().lines()
            .filter(line -> line.startsWith("jvm_memory_max_bytes{area=\"heap\""))
            .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .filter(bytes -> bytes > 0)
            .sum();
        assertThat(heapMax).isPositive().isLessThanOrEqualTo(256.0 * 1024 * 1024);
        assertThat(api.delete("/api/datasets/" + dataset.get("id").asLong()).status()).isEqualTo(204);

        // An export reads its customers' values a few rows at a time: 4,200 customers whose category is one of three
        // 64 KB texts (270 MB), exported in this heap (read 4,096 customers at a time, they ran it out of memory).
        HttpRequest texts = TestKeys.request(URI.create("http://localhost:" + port + "/api/datasets?force=true"))
            .header("Content-Type", "text/csv")
            .timeout(Duration.ofMinutes(5))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv("CustomerID,Age,Note\n", TEXT_ROWS,
                    row -> "T" + row + "," + (20 + row % 50) + "," + LONG_NOTES.get(row % 3) + "\n")))
            .build();
        HttpResponse<String> stored = HttpClient.newHttpClient().send(texts, HttpResponse.BodyHandlers.ofString());
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        long textsId = Api.JSON.readTree(stored.body()).get("id").asLong();
        long run = api.succeededRun("{\"datasetId\": " + textsId + ", \"features\": [\"Age\", \"Note\"], \"k\": 2, "
                + "\"restarts\": 1}");
        HttpResponse<InputStream> export = HttpClient.newHttpClient().send(TestKeys.request(URI.create(
                "http://localhost:" + port + "/api/segmentations/" + run + "/assignments.csv")).timeout(
                        Duration.ofMinutes(2)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(export.statusCode()).isEqualTo(200);
        long lines = 0;
        try (InputStream body = export.body()) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = body.read(buffer)) > 0;) {
                for (int i = 0; i < n; i++) {
                    lines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        }
        assertThat(lines).isEqualTo(TEXT_ROWS + 1);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.delete("/api/datasets/" + textsId + "?force=true").status()).isEqualTo(204);

        // A 300 MB JSON body, streamed without a length, once ran this heap out and left a process that never
        // answered again. Now it is never read whole: the client hears 413 (cut off at the customer cap or 4 MB),
        // 404 or 409 (no such run, or not one that scores: the body is left unread), or its connection is closed.
        HttpRequest bomb = TestKeys.request(URI.create("http://localhost:" + port + "/api/segmentations/1/predict"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(2))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new JsonArrayOfCustomers(300L * 1024 * 1024)))
            .build();
        try {
            assertThat(HttpClient.newHttpClient().send(bomb, HttpResponse.BodyHandlers.ofString()).statusCode())
                .isIn(404, 409, 413);
        }
        catch (IOException closedWhileSending) {
            // The server answered and closed the connection before the client finished sending: also a refusal.
        }
        assertThat(server.isAlive()).isTrue();
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    private void awaitHealthy(Api api, Path log) {
        Poll.until(Duration.ofSeconds(120), "the service to become healthy; see " + log, () -> {
            if (!server.isAlive()) {
                throw new AssertionError("the service exited; see " + log);
            }
            try {
                return api.get("/actuator/health").status() == 200;
            }
            catch (IllegalStateException notYetListening) {
                // Connection refused until the server listens: poll again.
                return false;
            }
        });
    }

    /** The first upload's rows: wide ones, a 1,100-character note each. */
    private static String wideRow(int row) {
        return "C" + row + (row % 3 == 0 ? ",Female," : ",Male,") + (18 + row % 60) + ',' + (15 + row % 120) + '.'
                + (row % 10) + ',' + (row % 100) + ',' + (row % 37) + ",note " + row + ' ' + NOTE + '\n';
    }

    /** A CSV of generated rows, made on the fly so the test holds no more of it than the server may. */
    private static final class GeneratedCsv extends InputStream {

        private final int rows;

        private final java.util.function.IntFunction<String> line;

        private byte[] chunk;

        private int position;

        private int row;

        GeneratedCsv(String header, int rows, java.util.function.IntFunction<String> line) {
            this.chunk = header.getBytes(StandardCharsets.UTF_8);
            this.rows = rows;
            this.line = line;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == chunk.length) {
                if (row == rows) {
                    return -1;
                }
                StringBuilder some = new StringBuilder();
                for (int i = 0; i < 100 && row < rows; i++) {
                    row++;
                    some.append(line.apply(row));
                }
                chunk = some.toString().getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int n = Math.min(length, chunk.length - position);
            System.arraycopy(chunk, position, buffer, offset, n);
            position += n;
            return n;
        }

    }

}
