package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.customersegments.Api;
import io.customersegments.JsonArrayOfCustomers;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

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
    void aDeclaredBodyBeyondTheLimitIsRefusedBeforeAnyOfItIsRead() throws Exception {
        // Any path, even one that does not exist: the length alone decides.
        HttpRequest request = TestKeys.request(URI.create("http://localhost:" + port + "/api/segmentations/1/predict"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024]))
            .build();

        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(Api.JSON.readTree(answer.body()).get("maxBytes").asLong()).isEqualTo(4L * 1024 * 1024);
    }

    @Test
    void formAndMultipartBodiesOutsideUploadsAreRefusedUnread() throws Exception {
        HttpResponse<String> form = HttpClient.newHttpClient().send(HttpRequest
            .newBuilder(URI.create("http://localhost:" + port + "/api/segmentations/987654"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .method("DELETE", HttpRequest.BodyPublishers.ofByteArray(new byte[5 * 1024 * 1024]))
            .build(), HttpResponse.BodyHandlers.ofString());
        Api.Answer multipart = api.postMultipart("/api/segmentations", "a.csv", "id,x\n1,2\n".getBytes());

        // Spring's form filter would read a DELETE's form body whole; the bound answers first.
        assertThat(form.statusCode()).isEqualTo(413);
        assertThat(multipart.status()).isEqualTo(415);
        assertThat(multipart.json().get("type").asString()).isEqualTo("/problems/unsupported-media-type");
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void predictBoundsItsBatchAndRefusesNullsAndValuesItCannotScore() throws Exception {
        long mall = api.uploadMallCustomers();
        long run = api.succeededRun("{\"datasetId\":" + mall
                + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"],\"k\":5}");
        String predict = "/api/segmentations/" + run + "/predict";

        StringBuilder many = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            many.append(i == 0 ? "" : ",").append("{\"annual_income_k\":50,\"spending_score_1_100\":50}");
        }
        Api.Answer tooMany = api.post(predict, "application/json", many.append(']').toString().getBytes());
        Api.Answer nullCustomer = api.post(predict, "application/json", "[null]".getBytes());
        Api.Answer huge = api.post(predict, "application/json",
                "[{\"annual_income_k\":1e308,\"spending_score_1_100\":50}]".getBytes());
        Api.Answer farOut = api.post(predict, "application/json",
                "[{\"annual_income_k\":1e150,\"spending_score_1_100\":15}]".getBytes());
        Api.Answer twice = api.post(predict, "application/json",
                "[{\"Annual Income (k$)\":90,\"annual_income_k\":10,\"spending_score_1_100\":15}]".getBytes());
        Api.Answer scored = api.post(predict, "application/json",
                "[{\"annual_income_k\":90,\"spending_score_1_100\":15,\"note\":{\"ignored\":[1,2]}}]".getBytes());
        Api.Answer notAnArray = api.post(predict, "application/json", "{\"annual_income_k\":90}".getBytes());
        Api.Answer twoArrays = api.post(predict, "application/json",
                "[{\"annual_income_k\":90,\"spending_score_1_100\":15}] []".getBytes());
        Api.Answer nestedId = api.post(predict, "application/json",
                "[{\"externalId\":{\"id\":1},\"annual_income_k\":90,\"spending_score_1_100\":15}]".getBytes());
        // Streamed without a length (sizes kept within what Tomcat drains after answering, so the answer arrives):
        // 20,000 customers in 1 MB stop at the cap; one 5 MB field stops at the byte bound.
        HttpResponse<String> manyStreamed = streamed(predict, new JsonArrayOfCustomers(1024 * 1024));
        HttpResponse<String> hugeField = streamed(predict, new ByteArrayInputStream(("[{\"note\":\"" + "x".repeat(5 * 1024 * 1024)
                + "\"}]").getBytes(StandardCharsets.US_ASCII)));

        assertThat(tooMany.status()).isEqualTo(413);
        assertThat(tooMany.json().get("type").asString()).isEqualTo("/problems/too-many-customers");
        assertThat(tooMany.json().get("maxCustomers").asInt()).isEqualTo(10_000);
        assertThat(nullCustomer.status()).isEqualTo(400);
        assertThat(nullCustomer.json().get("type").asString()).isEqualTo("/problems/invalid-customers");
        assertThat(nullCustomer.json().get("detail").asString()).contains("customer 0 is not an object");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body()).contains("too far outside the run's data").doesNotContain("Infinity");
        // Far enough out, every centre is as near as every other: no segment could be told, so none is made up.
        assertThat(farOut.status()).isEqualTo(400);
        assertThat(farOut.body()).contains("too far outside the run's data");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.body()).contains("given twice, by its name and by its key");
        assertThat(notAnArray.status()).isEqualTo(400);
        assertThat(notAnArray.json().get("detail").asString()).contains("must be a JSON array");
        assertThat(twoArrays.status()).isEqualTo(400);
        assertThat(nestedId.status()).isEqualTo(400);
        assertThat(nestedId.json().get("detail").asString()).contains("externalId must be text or a number");
        assertThat(manyStreamed.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(manyStreamed.body()).get("type").asString()).isEqualTo("/problems/too-many-customers");
        assertThat(hugeField.statusCode()).isEqualTo(413);
        assertThat(Api.JSON.readTree(hugeField.body()).get("type").asString()).isEqualTo("/problems/request-too-large");
        assertThat(scored.status()).isEqualTo(200);
        assertThat(scored.json().get(0).get("margin").asDouble()).isPositive();
    }

    private HttpResponse<String> streamed(String path, InputStream body) throws Exception {
        return HttpClient.newHttpClient().send(TestKeys.request(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/json")
            .timeout(Duration.ofMinutes(1))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

}
