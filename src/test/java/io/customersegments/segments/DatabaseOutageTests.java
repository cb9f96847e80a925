package io.customersegments.segments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.customersegments.Api;
import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.TcpProxy;
import io.customersegments.TestDatabase;

/** The database goes away under a running service (through a relay the test cuts) and comes back. */
@ServiceTest
class DatabaseOutageTests {

    private static TcpProxy proxy;

    @LocalServerPort
    int port;

    @Autowired
    LiveSegmentsCache cache;

    @DynamicPropertySource
    static void throughTheRelay(DynamicPropertyRegistry registry) throws IOException {
        // With Testcontainers the service connection wins over the URL; this test needs the local relay.
        assumeFalse(TestDatabase.dockerAvailable(), "the outage test relays to a database on a known host and port");
        URI target = URI.create(TestDatabase.target().url().substring("jdbc:".length()));
        proxy = new TcpProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        registry.add("spring.datasource.url", () -> url);
    }

    @AfterAll
    static void closeRelay() throws IOException {
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void answersFast503sServesTheLiveSegmentsItHasAndRecovers() {
        Api api = new Api(port);
        long mall = api.uploadMallCustomers();
        assertThat(proxy.accepted()).as("the service talks to the database through the relay").isPositive();
        long forgotten = cache.version();
        long run = api.succeededRun("{\"datasetId\":" + mall
                + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"],\"k\":5}");
        // The run may have been executed by another test context on the same schema: its change reaches this one
        // as a notification, which drops the fallback. Once it has, what is loaded after the publish stays.
        Poll.until(Duration.ofSeconds(10), "the run's change to reach the cache", () -> cache.version() > forgotten);
        assertThat(api.post("/api/segmentations/" + run + "/publish", "application/json", new byte[0]).status())
            .isEqualTo(200);
        Api.Answer live = api.get("/api/segments?dataset=" + mall);

        proxy.cut();
        try {
            // As when its entry expires: the cache must load again, and cannot.
            cache.invalidate();
            long started = System.nanoTime();
            Api.Answer stillLive = api.get("/api/segments?dataset=" + mall);
            Api.Answer dataset = api.get("/api/datasets/" + mall);
            Api.Answer readiness = api.get("/actuator/health/readiness");
            Api.Answer liveness = api.get("/actuator/health/liveness");
            long seconds = (System.nanoTime() - started) / 1_000_000_000;

            assertThat(stillLive.status()).isEqualTo(200);
            assertThat(stillLive.etag()).isEqualTo(live.etag());
            assertThat(dataset.status()).isEqualTo(503);
            assertThat(dataset.json().get("type").asString()).isEqualTo("/problems/database-unavailable");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(liveness.status()).isEqualTo(200);
            // Each request waited for a connection at most segmentation's 3 s, not Hikari's default 30 s.
            assertThat(seconds).as("four requests took %d s", seconds).isLessThan(20);
        }
        finally {
            proxy.restore();
        }
        Poll.until(Duration.ofSeconds(60), "the service to reach the database again",
                () -> api.get("/api/datasets/" + mall).status() == 200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void aRunThatLosesTheDatabaseMidwayEndsOnceItIsBackInsteadOfStayingRunning() {
        Api api = new Api(port);
        StringBuilder csv = new StringBuilder("id,a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(',').append(i % 97).append(',').append(i * 7 % 89).append(',').append(i * 13 % 83)
                .append('\n');
        }
        long dataset = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        long run = api.post("/api/segmentations", "application/json",
                ("{\"datasetId\":" + dataset + ",\"features\":[\"a\",\"b\",\"c\"],\"kMax\":30,\"restarts\":40}").getBytes())
            .json()
            .get("id")
            .asLong();
        Poll.until(Duration.ofSeconds(60), "the run to be clustering",
                () -> api.get("/api/segmentations/" + run).json().get("progress").asDouble() > 0.1);

        proxy.cut();
        try {
            // Long enough for progress writes and the pool's connection timeout to fail on the run's thread.
            Poll.until(Duration.ofSeconds(30), "the run to notice the outage",
                    () -> api.get("/api/datasets/" + dataset).status() == 503);
            api.get("/api/datasets/" + dataset);
        }
        finally {
            proxy.restore();
        }

        String status = api.awaitRun(run).get("status").asString();
        assertThat(status).isIn("SUCCEEDED", "FAILED");
        api.delete("/api/segmentations/" + run);
    }

}
