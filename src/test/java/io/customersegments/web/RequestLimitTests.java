package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.JsonArrayOfCustomers;
import io.customersegments.ServiceTest;

/** What one request may bring: bounded bodies, bounded predict batches, and 400s (not 500s) for odd ones. */
@ServiceTest
class RequestLimitTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aStreamedJsonBodyBeyondTheLimitIsRefusedWith413BeforeItIsParsed() throws Exception {
        // 6 MB of customers, sent chunked (no Content-Length), past the 4 MB default.
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/segmentations/1/predict"))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(1))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new JsonArrayOfCustomers(6 * 1024 * 1024)))
            .build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = Api.JSON.readTree(answer.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/request-too-large");
        assertThat(problem.get("maxBytes").asLong()).isEqualTo(4L * 1024 * 1024);
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void predictBoundsItsBatchAndRefusesNullsAndValuesItCannotScore() {
        long mall = api.uploadMallCustomers();
        long run = api.post("/api/segmentations", "application/json", ("{\"datasetId\":" + mall
                + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"],\"k\":5}").getBytes())
            .json()
            .get("id")
            .asLong();
        assertThat(api.awaitRun(run).get("status").asString()).isEqualTo("SUCCEEDED");
        String predict = "/api/segmentations/" + run + "/predict";

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"annual_income_k\":50,\"spending_score_1_100\":50}");
        }
        Api.Answer tooMany = api.post(predict, "application/json", many.append(']').toString().getBytes());
        Api.Answer nullCustomer = api.post(predict, "application/json", "[null]".getBytes());
        Api.Answer huge = api.post(predict, "application/json",
                "[{\"annual_income_k\":1e308,\"spending_score_1_100\":50}]".getBytes());
        Api.Answer scored = api.post(predict, "application/json",
                "[{\"annual_income_k\":90,\"spending_score_1_100\":15}]".getBytes());

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("type").asString()).isEqualTo("/problems/too-many-customers");
        assertThat(tooMany.json().get("maxCustomers").asInt()).isEqualTo(10_000);
        assertThat(nullCustomer.status()).isEqualTo(400);
        assertThat(nullCustomer.json().get("detail").asString()).contains("customer 0 is null");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("too far outside the run's data").doesNotContain("Infinity");
        assertThat(scored.status()).isEqualTo(200);
        assertThat(scored.json().get(0).get("margin").asDouble()).isPositive();
    }

}
