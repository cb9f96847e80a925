package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.clustering.KSweep;
import io.customersegments.clustering.SweepOptions;

/** A run says what it is doing in words, so clients can show it; a finished one says nothing more. */
@ServiceTest
class RunPhaseTests {

    @LocalServerPort
    int port;

    @Test
    void aRunCarriesItsPhaseUntilItFinishes() {
        Api api = new Api(port);
        long mall = api.uploadMallCustomers();

        JsonNode queued = api.postJson("/api/segmentations", "{\"datasetId\": " + mall
                + ", \"features\": [\"Annual Income (k$)\", \"Spending Score (1-100)\"]}").json();
        assertThat(queued.get("phase").asString()).isEqualTo("waiting in the queue");
        assertThat(queued.get("secondsLeft").isNull()).isTrue();

        JsonNode finished = api.awaitRun(queued.get("id").asLong());
        assertThat(finished.get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(finished.get("phase").isNull()).isTrue();
        assertThat(finished.get("secondsLeft").isNull()).isTrue();
    }

    @Test
    void theSweepsPhaseNamesTheKBeingTried() {
        SweepOptions options = SweepOptions.defaults().withRange(2, 4).withRestarts(1);
        assertThat(KSweep.kAt(options, 0).getAsInt()).isEqualTo(2);
        // Units per k: (restarts + 1) × k = 4, 6, 8 of 30 (the 3 stability fits of kMax take 12).
        assertThat(KSweep.kAt(options, 0.25).getAsInt()).isEqualTo(3);
        assertThat(KSweep.kAt(options, 0.5).getAsInt()).isEqualTo(4);
        assertThat(KSweep.kAt(options, 0.99)).isEmpty();
    }

}
