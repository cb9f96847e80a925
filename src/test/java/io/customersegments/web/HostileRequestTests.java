package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/** Requests that used to get a 500, a misleading answer, or a response a browser could be tricked with. */
@ServiceTest
class HostileRequestTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void hugePageNumbersAreRefusedWith400NotA500() {
        for (String path : new String[] { "/api/datasets?page=1000000000", "/api/segmentations?page=1000000000",
                "/api/datasets/1/customers?page=1000000000", "/api/segments/seg-x/customers?page=1000000000" }) {
            Api.Answer answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.json().get("detail").asString()).as(path).contains("page");
        }
    }

    @Test
    void parameterErrorsNameNoJavaTypes() {
        for (String path : new String[] { "/api/segments?dataset=mall", "/api/datasets/abc", "/api/datasets?size=many",
                "/api/segmentations/1.5" }) {
            Api.Answer answer = api.get(path);
            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.body()).as(path).doesNotContain("java.").doesNotContain("Long").doesNotContain("Integer");
        }
    }

    @Test
    void aCustomerIdTooLongToIndexRejectsItsRowInsteadOfFailingTheUpload() {
        StringBuilder csv = new StringBuilder("id,x\n" + "i".repeat(3_000) + ",1\n");
        for (int i = 0; i < 20; i++) {
            csv.append('c').append(i).append(',').append(i).append('\n');
        }

        Api.Answer stored = api.postCsv("/api/datasets?force=true", csv.toString());

        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        JsonNode error = stored.json().get("quality").get("errors").get(0);
        assertThat(error.get("line").asInt()).isEqualTo(2);
        assertThat(error.get("message").asString()).contains("at most 500");
        api.delete("/api/datasets/" + stored.json().get("id").asLong());
    }

    @Test
    void theErrorPageAskedForDirectlyIsNotFound() {
        Api.Answer answer = api.get("/error");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    /** A request line or header past what Tomcat reads: 414 or 431, saying which limit, not a bare 400. */
    @Test
    void aRequestLineOrHeaderTooLongForTheServerIsTold() throws Exception {
        Api.Answer longLine = api.get("/api/customers/segment?customerId=" + "a".repeat(100_000));
        assertThat(longLine.status()).isEqualTo(414);
        assertThat(longLine.contentType()).isEqualTo("application/problem+json");
        assertThat(longLine.json().get("type").asString()).isEqualTo("/problems/uri-too-long");
        assertThat(longLine.json().get("detail").asString()).contains("server.max-http-request-header-size");

        HttpResponse<String> bigHeader = raw(HttpRequest.newBuilder(uri("/api/datasets"))
            .header("X-Big", "b".repeat(20_000))
            .GET());
        assertThat(bigHeader.statusCode()).isEqualTo(431);
        assertThat(bigHeader.body()).contains("\"type\":\"/problems/headers-too-large\"");
    }

    @Test
    void theFaviconEveryBrowserAsksForIsNotFoundWithoutAKey() throws Exception {
        HttpResponse<String> favicon = raw(HttpRequest.newBuilder(uri("/favicon.ico")).GET());

        assertThat(favicon.statusCode()).isEqualTo(404);
        assertThat(favicon.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void aSecondFilePartIsRefusedNotIgnored() {
        String boundary = "----test" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nid,x\n1,2\n\r\n--" + boundary + "\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"b.csv\"\r\nContent-Type: text/csv\r\n\r\nid,y\n1,3\n\r\n--" + boundary + "--\r\n";
        long before = datasets();

        Api.Answer answer = api.post("/api/datasets?force=true", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("parameter").asString()).isEqualTo("file");
        assertThat(answer.json().get("detail").asString()).contains("2 files were sent");
        assertThat(datasets()).isEqualTo(before);
    }

    @Test
    void multipartBodiesThatBreakTheContainersLimitsSayWhichLimit() {
        Api.Answer longName = api.postMultipart("/api/datasets?force=true", "x".repeat(5_000) + ".csv",
                "id,x\n1,2\n".getBytes(StandardCharsets.UTF_8));
        String[] fields = new String[2 * 60];
        for (int i = 0; i < 60; i++) {
            fields[2 * i] = "field" + i;
            fields[2 * i + 1] = "value";
        }
        Api.Answer manyParts = api.postMultipart("/api/datasets?force=true", "a.csv",
                "id,x\n1,2\n".getBytes(StandardCharsets.UTF_8), fields);

        assertThat(longName.status()).isBetween(400, 413);
        assertThat(longName.json().get("detail").asString()).doesNotContain("1073741824").containsIgnoringCase("header");
        assertThat(manyParts.status()).isBetween(400, 413);
        assertThat(manyParts.json().get("detail").asString()).doesNotContain("1073741824").containsIgnoringCase("parts");
    }

    @Test
    void aTruncatedMultipartBodyIsA400() {
        String boundary = "----test" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nid,x\n1,2\n3,4";

        Api.Answer answer = api.post("/api/datasets?force=true", "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anUploadWhoseClientStopsSendingIsA400AndStoresNothing(CapturedOutput output) throws IOException {
        long before = datasets();

        String answer = cutShort("text/csv", "id,x\n1,2\n2,3\n");

        // Tomcat marks the exchange failed once the body breaks off, so its error page answers (as a problem).
        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
        assertThat(datasets()).isEqualTo(before);
        // A client that goes away is no failure of ours: no error report, no reference to quote.
        assertThat(output.getAll()).contains("A request was cut short by its client").doesNotContain("Unexpected failure");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aMultipartUploadWhoseClientStopsSendingSaysSoAndStoresNothing(CapturedOutput output) throws IOException {
        long before = datasets();

        String answer = cutShort("multipart/form-data; boundary=XYZ", "--XYZ\r\nContent-Disposition: form-data; "
                + "name=\"file\"; filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nid,x\n1,2\n2,3\n");

        assertThat(answer).startsWith("HTTP/1.1 400").contains("application/problem+json");
        JsonNode problem = Api.JSON.readTree(answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1));
        assertThat(problem.get("type").asString()).isEqualTo("/problems/invalid-multipart");
        assertThat(problem.get("detail").asString()).contains("nothing was stored").contains("cut short");
        String requestId = answer.lines().filter(line -> line.startsWith("X-Request-Id: ")).findFirst().orElseThrow()
            .substring("X-Request-Id: ".length());
        assertThat(problem.get("requestId").asString()).isEqualTo(requestId);
        assertThat(datasets()).isEqualTo(before);
        assertThat(output.getAll()).contains("The container refused the request's body").doesNotContain("Unexpected failure");
    }

    @Test
    void pathsTheContainerRefusesAreAnsweredAsProblems() throws IOException {
        for (String path : new String[] { "/api/datasets/a%2Fb", "/api/datasets/a%5Cb", "/api/datasets/a%ZZ",
                "/api/customers/a%00b" }) {
            String answer = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + TestKeys.AUTHORIZATION_LINE
                    + "X-Request-Id: mine-42\r\nConnection: close\r\n\r\n");

            assertThat(answer).as(path).startsWith("HTTP/1.1 400").contains("Content-Type: application/problem+json");
            JsonNode problem = Api.JSON.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertThat(problem.get("status").asInt()).isEqualTo(400);
            assertThat(problem.get("detail").asString()).as(path).contains("customerId=");
            assertThat(problem.get("requestId").asString()).isEqualTo("mine-42");
            assertThat(answer).contains("X-Request-Id: mine-42")
                .contains("X-Content-Type-Options: nosniff").contains("X-Frame-Options: SAMEORIGIN")
                .contains("Content-Security-Policy: ");
        }
    }

    /** Sends an upload that promises 100,000 bytes, then closes its side after {@code body}; answers the raw response. */
    private String cutShort(String contentType, String body) throws IOException {
        return exchange("POST /api/datasets?force=true HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                + "\r\n" + TestKeys.AUTHORIZATION_LINE + "Content-Length: 100000\r\n\r\n" + body);
    }

    /** Writes the request as it is, closes the sending side, and answers the raw response. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.shutdownOutput();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void customersWhoseIdsHoldSlashesCanBeLookedUp() {
        long dataset = api.postCsv("/api/datasets?force=true", "id,x,y\nA/1,1,1\nB\\2,1,2\nC3,9,9\nD4,9,8\n").json()
            .get("id")
            .asLong();
        long run = api.succeededRun("{\"datasetId\":" + dataset + ",\"features\":[\"x\",\"y\"],\"k\":2}");
        api.post("/api/segmentations/" + run + "/publish", "application/json", new byte[0]);

        for (String id : new String[] { "A/1", "B\\2" }) {
            Api.Answer found = api.get("/api/customers/segment?dataset=" + dataset + "&customerId="
                    + URLEncoder.encode(id, StandardCharsets.UTF_8));
            assertThat(found.status()).as(id).isEqualTo(200);
            assertThat(found.json().get("externalId").asString()).isEqualTo(id);
        }
        api.delete("/api/datasets/" + dataset + "?force=true");
    }

    @Test
    void sendsHeadersThatKeepBrowsersFromMisreadingOrFramingResponses() throws Exception {
        for (String path : new String[] { "/", "/api/datasets", "/api/segments", "/app.js" }) {
            HttpResponse<String> response = raw(TestKeys.request(uri(path)).GET());
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).get().asString()
                .contains("script-src 'self'").doesNotContain("unsafe-eval").contains("frame-ancestors 'self'");
        }
        String page = api.get("/").body();
        assertThat(page).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
    }

    @Test
    void refusesStateChangingRequestsFromOtherSites() throws Exception {
        long before = datasets();
        byte[] csv = ("id,x\n" + UUID.randomUUID() + ",1\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> fromOrigin = raw(TestKeys.request(uri("/api/datasets?force=true"))
            .header("Content-Type", "text/plain")
            .header("Origin", "http://evil.example")
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        HttpResponse<String> fromFetchMetadata = raw(TestKeys.request(uri("/api/datasets/1"))
            .header("Sec-Fetch-Site", "cross-site")
            .DELETE());
        HttpResponse<String> sameOrigin = raw(TestKeys.request(uri("/api/datasets?force=true"))
            .header("Content-Type", "text/csv")
            .header("Origin", "http://localhost:" + port)
            .header("Sec-Fetch-Site", "same-origin")
            .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));

        assertThat(fromOrigin.statusCode()).isEqualTo(403);
        JsonNode problem = Api.JSON.readTree(fromOrigin.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/cross-site-request");
        assertThat(fromFetchMetadata.statusCode()).isEqualTo(403);
        assertThat(sameOrigin.statusCode()).isEqualTo(201);
        assertThat(datasets()).isEqualTo(before + 1);
        api.delete("/api/datasets/" + Api.JSON.readTree(sameOrigin.body()).get("id").asLong());
    }

    private long datasets() {
        return jdbc.queryForObject("SELECT count(*) FROM dataset", Long.class);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> raw(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
