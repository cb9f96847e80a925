package io.customersegments.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.customersegments.Poll;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;
import io.customersegments.client.api.ChartsApi;
import io.customersegments.client.api.DatasetsApi;
import io.customersegments.client.api.SegmentationsApi;
import io.customersegments.client.api.SegmentsApi;
import io.customersegments.client.model.CustomerSegment;
import io.customersegments.client.model.DatasetView;
import io.customersegments.client.model.LiveSegments;
import io.customersegments.client.model.Prediction;
import io.customersegments.client.model.SegmentView;
import io.customersegments.client.model.SegmentationRequest;
import io.customersegments.client.model.SegmentationView;

/**
 * The API contract as a client generator sees it: the build generates a Java client (openapi-generator, native
 * library) from the document the service published in OpenApiContractTests, and this test drives the whole
 * workflow through that client alone: both uploads, a run, publishing, the live segments, a lookup, a prediction,
 * the audience CSV and a chart.
 */
@ServiceTest
class ClientWorkflowIT {

    private static final File MALL = new File("src/test/resources/data/mall_customers.csv");

    @LocalServerPort
    int port;

    /** A client call inside a poll, whose probe cannot throw the client's checked exception. */
    private interface Call<T> {

        T call() throws ApiException;

    }

    private static <T> T fetch(Call<T> call) {
        try {
            return call.call();
        }
        catch (ApiException ex) {
            throw new AssertionError("The generated client's call failed: " + ex.getMessage(), ex);
        }
    }

    @Test
    void theWholeWorkflowThroughTheGeneratedClient() throws Exception {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        // The native library has no bearer-token setting; its request interceptor sends the key.
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + TestKeys.ADMIN));
        DatasetsApi datasets = new DatasetsApi(client);
        SegmentationsApi runs = new SegmentationsApi(client);
        SegmentsApi segments = new SegmentsApi(client);

        DatasetView multipart = datasets.uploadDataset(MALL, "Mall customers", null, null, null, null, true, null, null,
                null, null, null, null, null, null, null, null, null);
        DatasetView raw = datasets.uploadDatasetCsv(Files.readString(MALL.toPath()), "Mall customers (raw body)", null,
                null, null, null, "mall_customers.csv", true, null, null, null, null, null, null, null, null, null, null,
                null);
        assertThat(multipart.getRowCount()).isEqualTo(200);
        assertThat(raw.getRowCount()).isEqualTo(200);
        long datasetId = raw.getId();

        SegmentationView started = runs.startSegmentation(new SegmentationRequest().datasetId(datasetId)
            .features(List.of("Annual Income (k$)", "Spending Score (1-100)")));
        SegmentationView run = Poll.until(Duration.ofMinutes(2), "run " + started.getId() + " to finish", () -> {
            SegmentationView now = fetch(() -> runs.getSegmentation(started.getId()));
            return now.getStatus() == SegmentationView.StatusEnum.QUEUED
                    || now.getStatus() == SegmentationView.StatusEnum.RUNNING ? null : now;
        });
        assertThat(run.getStatus()).isEqualTo(SegmentationView.StatusEnum.SUCCEEDED);
        assertThat(run.getK()).isEqualTo(5);
        assertThat(run.getSelection().getChosenK()).isEqualTo(5);
        assertThat(run.getPublishedAt()).isNull();

        SegmentationView published = runs.publishSegmentation(run.getId());
        assertThat(published.getPublishedAt()).isNotNull();

        LiveSegments live = segments.listLiveSegments(datasetId);
        assertThat(live.getSegments()).extracting(SegmentView::getName)
            .contains("High Income · Low Spending", "Low Income · High Spending");
        SegmentView thrifty = live.getSegments()
            .stream()
            .filter(segment -> segment.getName().equals("High Income · Low Spending"))
            .findFirst()
            .orElseThrow();

        // Customer 0141 earns 75 k$ and scores 5.
        CustomerSegment customer = segments.getCustomerSegment("0141", datasetId);
        assertThat(customer.getSegmentKey()).isEqualTo(thrifty.getKey());
        assertThat(customer.getMargin()).isPositive();

        List<Prediction> predicted = segments.predictSegments(run.getId(),
                List.of(Map.of("externalId", "new", "Annual Income (k$)", 120, "Spending Score (1-100)", 10)));
        assertThat(predicted).singleElement().satisfies(prediction -> {
            assertThat(prediction.getSegmentKey()).isEqualTo(thrifty.getKey());
            assertThat(prediction.getMargin()).isPositive();
        });

        // A download is a file to a generated client, as a chart is.
        String audience = Files.readString(segments.downloadAudience(thrifty.getKey(), datasetId).toPath());
        assertThat(audience.lines().findFirst().orElseThrow()).startsWith("externalId,segmentKey,segmentName,distance,margin");
        assertThat(audience.lines().count()).isEqualTo(thrifty.getSize() + 1);

        File chart = new ChartsApi(client).getScatterChart(run.getId(), null, null, "svg", null);
        assertThat(Files.readString(Path.of(chart.getPath()))).contains("<svg").contains("High Income · Low Spending");
    }

}
