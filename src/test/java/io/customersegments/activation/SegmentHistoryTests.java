package io.customersegments.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/** Every publish is kept with its segments' sizes: the history, as JSON and as a chart. */
@ServiceTest
class SegmentHistoryTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": %d, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    @Test
    void eachPublishIsKeptWithItsSegmentsSizesAndDrawn() {
        Api api = new Api(port);
        long dataset = api.uploadMallCustomers();
        assertThat(api.get("/api/segments/history?dataset=" + dataset).json().get("publishes")).isEmpty();
        long three = api.succeededRun(RUN.formatted(dataset, 3));
        long five = api.succeededRun(RUN.formatted(dataset, 5));
        publish(api, three);
        publish(api, five);
        publish(api, three);

        Api reader = api.withKey(api.createKey("history-reader", "READER"));
        JsonNode history = reader.get("/api/segments/history?dataset=" + dataset).json();
        assertThat(history.get("datasetId").asLong()).isEqualTo(dataset);
        JsonNode publishes = history.get("publishes");
        assertThat(publishes).hasSize(3);
        assertThat(publishes.get(0).get("segmentationId").asLong()).isEqualTo(three);
        assertThat(publishes.get(0).get("previousSegmentationId").isNull()).isTrue();
        assertThat(publishes.get(0).get("changes").asInt()).isEqualTo(200);
        assertThat(publishes.get(1).get("segmentationId").asLong()).isEqualTo(five);
        assertThat(publishes.get(1).get("previousSegmentationId").asLong()).isEqualTo(three);
        assertThat(publishes.get(2).get("segmentationId").asLong()).isEqualTo(three);
        long changes = api.get("/api/segments/changes?dataset=" + dataset + "&limit=10000").json().get("events").size();
        assertThat(publishes.get(0).get("changes").asInt() + publishes.get(1).get("changes").asInt()
                + publishes.get(2).get("changes").asInt()).isEqualTo((int) changes);
        for (JsonNode publish : publishes) {
            long sizes = 0;
            double shares = 0;
            for (JsonNode segment : publish.get("segments")) {
                assertThat(segment.get("key").asString()).isNotBlank();
                assertThat(segment.get("name").asString()).isNotBlank();
                sizes += segment.get("size").asLong();
                shares += segment.get("share").asDouble();
            }
            assertThat(sizes).isEqualTo(publish.get("customers").asLong()).isEqualTo(200);
            assertThat(shares).isCloseTo(1.0, offset(1e-9));
        }
        assertThat(publishes.get(1).get("segments")).hasSize(5);
        // The live segments are the last publish's.
        JsonNode live = api.get("/api/segments/history?dataset=" + dataset + "&limit=1").json().get("publishes");
        assertThat(live).hasSize(1);
        assertThat(live.get(0).get("id").asLong()).isEqualTo(publishes.get(2).get("id").asLong());

        Answer svg = reader.get("/api/segments/history/chart?dataset=" + dataset);
        assertThat(svg.status()).isEqualTo(200);
        assertThat(svg.contentType()).startsWith("image/svg+xml");
        assertThat(svg.body()).contains("<svg").contains("3 publishes");
        Answer png = reader.get("/api/segments/history/chart?dataset=" + dataset + "&format=png");
        assertThat(png.contentType()).startsWith("image/png");
        assertThat(png.body()).startsWith("\uFFFDPNG");

        assertThat(api.get("/api/segments/history").status()).isEqualTo(400);
        assertThat(api.get("/api/segments/history?dataset=" + dataset + "&limit=0").status()).isEqualTo(400);
        assertThat(api.get("/api/segments/history?dataset=987654321").status()).isEqualTo(404);
        assertThat(api.get("/api/segments/history/chart?dataset=987654321").status()).isEqualTo(404);
    }

    private static void publish(Api api, long run) {
        Answer published = api.postJson("/api/segmentations/" + run + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

}
