package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Two runs on different datasets at the same time, on a pool of two. */
@ServiceTest
@TestPropertySource(properties = "segmentation.runs.concurrency=2")
class ConcurrentRunTests {

    @LocalServerPort
    int port;

    @Test
    void runsOnDifferentDatasetsSideBySide() {
        Api api = new Api(port);
        long mall = api.uploadMallCustomers();
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < 300; i++) {
            csv.append('r').append(i).append(',').append(i % 3 * 10 + i % 7).append(',').append(i % 5).append('\n');
        }
        long other = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();

        long one = start(api, "{\"datasetId\":" + mall
                + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"],\"k\":5}");
        long two = start(api, "{\"datasetId\":" + other + ",\"features\":[\"a\",\"b\"],\"kMax\":4}");

        JsonNode first = api.awaitRun(one);
        JsonNode second = api.awaitRun(two);
        assertThat(first.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(second.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(first.get("segments")).hasSize(5);
        assertThat(second.get("datasetId").asLong()).isEqualTo(other);
        assertThat(second.get("k").asInt()).isBetween(2, 4);
    }

    private static long start(Api api, String json) {
        Api.Answer answer = api.post("/api/segmentations", "application/json", json.getBytes());
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asLong();
    }

}
