package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.dataset.Datasets;

/**
 * With the dataset module spied on: a run that dies of an Error (here: running out of memory while loading)
 * ends FAILED and frees its slot; a finished run's charts never reload its dataset.
 */
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

    @Test
    void chartsAreDrawnFromTheSampleStoredWithTheRunNotFromTheDataset() {
        Api api = new Api(port);
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < 25_000; i++) {
            csv.append(i).append(',').append(i % 3 * 40 + i % 7).append(',').append(i % 5 * 3 + i % 3 * 30).append('\n');
        }
        long dataset = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        long run = api.succeededRun("{\"datasetId\":" + dataset + ",\"features\":[\"a\",\"b\"],\"k\":3,\"restarts\":1}");
        clearInvocations(datasets);

        Api.Answer silhouette = api.get("/api/segmentations/" + run + "/charts/silhouette");
        Api.Answer scatter = api.get("/api/segmentations/" + run + "/charts/scatter");
        Api.Answer profile = api.get("/api/segmentations/" + run + "/charts/profile");

        assertThat(silhouette.status()).isEqualTo(200);
        assertThat(silhouette.body()).contains("Sampled: 20,000 of 25,000 customers");
        assertThat(scatter.body()).contains("A sample of 5,000 of 25,000 customers");
        // The subtitle wraps: its words fall into two text elements.
        assertThat(profile.body()).contains("percentiles among a stratified sample of ").contains("20,000 of 25,000 customers");
        verify(datasets, never()).loadFeatures(anyLong(), anyList());
        api.delete("/api/datasets/" + dataset);
    }

}
