package io.customersegments.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

@ServiceTest
class RfmRunTests {

    static final Set<String> GRID = Set.of("champions", "loyal-customers", "potential-loyalists", "new-customers",
            "promising", "need-attention", "about-to-sleep", "at-risk", "cant-lose", "hibernating");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    JsonNode uploadCdnow() {
        return api.uploadCdnowTransactions();
    }

    @Test
    void segmentsTheCustomersOfOrderLinesIntoTheNamedCellsOfTheGrid() {
        JsonNode source = uploadCdnow();

        // The transactions dataset itself: the run segments the customers derived from it.
        long runId = api.succeededRun("{\"datasetId\": " + source.get("id").asLong() + ", \"method\": \"RFM\"}");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        assertThat(run.get("datasetId").asLong()).isEqualTo(source.get("derivedDatasetId").asLong());
        assertThat(run.get("params").get("method").asString()).isEqualTo("RFM");
        assertThat(run.get("params").get("features").toString()).isEqualTo("[\"recency_days\",\"frequency\",\"monetary\"]");
        // Quintiles use no clustering option: the API shows them as null, not as values that never applied.
        for (String option : List.of("kMin", "kMax", "selection", "scaling", "restarts", "rareCategoryShare",
                "screeningSample")) {
            assertThat(run.get("params").has(option)).as(option).isTrue();
            assertThat(run.get("params").get(option).isNull()).as(option).isTrue();
        }
        assertThat(run.get("params").get("missing").asString()).isEqualTo("DROP");
        assertThat(run.get("params").get("engine").asString()).isEqualTo("LOCAL");
        // The stored parameters keep what the engine's code paths read.
        assertThat(jdbc.queryForObject("SELECT params ->> 'kMin' FROM segmentation WHERE id = ?", String.class, runId))
            .isEqualTo("10");
        Set<String> keys = new HashSet<>();
        long customers = 0;
        for (JsonNode segment : run.get("segments")) {
            keys.add(segment.get("key").asString());
            customers += segment.get("size").asLong();
            assertThat(segment.get("recommendations")).isNotEmpty();
            assertThat(segment.get("profile").has("monetary")).isTrue();
        }
        assertThat(customers).isEqualTo(2357);
        assertThat(GRID).containsAll(keys);
        assertThat(keys).contains("champions", "hibernating", "at-risk");
        JsonNode champions = segment(run, "champions");
        assertThat(champions.get("name").asString()).isEqualTo("Champions");

        Api.Answer grid = api.get("/api/segmentations/" + runId + "/charts/rfm-grid?format=svg");
        assertThat(grid.status()).isEqualTo(200);
        assertThat(grid.body()).contains("Champions").contains("Hibernating");
        assertThat(api.get("/api/segmentations/" + runId + "/charts/scatter?x=recency_days&y=frequency").status())
            .isEqualTo(200);
        assertThat(api.get("/api/segmentations/" + runId + "/charts/elbow").status()).isEqualTo(400);

        String csv = api.get("/api/segmentations/" + runId + "/assignments.csv", "text/csv").body();
        String[] lines = csv.split("\r?\n");
        assertThat(lines[0]).isEqualTo("externalId,rowNo,segmentKey,segmentName,distance,margin,r,f,m,"
                + "recency_days,frequency,monetary");
        assertThat(lines).hasSize(2358);
        for (int i = 1; i < lines.length; i++) {
            String[] cells = lines[i].split(",");
            int r = Integer.parseInt(cells[6]);
            int f = Integer.parseInt(cells[7]);
            assertThat(cells[2]).as(lines[i]).isEqualTo(RfmSegment.of(r, f).key());
        }

        assertThat(api.post("/api/segmentations/" + runId + "/publish", "application/json", new byte[0]).status())
            .isEqualTo(200);
        JsonNode lookup = api.get("/api/customers/0001/segment?dataset=" + run.get("datasetId").asLong()).json();
        JsonNode scores = lookup.get("rfm");
        assertThat(lookup.get("segmentKey").asString())
            .isEqualTo(RfmSegment.of(scores.get("r").asInt(), scores.get("f").asInt()).key());
        JsonNode audience = api.get("/api/segments/" + lookup.get("segmentKey").asString() + "/customers?size=5").json();
        assertThat(audience.get("content").get(0).get("rfm").get("m").asInt()).isBetween(1, 5);

        Api.Answer predicted = api.postJson("/api/segmentations/" + runId + "/predict", """
                [{"externalId": "new", "recency_days": 3, "frequency": 12, "monetary": 2000},
                 {"externalId": "old", "recency_days": 500, "frequency": 1, "monetary": 5},
                 {"externalId": "first", "recency_days": 10, "frequency": 1, "monetary": 100}]
                """);
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        assertThat(predicted.json().get(0).get("segmentKey").asString()).isEqualTo("champions");
        assertThat(predicted.json().get(0).get("rfm").get("m").asInt()).isEqualTo(5);
        assertThat(predicted.json().get(1).get("segmentKey").asString()).isEqualTo("hibernating");
        // One purchase is the lowest frequency edge: the run's many one-time buyers sit on both sides of it.
        assertThat(predicted.json().get(1).get("rfmTie").asBoolean()).isTrue();
        assertThat(predicted.json().get(0).get("rfmTie").asBoolean()).isFalse();
        // Each answer names its scores' grid cell; it is the segment unless the run has no segment of that cell.
        assertThat(predicted.json()).allSatisfy(answer -> {
            String cell = RfmSegment.of(answer.get("rfm").get("r").asInt(), answer.get("rfm").get("f").asInt()).key();
            assertThat(answer.get("rfmCell").asString()).isEqualTo(cell);
            assertThat(answer.get("segmentKey").asString().equals(cell) || !keys.contains(cell)).as(answer.toString())
                .isTrue();
        });
    }

