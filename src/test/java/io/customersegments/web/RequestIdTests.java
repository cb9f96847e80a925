package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/** Every answer carries a request id, and every problem names it, so a report can be found in the log. */
@ServiceTest
class RequestIdTests {

    @LocalServerPort
    int port;

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aCallersIdIsKeptAndNamedInTheProblem() throws Exception {
        HttpResponse<String> answer = send(TestKeys.request(URI.create("http://localhost:" + port
                + "/api/datasets/987654321")).header("X-Request-Id", "abc-123.x"));

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("abc-123.x");
        JsonNode problem = Api.JSON.readTree(answer.body());
        assertThat(problem.get("requestId").asString()).isEqualTo("abc-123.x");
    }

    @Test
    void anUnsafeOrMissingIdIsReplacedByANewOne() throws Exception {
        HttpResponse<String> unsafe = send(TestKeys.request(URI.create("http://localhost:" + port + "/api/segments"))
            .header("X-Request-Id", "x".repeat(65)));
        HttpResponse<String> none = send(TestKeys.request(URI.create("http://localhost:" + port + "/api/datasets")));

        assertThat(unsafe.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
        assertThat(none.headers().firstValue("X-Request-Id").orElseThrow()).matches("[0-9a-f-]{36}");
    }

    @Test
    void newIdsAreRandomVersionFourUuids() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String id = RequestIdFilter.newId();
            UUID parsed = UUID.fromString(id);
            assertThat(parsed.version()).isEqualTo(4);
            assertThat(parsed.variant()).isEqualTo(2);
            assertThat(parsed.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(1000);
    }

    @Test
    void aProblemAnsweredByAFilterNamesItToo() throws Exception {
        // A multipart body anywhere but an upload is refused by a filter, before the controllers.
        HttpResponse<String> answer = send(TestKeys.request(URI.create("http://localhost:" + port
                + "/api/segmentations")).header("Content-Type", "multipart/form-data; boundary=x")
            .header("X-Request-Id", "filter-1").POST(HttpRequest.BodyPublishers.ofString("--x--")));

        assertThat(answer.statusCode()).isEqualTo(415);
        assertThat(Api.JSON.readTree(answer.body()).get("requestId").asString()).isEqualTo("filter-1");
    }

}
