package io.customersegments.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/** API keys and roles over real HTTP: who may do what, and what a refusal looks like. */
@ServiceTest
@TestPropertySource(properties = "segmentation.security.last-use-interval=200ms")
class SecurityTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": 3, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    private Api admin() {
        return new Api(port);
    }

    private String key(String role) {
        return admin().createKey(role.toLowerCase() + " " + System.nanoTime(), role);
    }

    @Test
    void withoutAValidKeyEveryApiAnswers401AsAProblemAndSaysNothingOfWhichKeysExist() {
        Api anonymous = admin().withKey(null);
        Answer none = anonymous.get("/api/datasets");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
        assertThat(none.json().get("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(none.json().get("requestId")).isNotNull();
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        String revoked = key("READER");
        long revokedId = keyId(revoked);
        assertThat(admin().delete("/api/keys/" + revokedId).status()).isEqualTo(204);
        for (Api wrong : new Api[] { anonymous.withKey("cs_no-such-key"), anonymous.withKey(revoked) }) {
            for (String path : new String[] { "/api/segments", "/api/datasets", "/api/keys" }) {
                Answer refused = wrong.get(path);
                assertThat(refused.status()).as(path).isEqualTo(401);
                // The same words for a missing, an unknown and a revoked key.
                assertThat(refused.json().get("detail").asString()).isEqualTo(none.json().get("detail").asString());
            }
        }
        // Not a login page, not a Basic prompt, whatever the client asks for.
        Answer html = anonymous.get("/api/segments", "text/html");
        assertThat(html.status()).isEqualTo(401);
        assertThat(html.body()).doesNotContain("<form");
        assertThat(anonymous.post("/api/datasets", "text/csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)).status())
            .isEqualTo(401);
    }

    @Test
    void theKeyGoesAsBearerOrInXApiKey() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        var viaHeader = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/keys/current")).header("X-API-Key", TestKeys.ADMIN).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(viaHeader.body()).contains("\"role\":\"ADMIN\"");
        var basic = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                + "/api/datasets")).header("Authorization", "Basic YWRtaW46YWRtaW4=").build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void healthIsOpenPrometheusNeedsAKeyAndNoOtherActuatorEndpointIsExposed() {
        Api anonymous = admin().withKey(null);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").status()).isEqualTo(401);
        Answer metrics = admin().withKey(key("READER")).get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("http_server_requests", "segmentation_runs_queued", "segmentation_runs_executing");
        for (String hidden : new String[] { "/actuator/env", "/actuator/metrics", "/actuator/beans", "/actuator/info" }) {
            assertThat(admin().get(hidden).status()).as(hidden).isEqualTo(404);
        }
        // The pages and the API document stay open: the dashboard asks for a key, Swagger UI offers "Authorize".
        assertThat(anonymous.get("/").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void eachRoleMayDoWhatItsNameSaysAndIsRefusedTheRestWith403() {
        long dataset = admin().uploadMallCustomers();
        long run = admin().succeededRun(RUN.formatted(dataset));
        assertThat(admin().postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);

        Api reader = admin().withKey(key("READER"));
        assertThat(reader.get("/api/segments?dataset=" + dataset).status()).isEqualTo(200);
        assertThat(reader.get("/api/customers/0001/segment?dataset=" + dataset).status()).isEqualTo(200);
        assertThat(reader.postJson("/api/segmentations/" + run + "/predict",
                "[{\"Annual Income (k$)\": 50, \"Spending Score (1-100)\": 50}]").status())
            .isEqualTo(200);
        assertThat(reader.get("/api/segmentations/" + run + "/charts/elbow").status()).isEqualTo(200);
        assertThat(reader.get("/api/keys/current").json().get("role").asString()).isEqualTo("READER");
        Answer listing = reader.get("/api/datasets");
        assertThat(listing.status()).isEqualTo(403);
        assertThat(listing.contentType()).startsWith("application/problem+json");
        assertThat(listing.json().get("type").asString()).isEqualTo("/problems/forbidden");
        assertThat(listing.json().get("detail").asString()).contains("READER");
        assertThat(reader.postCsv("/api/datasets?force=true", "id,a\n1,2\n").status()).isEqualTo(403);
        assertThat(reader.postJson("/api/segmentations", RUN.formatted(dataset)).status()).isEqualTo(403);
        assertThat(reader.get("/api/segmentations/" + run).status()).isEqualTo(403);

        Api analyst = admin().withKey(key("ANALYST"));
        assertThat(analyst.get("/api/datasets").status()).isEqualTo(200);
        long own = analyst.uploadMallCustomers();
        long analystRun = analyst.succeededRun(RUN.formatted(own));
        assertThat(analyst.postJson("/api/segmentations/" + analystRun + "/publish", "").status()).isEqualTo(200);
        assertThat(analyst.delete("/api/datasets/" + own).status()).isEqualTo(403);
        assertThat(analyst.get("/api/keys").status()).isEqualTo(403);
        assertThat(analyst.get("/api/audit").status()).isEqualTo(403);
        // An analyst cancels runs, but deleting a finished one is for admins.
        Answer deleting = analyst.delete("/api/segmentations/" + run);
        assertThat(deleting.status()).isEqualTo(403);
        assertThat(deleting.json().get("detail").asString()).contains("ADMIN");

        assertThat(admin().delete("/api/datasets/" + own + "?force=true").status()).isEqualTo(204);
    }

    @Test
    void aReaderSeesTheChartsAndPredictionsOfPublishedRunsOnly() {
        long dataset = admin().uploadMallCustomers();
        long trial = admin().succeededRun(RUN.formatted(dataset));
        Api reader = admin().withKey(key("READER"));
        String customer = "[{\"Annual Income (k$)\": 50, \"Spending Score (1-100)\": 50}]";

        for (Answer refused : new Answer[] { reader.postJson("/api/segmentations/" + trial + "/predict", customer),
            reader.get("/api/segmentations/" + trial + "/charts/scatter"),
            reader.get("/api/segmentations/" + trial + "/charts/silhouette") }) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/forbidden");
            assertThat(refused.json().get("detail").asString()).contains("not published");
            assertThat(refused.body()).doesNotContain("Customer 0");
        }
        // A trial run's state is not told either, and a dataset's columns are an analyst's.
        long queued = admin().postJson("/api/segmentations", RUN.formatted(dataset)).json().get("id").asLong();
        assertThat(reader.postJson("/api/segmentations/" + queued + "/predict", customer).status()).isEqualTo(403);
        assertThat(reader.get("/api/datasets/" + dataset + "/charts/histogram?column=Age").status()).isEqualTo(403);
        admin().awaitRun(queued);
        // An analyst's trial run is the analyst's to look at.
        Api analyst = admin().withKey(key("ANALYST"));
        assertThat(analyst.get("/api/segmentations/" + trial + "/charts/scatter").status()).isEqualTo(200);
        assertThat(analyst.postJson("/api/segmentations/" + trial + "/predict", customer).status()).isEqualTo(200);

        assertThat(admin().postJson("/api/segmentations/" + trial + "/publish", "").status()).isEqualTo(200);
        assertThat(reader.postJson("/api/segmentations/" + trial + "/predict", customer).status()).isEqualTo(200);
        assertThat(reader.get("/api/segmentations/" + trial + "/charts/scatter").status()).isEqualTo(200);
        assertThat(admin().delete("/api/datasets/" + dataset + "?force=true").status()).isEqualTo(204);
    }

    @Test
    void theListsOfKeysAndTheAuditAnswerAPageOutOfRangeAs400NamingIt() {
        for (String path : new String[] { "/api/keys?size=0", "/api/keys?page=-1", "/api/audit?size=100000",
            "/api/audit?page=-5" }) {
            Answer refused = admin().get(path);
            assertThat(refused.status()).as(path + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-parameter");
            assertThat(refused.json().get("errors").get(0).get("parameter").asString())
                .isEqualTo(path.contains("size") ? "size" : "page");
        }
    }

    @Test
    void keysAreMadeOnceListedWithoutSecretsAndRevokedAtOnce() {
        Answer made = admin().postJson("/api/keys", "{\"name\": \"crm-sync\", \"role\": \"READER\"}");
        assertThat(made.status()).isEqualTo(201);
        String secret = made.json().get("secret").asString();
        long id = made.json().get("key").get("id").asLong();
        // 32 random bytes in URL-safe base64 behind the prefix.
        assertThat(secret).startsWith("cs_").hasSize(3 + 43);
        assertThat(made.json().get("key").get("createdBy").asString()).isEqualTo("bootstrap");

        Api crm = admin().withKey(secret);
        assertThat(crm.get("/api/keys/current").status()).isEqualTo(200);
        JsonNode listed = Poll.until(Duration.ofSeconds(10), "the key's last use to be written", () -> {
            Answer list = admin().get("/api/keys?size=1000");
            assertThat(list.body()).doesNotContain(secret).doesNotContain(secret.substring(3));
            for (JsonNode key : list.json().get("content")) {
                if (key.get("id").asLong() == id && !key.get("lastUsedAt").isNull()) {
                    return key;
                }
            }
            return null;
        });
        assertThat(listed.get("name").asString()).isEqualTo("crm-sync");
        assertThat(listed.get("role").asString()).isEqualTo("READER");
        assertThat(listed.get("prefix").asString()).isEqualTo(secret.substring(0, 9));
        assertThat(listed.get("active").asBoolean()).isTrue();

        assertThat(admin().delete("/api/keys/" + id).status()).isEqualTo(204);
        assertThat(crm.get("/api/keys/current").status()).isEqualTo(401);
        assertThat(admin().delete("/api/keys/987654321").status()).isEqualTo(404);

        Answer invalid = admin().postJson("/api/keys", "{\"name\": \" \", \"role\": \"OWNER\"}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        Answer past = admin().postJson("/api/keys", "{\"name\": \"old\", \"role\": \"READER\", \"expiresAt\": \"2020-01-01T00:00:00Z\"}");
        assertThat(past.status()).isEqualTo(400);
        Answer notADate = admin().postJson("/api/keys", "{\"name\": \"x\", \"role\": \"READER\", \"expiresAt\": \"soon\"}");
        assertThat(notADate.status()).isEqualTo(400);
        assertThat(notADate.json().get("detail").asString())
            .isEqualTo("Field \"expiresAt\": \"soon\" is not a date-time (2027-12-31T00:00:00Z).");
        Answer nulName = admin().postJson("/api/keys", "{\"name\": \"x\\u0000y\", \"role\": \"READER\"}");
        assertThat(nulName.status()).as(nulName.body()).isEqualTo(400);
        assertThat(nulName.json().get("detail").asString()).contains("\"name\" holds a NUL character");
    }

    @Test
    void anExpiredKeyIsRefused() {
        Answer made = admin().postJson("/api/keys", "{\"name\": \"brief\", \"role\": \"READER\", \"expiresAt\": \""
                + Instant.now().plusSeconds(2) + "\"}");
        assertThat(made.status()).isEqualTo(201);
        Api brief = admin().withKey(made.json().get("secret").asString());
        assertThat(brief.get("/api/keys/current").status()).isEqualTo(200);
        Poll.until(Duration.ofSeconds(10), "the key to expire", () -> brief.get("/api/keys/current").status() == 401
                ? true : null);
    }

    @Test
    void aKeyOverItsRequestRateIsAnswered429WithRetryAfterAndOthersGoOn() {
        Answer made = admin().postJson("/api/keys", "{\"name\": \"noisy\", \"role\": \"READER\", "
                + "\"requestsPerSecond\": 2}");
        Api noisy = admin().withKey(made.json().get("secret").asString());
        Answer limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Answer answer = noisy.get("/api/keys/current");
            if (answer.status() == 429) {
                limited = answer;
            }
        }
        assertThat(limited).as("a 429 within 20 quick requests at 2 per second").isNotNull();
        assertThat(limited.contentType()).startsWith("application/problem+json");
        assertThat(limited.json().get("type").asString()).isEqualTo("/problems/too-many-requests");
        assertThat(limited.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 5));
        assertThat(admin().get("/api/keys/current").status()).isEqualTo(200);
        // The live segments pass through their own, shorter chain: the same bucket holds there.
        Answer segments = noisy.get("/api/segments");
        assertThat(segments.status()).isEqualTo(429);
        assertThat(segments.json().get("type").asString()).isEqualTo("/problems/too-many-requests");
    }

    @Test
    void theLiveSegmentsShorterChainChecksKeysAndRolesAsTheOtherDoes() {
        long dataset = admin().uploadMallCustomers();
        long run = admin().succeededRun(RUN.formatted(dataset));
        assertThat(admin().postJson("/api/segmentations/" + run + "/publish", "").status()).isEqualTo(200);
        String path = "/api/segments?dataset=" + dataset;

        Answer anonymous = admin().withKey(null).get(path);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.json().get("type").asString()).isEqualTo("/problems/unauthorized");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isPresent();
        for (String role : new String[] { "READER", "ANALYST", "ADMIN" }) {
            Answer answer = admin().withKey(key(role)).get(path);
            assertThat(answer.status()).as(role).isEqualTo(200);
            assertThat(answer.json().get("segmentationId").asLong()).isEqualTo(run);
        }
        // Everything else about the resource (other methods, the paths below it) is the main chain's.
        Api reader = admin().withKey(key("READER"));
        assertThat(reader.delete("/api/segments").status()).isEqualTo(403);
        assertThat(admin().withKey(null).get("/api/segments/" + "anything").status()).isEqualTo(401);
        // The security headers and request id are written on this path too.
        Answer answer = reader.get(path);
        assertThat(answer.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    }

    @Test
    void changesAreAuditedWithTheKeysNameAndRefusalsToo() {
        String name = "auditor " + System.nanoTime();
        Api analyst = admin().withKey(admin().createKey(name, "ANALYST"));
        long dataset = analyst.uploadMallCustomers();
        assertThat(analyst.delete("/api/datasets/" + dataset).status()).isEqualTo(403);
        assertThat(admin().delete("/api/datasets/" + dataset).status()).isEqualTo(204);

        JsonNode entries = admin().get("/api/audit?size=50").json().get("content");
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("keyName").asString()).isEqualTo(name);
            assertThat(entry.get("action").asString()).isEqualTo("uploadDataset");
            assertThat(entry.get("status").asInt()).isEqualTo(201);
            assertThat(entry.get("at").asString()).isNotEmpty();
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("keyName").asString()).isEqualTo(name);
            assertThat(entry.get("action").asString()).isEqualTo("refused");
            assertThat(entry.get("method").asString()).isEqualTo("DELETE");
            assertThat(entry.get("status").asInt()).isEqualTo(403);
        });
        assertThat(entries).anySatisfy(entry -> {
            assertThat(entry.get("keyName").asString()).isEqualTo("bootstrap");
            assertThat(entry.get("action").asString()).isEqualTo("deleteDataset");
            assertThat(entry.get("path").asString()).isEqualTo("/api/datasets/" + dataset);
        });
        assertThat(entries).anySatisfy(entry -> assertThat(entry.get("action").asString()).isEqualTo("createApiKey"));
    }

    private long keyId(String secret) {
        for (JsonNode key : admin().get("/api/keys?size=1000").json().get("content")) {
            if (secret.startsWith(key.get("prefix").asString()) && key.get("revokedAt").isNull()) {
                return key.get("id").asLong();
            }
        }
        throw new AssertionError("no key with the secret's prefix");
    }

}