    @Test
    void theSameFixedKeysOnTwoDatasetsAreToldApartByTheDataset() {
        long first = api.uploadCdnowTransactions().get("derivedDatasetId").asLong();
        long second = api.uploadCdnowTransactions().get("derivedDatasetId").asLong();
        for (long dataset : List.of(first, second)) {
            long runId = api.succeededRun("{\"datasetId\": " + dataset + ", \"method\": \"RFM\"}");
            assertThat(api.post("/api/segmentations/" + runId + "/publish", "application/json", new byte[0]).status())
                .isEqualTo(200);
        }

        JsonNode ofFirst = api.get("/api/segments/champions?dataset=" + first).json();
        JsonNode latest = api.get("/api/segments/champions").json();
        assertThat(ofFirst.get("key").asString()).isEqualTo("champions");
        String firstCsv = api.get("/api/segments/champions/customers?dataset=" + first, "text/csv").body();
        assertThat(firstCsv.lines().count()).isEqualTo(ofFirst.get("size").asLong() + 1);
        assertThat(api.get("/api/segments/champions/customers?size=1&dataset=" + second).status()).isEqualTo(200);
        assertThat(latest.get("size").asLong()).isEqualTo(ofFirst.get("size").asLong());
        assertThat(api.get("/api/segments/champions?dataset=999999").status()).isEqualTo(404);
    }

    @Test
    void refusesWhatRfmCannotDo() {
        JsonNode source = uploadCdnow();
        long derived = source.get("derivedDatasetId").asLong();

        Api.Answer withK = api.postJson("/api/segmentations",
                "{\"datasetId\": " + derived + ", \"method\": \"RFM\", \"k\": 4}");
        assertThat(withK.status()).isEqualTo(400);
        Api.Answer withClusteringOptions = api.postJson("/api/segmentations", "{\"datasetId\": " + derived
                + ", \"method\": \"RFM\", \"logTransform\": [\"monetary\"], \"restarts\": 3}");
        assertThat(withClusteringOptions.status()).isEqualTo(400);
        assertThat(withClusteringOptions.json().get("errors")).extracting(error -> error.get("field").asString())
            .containsExactly("logTransform", "restarts");
        Api.Answer twoFeatures = api.postJson("/api/segmentations",
                "{\"datasetId\": " + derived + ", \"method\": \"RFM\", \"features\": [\"frequency\", \"monetary\"]}");
        assertThat(twoFeatures.status()).isEqualTo(400);
        assertThat(twoFeatures.body()).contains("three features");
        Api.Answer kmeansOnLines = api.postJson("/api/segmentations",
                "{\"datasetId\": " + source.get("id").asLong() + ", \"features\": [\"monetary\"]}");
        assertThat(kmeansOnLines.status()).isEqualTo(400);
        assertThat(kmeansOnLines.json().get("derivedDatasetId").asLong()).isEqualTo(derived);
        long mall = api.uploadMallCustomers();
        Api.Answer noRecency = api.postJson("/api/segmentations", "{\"datasetId\": " + mall + ", \"method\": \"RFM\"}");
        assertThat(noRecency.status()).isEqualTo(400);
        assertThat(noRecency.body()).contains("recency_days").contains("kind=TRANSACTIONS");
        // Read by position: the derived columns out of their places would be scored as one another.
        Api.Answer reordered = api.postJson("/api/segmentations", "{\"datasetId\": " + derived + ", \"method\": "
                + "\"RFM\", \"features\": [\"monetary\", \"frequency\", \"recency_days\"]}");
        assertThat(reordered.status()).isEqualTo(400);
        assertThat(reordered.json().get("detail").asString())
            .contains("\"monetary\" would be scored as recency").contains("\"recency_days\" would be scored as monetary value");
        Api.Answer respelt = api.postJson("/api/segmentations", "{\"datasetId\": " + derived + ", \"method\": "
                + "\"RFM\", \"features\": [\"Frequency\", \"Recency Days\", \"Monetary\"]}");
        assertThat(respelt.status()).isEqualTo(400);
        assertThat(respelt.json().get("detail").asString()).contains("\"Frequency\" would be scored as recency");
    }

    @Test
    void kmeansOnTheDerivedBehaviourWorksWithLogTransforms() {
        long derived = uploadCdnow().get("derivedDatasetId").asLong();

        long runId = api.succeededRun("{\"datasetId\": " + derived + ", \"features\": [\"recency_days\", \"frequency\", "
                + "\"monetary\"], \"logTransform\": [\"frequency\", \"monetary\"], \"kMax\": 6}");

        JsonNode run = api.get("/api/segmentations/" + runId).json();
        List<String> names = new ArrayList<>();
        run.get("segments").forEach(segment -> names.add(segment.get("name").asString()));
        assertThat(names).hasSizeBetween(2, 6).doesNotHaveDuplicates();
    }

    private static JsonNode segment(JsonNode run, String key) {
        for (JsonNode segment : run.get("segments")) {
            if (segment.get("key").asString().equals(key)) {
                return segment;
            }
        }
        throw new AssertionError("no segment " + key);
    }

}
