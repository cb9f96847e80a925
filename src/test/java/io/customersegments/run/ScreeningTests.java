package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/** Screening restarts on a sample is the request's to choose, and the report says when it applied. */
@ServiceTest
class ScreeningTests {

    @LocalServerPort
    int port;

    @Test
    void theReportSaysWhenRestartsWereScreenedAndARequestCanSwitchItOff() {
        Api api = new Api(port);
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < 3_000; i++) {
            csv.append(i).append(',').append(i % 3 * 10 + i % 7).append(',').append(i % 3 * 10 + i % 5).append('\n');
        }
        long dataset = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        String request = "{\"datasetId\": " + dataset + ", \"features\": [\"a\", \"b\"], \"kMax\": 4, \"restarts\": 3%s}";

        JsonNode screened = run(api, request.formatted(", \"screeningSample\": 1000"));
        assertThat(screened.get("selection").get("screenedOn").asInt()).isEqualTo(1000);
        assertThat(screened.get("params").get("screeningSample").asInt()).isEqualTo(1000);
        JsonNode everyRow = run(api, request.formatted(", \"screeningSample\": 0"));
        assertThat(everyRow.get("selection").get("screenedOn").isNull()).isTrue();
        // 3,000 customers are fewer than twice the default sample: nothing to screen.
        JsonNode byDefault = run(api, request.formatted(""));
        assertThat(byDefault.get("params").get("screeningSample").asInt()).isEqualTo(100_000);
        assertThat(byDefault.get("selection").get("screenedOn").isNull()).isTrue();
        // The same clusters either way: these three groups are found from any start.
        assertThat(screened.get("k").asInt()).isEqualTo(everyRow.get("k").asInt()).isEqualTo(3);

        Answer negative = api.postJson("/api/segmentations", request.formatted(", \"screeningSample\": -1"));
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.body()).contains("screeningSample");
    }

    private static JsonNode run(Api api, String request) {
        return api.get("/api/segmentations/" + api.succeededRun(request)).json();
    }

}
