package io.customersegments.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;
import io.customersegments.TestKeys;

/** The chart resources of a finished mall run and of its dataset. */
@ServiceTest
class ChartTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    Api api;

    long dataset;

    long run;

    @BeforeEach
    void runMallCustomers() {
        api = new Api(port);
        dataset = api.uploadMallCustomers();
        run = api.post("/api/segmentations", "application/json", ("{\"datasetId\":" + dataset
                + ",\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"]}").getBytes())
            .json()
            .get("id")
            .asLong();
        assertThat(api.awaitRun(run).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void drawsTheElbowWithTheElbowAndChosenKMarked() throws Exception {
        HttpResponse<byte[]> svg = get("/api/segmentations/" + run + "/charts/elbow", null);

        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        String text = wellFormedSvg(svg.body());
        assertThat(text).contains("elbow k = 5").contains("chosen k = 5").contains("Mean silhouette");
    }

    @Test
    void rendersEachChartOnceHoweverManyAskForItAtOnce() {
        double before = meters.get("segmentation.charts.rendered").counter().count();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<CompletableFuture<HttpResponse<byte[]>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String chart = i % 2 == 0 ? "silhouette" : "profile";
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return get("/api/segmentations/" + run + "/charts/" + chart, null);
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }, clients));
        }

        List<HttpResponse<byte[]>> responses = answers.stream().map(CompletableFuture::join).toList();
        clients.shutdown();

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).isEqualTo(200));
        assertThat(meters.get("segmentation.charts.rendered").counter().count() - before).isEqualTo(2);
        assertThat(responses.get(2).body()).isEqualTo(responses.get(0).body());
    }

    @Test
    void drawsTheScatterWithASegmentNameLegendInSvgAndPng() throws Exception {
        HttpResponse<byte[]> svg = get("/api/segmentations/" + run + "/charts/scatter", null);
        HttpResponse<byte[]> png = get("/api/segmentations/" + run + "/charts/scatter?x=spending_score_1_100&y=annual_income_k",
                "image/png");

        String text = wellFormedSvg(svg.body());
        assertThat(text).contains("High Income · Low Spending", "Low Income · High Spending",
                "Moderate Income · Moderate Spending", "Segment centres", "All 200 customers");
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body())).getWidth()).isEqualTo(ChartFormat.WIDTH);
    }

    @Test
    void givesEveryScatterPointAndCentreATooltip() throws Exception {
        String svg = wellFormedSvg(get("/api/segmentations/" + run + "/charts/scatter", null).body());

        assertThat(svg).contains("<title>Customer 0001\nAnnual Income (k$): 15\nSpending Score (1-100): 39\nSegment: ")
            .contains("<title>Centre of High Income · Low Spending (35 customers)\nAnnual Income (k$): 88.2");
        assertThat(svg.split("<title>Customer ", -1)).hasSize(201);
        assertThat(svg.split("<title>Centre of ", -1)).hasSize(6);
    }

    @Test
    void drawsTheSilhouetteDiagramPerSegmentWithItsMean() throws Exception {
        HttpResponse<byte[]> svg = get("/api/segmentations/" + run + "/charts/silhouette", null);
        HttpResponse<byte[]> png = get("/api/segmentations/" + run + "/charts/silhouette?format=png", null);

        JsonNode chosen = api.get("/api/segmentations/" + run).json().get("selection").get("perK").get(3);
        String reportedMean = String.format(java.util.Locale.ROOT, "mean %.3f", chosen.get("silhouette").asDouble());

        assertThat(chosen.get("k").asInt()).isEqualTo(5);
        assertThat(reportedMean).startsWith("mean 0.55");
        assertThat(svg.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
        assertThat(wellFormedSvg(svg.body())).contains("Exact: every one of 200 customers", reportedMean,
                "High Income · Low Spending (mean ", "Low Income · High Spending (mean ");
        assertThat(ImageIO.read(new ByteArrayInputStream(png.body())).getHeight()).isEqualTo(ChartFormat.HEIGHT);
    }

    @Test
    void drawsEachSegmentsLevelsAsTheNameSaysThem() throws Exception {
        String svg = wellFormedSvg(get("/api/segmentations/" + run + "/charts/profile", null).body());

        assertThat(svg).contains("Segment profiles", "MODERATE", "High Income · Low Spending",
                "<title>High Income · Low Spending: Annual Income (k$) mean 88.2 (HIGH, percentile ",
                "<title>High Income · Low Spending: Spending Score (1-100) mean 17.11 (LOW, percentile ");
    }

    @Test
    void drawsAHistogramOfADatasetColumn() throws Exception {
        HttpResponse<byte[]> svg = get("/api/datasets/" + dataset + "/charts/histogram?column=Age", null);
        HttpResponse<byte[]> png = get("/api/datasets/" + dataset + "/charts/histogram?column=age&format=png", null);

        assertThat(wellFormedSvg(svg.body())).contains("Distribution of Age", "200 values, 0 missing");
        assertThat(png.body()).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void answersProblemsNotBrokenImages() {
        JsonNode unknownFeature = api.get("/api/segmentations/" + run + "/charts/scatter?x=Age").json();
        Api.Answer unknownRun = api.get("/api/segmentations/987654321/charts/elbow");
        Api.Answer categorical = api.get("/api/datasets/" + dataset + "/charts/histogram?column=Genre");
        Api.Answer unknownDataset = api.get("/api/datasets/987654321/charts/histogram?column=Age");
        Api.Answer badFormat = api.get("/api/segmentations/" + run + "/charts/elbow?format=gif");
        String params = api.get("/api/segmentations/" + run).json().get("params").toString();
        long failed = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, error) "
                + "VALUES (?, 'FAILED', ?::jsonb, 'test') RETURNING id", Long.class, dataset, params);
        JsonNode unfinished = api.get("/api/segmentations/" + failed + "/charts/silhouette").json();
        Api.Answer unknownRunSilhouette = api.get("/api/segmentations/987654321/charts/silhouette");
        Api.Answer unknownRunProfile = api.get("/api/segmentations/987654321/charts/profile?format=png");

        assertThat(unknownFeature.get("status").asInt()).isEqualTo(400);
        assertThat(unknownFeature.get("detail").asString()).contains("x \"Age\" is not a feature of run");
        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(unknownRun.contentType()).isEqualTo("application/problem+json");
        assertThat(categorical.status()).isEqualTo(400);
        assertThat(unknownDataset.status()).isEqualTo(404);
        assertThat(badFormat.status()).isEqualTo(400);
        assertThat(unknownRunSilhouette.status()).isEqualTo(404);
        assertThat(unknownRunSilhouette.contentType()).isEqualTo("application/problem+json");
        assertThat(unknownRunProfile.status()).isEqualTo(404);
        assertThat(unfinished.get("status").asInt()).isEqualTo(409);
        assertThat(unfinished.get("detail").asString()).contains("FAILED");
    }

    private HttpResponse<byte[]> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = TestKeys.request(URI.create("http://localhost:" + port + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String wellFormedSvg(byte[] body) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        // The SVG names the W3C DTD; well-formedness needs no download of it.
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("svg");
        return new String(body, StandardCharsets.UTF_8);
    }

}
