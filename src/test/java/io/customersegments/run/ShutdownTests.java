package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** A shutdown stops the runs in flight and queues them again (this test closes its own context). */
@ServiceTest
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class ShutdownTests {

    @LocalServerPort
    int port;

    @Autowired
    RunQueue queue;

    @Test
    void queuesTheRunsInFlightAgainOnShutdown(CapturedOutput output) throws InterruptedException {
        Api api = new Api(port);
        StringBuilder csv = new StringBuilder("id,a,b,c\n");
        for (int i = 0; i < 30_000; i++) {
            csv.append(i).append(',').append(i % 97).append(',').append(i * 7 % 89).append(',').append(i * 13 % 83).append('\n');
        }
        long dataset = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        long run = api.post("/api/segmentations", "application/json",
                ("{\"datasetId\":" + dataset + ",\"features\":[\"a\",\"b\",\"c\"],\"kMax\":30,\"restarts\":100}").getBytes())
            .json()
            .get("id")
            .asLong();
        api.awaitStatus(run, "RUNNING");

        queue.destroy();

        JsonNode stopped = api.get("/api/segmentations/" + run).json();
        assertThat(stopped.get("status").asString()).isEqualTo("QUEUED");
        assertThat(stopped.get("progress").asDouble()).isZero();
        // The log says why it stopped: not that it was cancelled.
        assertThat(output.getOut()).contains("Run " + run + " stopped on this instance: the service is stopping")
            .doesNotContain("Run " + run + " was cancelled");
        // Leave nothing queued for the next test context to pick up.
        assertThat(api.delete("/api/segmentations/" + run).status()).isEqualTo(204);
    }

}
