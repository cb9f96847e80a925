package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.dataset.Datasets;

/** A run that dies of an Error (here: running out of memory while loading) ends FAILED and frees its slot. */
@ServiceTest
class RunFailureTests {

    @LocalServerPort
    int port;

    @MockitoSpyBean
    Datasets datasets;

    @Test
    void aRunThatRunsOutOfMemoryIsFailedWithTheReasonAndTheNextRunGoesOn() {
        Api api = new Api(port);
        long mall = api.uploadMallCustomers();
        doThrow(new OutOfMemoryError("Java heap space")).doCallRealMethod().when(datasets).loadFeatures(anyLong(), anyList());
        String request = "{\"datasetId\":" + mall + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"],"
                + "\"k\":5}";

        long starved = api.post("/api/segmentations", "application/json", request.getBytes()).json().get("id").asLong();
        long next = api.post("/api/segmentations", "application/json", request.getBytes()).json().get("id").asLong();

        JsonNode failed = api.awaitRun(starved);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).startsWith("The run needed more memory than the service has");
        assertThat(api.awaitRun(next).get("status").asString()).isEqualTo("SUCCEEDED");
        doCallRealMethod().when(datasets).loadFeatures(anyLong(), anyList());
    }

}
