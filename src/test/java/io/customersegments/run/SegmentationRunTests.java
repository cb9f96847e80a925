package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Runs through HTTP on a real PostgreSQL, from upload to named segments. */
@ServiceTest
class SegmentationRunTests {

    private static final String INCOME_AND_SCORE = "\"features\":[\"Annual Income (k$)\",\"Spending Score (1-100)\"]";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RunQueue queue;

    @Autowired
    Runs runs;

    Api api;

    long mall;

    @BeforeEach
    void uploadMallCustomers() {
        api = new Api(port);
        mall = api.uploadMallCustomers();
    }

    @Test
    void findsTheFiveClassicMallSegmentsWithDefaultsAndNamesThem() {
        Api.Answer started = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + "}");

        assertThat(started.status()).isEqualTo(202);
        assertThat(started.location()).endsWith("/api/segmentations/" + started.json().get("id").asLong());
        JsonNode run = awaitFinished(started.json().get("id").asLong());

        assertThat(run.get("status").asString()).as(run.toString()).isEqualTo("SUCCEEDED");
        assertThat(run.get("k").asInt()).isEqualTo(5);
        assertThat(run.get("rowsUsed").asLong()).isEqualTo(200);
        JsonNode selection = run.get("selection");
        assertThat(selection.get("chosenK").asInt()).isEqualTo(5);
        assertThat(selection.get("elbowK").asInt()).isEqualTo(5);
        assertThat(selection.get("perK")).hasSize(9);
        // scikit-learn 1.2.1 gives 0.5547 standardised (../shared/data/README.md).
        assertThat(selection.get("perK").get(3).get("silhouette").asDouble()).isCloseTo(0.554, within(0.01));
        List<Long> sizes = new ArrayList<>();
        run.get("segments").forEach(segment -> sizes.add(segment.get("size").asLong()));
        assertThat(sizes).containsExactly(81L, 39L, 35L, 23L, 22L);
        JsonNode thrifty = segmentNear(run, 88, 17);
        assertThat(thrifty.get("name").asString()).isEqualTo("High Income · Low Spending");
        assertThat(thrifty.get("profile").get("Annual Income (k$)").get("level").asString()).isEqualTo("HIGH");
        assertThat(thrifty.get("profile").get("Spending Score (1-100)").get("level").asString()).isEqualTo("LOW");
        run.get("segments").forEach(segment -> {
            // Every "Level Label" part of a name agrees with the profile's level of that feature.
            for (String part : segment.get("name").asString().split(" · ")) {
                String feature = part.endsWith("Income") ? "Annual Income (k$)" : "Spending Score (1-100)";
                assertThat(part).startsWith(capitalized(segment.get("profile").get(feature).get("level").asString()));
            }
            assertThat(segment.get("recommendations").size()).as(segment.get("name").asString()).isPositive();
            assertThat(segment.get("mix").get("Genre")).isNotEmpty();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM assignment WHERE segmentation_id = ?", Long.class,
                run.get("id").asLong())).isEqualTo(200);
        ClusteredData data = runs.clusteredData(run.get("id").asLong());
        assertThat(data.n()).isEqualTo(200);
        assertThat(java.util.Arrays.stream(data.labels()).filter(label -> label == 2).count()).isEqualTo(35);
        assertThat(data.original(0, 0)).isEqualTo(15.0);
    }

    @Test
    void publishesLooksUpPredictsAndKeepsKeysAcrossRetrains() {
        JsonNode first = awaitFinished(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + "}").json()
            .get("id")
            .asLong());
        long firstId = first.get("id").asLong();
        Api.Answer published = api.post("/api/segmentations/" + firstId + "/publish", "application/json", new byte[0]);
        assertThat(published.status()).isEqualTo(200);
        assertThat(published.json().get("publishedAt").isNull()).isFalse();

        Api.Answer liveAnswer = api.get("/api/segments?dataset=" + mall);
        JsonNode live = liveAnswer.json();
        assertThat(liveAnswer.etag()).matches("\"[0-9a-f]{32}\"");
        assertThat(api.revalidate("/api/segments?dataset=" + mall, liveAnswer.etag()).status()).isEqualTo(304);
        // Without a dataset: the most recent publish of any dataset, which is this one.
        assertThat(api.revalidate("/api/segments", liveAnswer.etag()).status()).isEqualTo(304);
        Api.Answer badDataset = api.get("/api/segments?dataset=mall");
        assertThat(badDataset.status()).isEqualTo(400);
        assertThat(badDataset.contentType()).isEqualTo("application/problem+json");
        assertThat(api.get("/api/segments?dataset=987654321").status()).isEqualTo(404);
        // The latest publish of any dataset is cached under a key of its own, never under a dataset's id (once -1).
        assertThat(api.get("/api/segments").status()).isEqualTo(200);
        assertThat(api.get("/api/segments?dataset=-1").status()).isEqualTo(404);
        assertThat(api.get("/api/customers/0141/segment?dataset=-1").status()).isEqualTo(404);
        assertThat(api.get("/api/segments?dataset=" + mall + "&dataset=" + mall).status()).isEqualTo(200);
        assertThat(api.get("/api/segments?page=0").status()).isEqualTo(200);
        assertThat(live.get("segmentationId").asLong()).isEqualTo(firstId);
        assertThat(live.get("published").asBoolean()).isTrue();
        String thriftyKey = segmentNear(live, 88, 17).get("key").asString();
        JsonNode bySegmentKey = api.get("/api/segments/" + thriftyKey).json();
        assertThat(bySegmentKey.get("name").asString()).isEqualTo("High Income · Low Spending");
        JsonNode audience = api.get("/api/segments/" + thriftyKey + "/customers?size=10").json();
        assertThat(audience.get("totalElements").asLong()).isEqualTo(35);
        assertThat(audience.get("content")).hasSize(10);
        Api.Answer audienceCsv = api.get("/api/segments/" + thriftyKey + "/customers", "text/csv");
        assertThat(audienceCsv.contentType()).startsWith("text/csv");
        assertThat(audienceCsv.body().lines()).hasSize(36).first()
            .isEqualTo("externalId,segmentKey,segmentName,distance,margin,Annual Income (k$),Spending Score (1-100)");
        // A client asking for one page is not handed every customer.
        Api.Answer pagedCsv = api.get("/api/segments/" + thriftyKey + "/customers?page=3&size=2", "text/csv");
        assertThat(pagedCsv.status()).isEqualTo(400);
        assertThat(pagedCsv.json().get("parameter").asString()).isEqualTo("page");
        Api.Answer pagedCsvPath = api.get("/api/segments/" + thriftyKey + "/customers.csv?size=2", "text/csv");
        assertThat(pagedCsvPath.status()).isEqualTo(400);
        assertThat(pagedCsvPath.json().get("parameter").asString()).isEqualTo("size");
        assertThat(api.get("/api/segments/seg-unknown").status()).isEqualTo(404);
        // A problem is written as one whatever the client accepts: negotiated, its body would be dropped.
        Api.Answer garbageAccept = api.get("/api/segmentations/" + firstId, "garbage");
        assertThat(garbageAccept.status()).isEqualTo(406);
        assertThat(garbageAccept.contentType()).startsWith("application/problem+json");
        assertThat(garbageAccept.json().get("status").asInt()).isEqualTo(406);
        // An audience asked for as CSV that is not there: the 404 is a problem, not an empty body.
        Api.Answer unknownAsCsv = api.get("/api/segments/seg-unknown/customers", "text/csv");
        assertThat(unknownAsCsv.status()).isEqualTo(404);
        assertThat(unknownAsCsv.contentType()).startsWith("application/problem+json");
        assertThat(unknownAsCsv.json().get("type").asString()).isEqualTo("/problems/not-found");

        // Customer 0141 earns 75 k$ and scores 5 (mall_customers.csv line 142).
        JsonNode customer = api.get("/api/customers/0141/segment?dataset=" + mall).json();
        assertThat(customer.get("segmentKey").asString()).isEqualTo(thriftyKey);
        assertThat(customer.get("margin").asDouble()).isPositive();
        assertThat(api.get("/api/customers/9999/segment?dataset=" + mall).status()).isEqualTo(404);

        Api.Answer predicted = api.post("/api/segmentations/" + firstId + "/predict", "application/json",
                ("[{\"externalId\":\"new-1\",\"Annual Income (k$)\":90,\"Spending Score (1-100)\":15},"
                        + "{\"annual_income_k\":500,\"spending_score_1_100\":50}]").getBytes());
        assertThat(predicted.status()).as(predicted.body()).isEqualTo(200);
        assertThat(predicted.json().get(0).get("segmentKey").asString()).isEqualTo(thriftyKey);
        assertThat(predicted.json().get(0).get("externalId").asString()).isEqualTo("new-1");
        assertThat(predicted.json().get(0).get("outOfRange").asBoolean()).isFalse();
        assertThat(predicted.json().get(1).get("outOfRange").asBoolean()).isTrue();
        Api.Answer badPrediction = api.post("/api/segmentations/" + firstId + "/predict", "application/json",
                "[{\"Annual Income (k$)\":\"lots\"}]".getBytes());
        assertThat(badPrediction.status()).isEqualTo(400);

        JsonNode second = awaitFinished(start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"seed\":7}").json()
            .get("id")
            .asLong());
        JsonNode republished = api.post("/api/segmentations/" + second.get("id").asLong() + "/publish",
                "application/json", new byte[0]).json();
        assertThat(api.revalidate("/api/segments?dataset=" + mall, liveAnswer.etag()).status()).isEqualTo(200);
        JsonNode relive = api.get("/api/segments?dataset=" + mall).json();
        assertThat(relive.get("segmentationId").asLong()).isEqualTo(second.get("id").asLong());
        assertThat(keys(relive)).containsExactlyInAnyOrderElementsOf(keys(live));
        assertThat(segmentNear(relive, 88, 17).get("key").asString()).isEqualTo(thriftyKey);
        assertThat(republished.get("migration").get("previousSegmentationId").asLong()).isEqualTo(firstId);
        long moved = 0;
        for (JsonNode row : republished.get("migration").get("customers")) {
            for (JsonNode cell : row) {
                moved += cell.asLong();
            }
        }
        assertThat(moved).isEqualTo(200);
        assertThat(api.get("/api/segmentations/" + firstId).json().get("publishedAt").isNull()).isTrue();
        Api.Answer deletingLive = api.delete("/api/segmentations/" + second.get("id").asLong());
        assertThat(deletingLive.status()).isEqualTo(409);
        assertThat(deletingLive.json().get("title").asString()).isEqualTo("The run is published");
    }

    @Test
    void streamsAssignmentsAsCsvWithFormulaCellsNeutralised() {
        long risky = api.postCsv("/api/datasets?force=true", "id,x,y\n=HYPERLINK(1),1,1\n+1,1,2\n-2,9,9\n@me,9,8\nok,5,5\n")
            .json()
            .get("id")
            .asLong();
        long run = awaitFinished(start("{\"datasetId\":" + risky + ",\"features\":[\"x\",\"y\"],\"k\":2}").json()
            .get("id")
            .asLong()).get("id").asLong();

        Api.Answer csv = api.get("/api/segmentations/" + run + "/assignments.csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = csv.body().lines().toList();
        assertThat(lines).hasSize(6);
        // Each customer's features follow in their own units.
        assertThat(lines.get(0)).isEqualTo("externalId,rowNo,segmentKey,segmentName,distance,margin,x,y");
        assertThat(lines.get(1)).endsWith(",1.0,1.0");
        assertThat(lines.subList(1, 6)).extracting(line -> line.substring(0, line.indexOf(',')))
            .containsExactly("'=HYPERLINK(1)", "'+1", "'-2", "'@me", "ok");
        assertThat(api.get("/api/segmentations/987654321/assignments.csv").status()).isEqualTo(404);
    }

    @Test
    void deletingADatasetTakesItsRunsSegmentsAndAssignmentsAlong() {
        long dataset = api.postCsv("/api/datasets?force=true", "id,x,y\na,1,1\nb,1,2\nc,9,9\nd,9,8\n").json()
            .get("id")
            .asLong();
        long run = awaitFinished(start("{\"datasetId\":" + dataset + ",\"features\":[\"x\",\"y\"],\"k\":2}").json()
            .get("id")
            .asLong()).get("id").asLong();
        assertThat(partitionExists(run)).isTrue();

        assertThat(api.delete("/api/datasets/" + dataset).status()).isEqualTo(204);

        assertThat(api.get("/api/segmentations/" + run).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM segment WHERE segmentation_id = ?", Long.class, run)).isZero();
        assertThat(partitionExists(run)).isFalse();
    }

    private boolean partitionExists(long run) {
        return jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, "assignment_r" + run);
    }

    private static String capitalized(String level) {
        return level.charAt(0) + level.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    private static List<String> keys(JsonNode live) {
        List<String> keys = new ArrayList<>();
        live.get("segments").forEach(segment -> keys.add(segment.get("key").asString()));
        return keys;
    }

    @Test
    void refusesBadRequestsBeforeQueueingAnything() {
        long before = jdbc.queryForObject("SELECT count(*) FROM segmentation", Long.class);

        Api.Answer unknownDataset = start("{\"datasetId\":987654321," + INCOME_AND_SCORE + "}");
        Api.Answer unknownFeature = start("{\"datasetId\":" + mall + ",\"features\":[\"Income\",\"Age\"]}");
        Api.Answer idColumn = start("{\"datasetId\":" + mall + ",\"features\":[\"CustomerID\",\"Age\"]}");
        Api.Answer kTooLarge = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":500}");
        Api.Answer kTooSmall = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":1}");
        Api.Answer kNotWhole = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":3.5}");
        Api.Answer noFeatures = start("{\"datasetId\":" + mall + ",\"features\":[]}");
        Api.Answer badJson = start("{\"datasetId\":");
        Api.Answer misspelt = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"kmax\":6}");
        Api.Answer badScaling = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"scaling\":\"LOG\"}");
        long tiny = api.postCsv("/api/datasets?force=true", "id,x,y\na,1,2\nb,3,4\nc,5,6\n").json().get("id").asLong();
        Api.Answer fewerRowsThanK = start("{\"datasetId\":" + tiny + ",\"features\":[\"x\",\"y\"]}");
        long constant = api.postCsv("/api/datasets?force=true", "id,x,y\n" + "a,5,7\nb,5,7\nc,5,7\nd,5,7\ne,5,7\n")
            .json().get("id").asLong();
        Api.Answer fewerPointsThanK = start("{\"datasetId\":" + constant + ",\"features\":[\"x\",\"y\"],\"k\":3}");
        StringBuilder coded = new StringBuilder("id,income,code\n");
        for (int i = 0; i < 1_100; i++) {
            coded.append(i).append(',').append(20 + i % 70).append(",C").append(i).append('\n');
        }
        long codes = api.postCsv("/api/datasets?force=true", coded.toString()).json().get("id").asLong();
        Api.Answer codePerCustomer = start("{\"datasetId\":" + codes + ",\"features\":[\"income\",\"code\"],\"k\":3,"
                + "\"rareCategoryShare\":0}");
        Api.Answer nulInFeature = start("{\"datasetId\":" + mall + ",\"features\":[\"Age\\u0000\"]}");
        Api.Answer array = start("[]");
        Api.Answer kWrittenAsDecimal = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":1e12}");
        Api.Answer kOutOfRange = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":99999999999}");
        Api.Answer twoMethods = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE
                + ",\"method\":\"KMEANS\",\"algorithm\":\"GAUSSIAN_MIXTURE\"}");
        Api.Answer notANumberWeight = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE
                + ",\"weights\":{\"Annual Income (k$)\":\"NaN\"}}");

        assertThat(unknownDataset.status()).isEqualTo(404);
        assertThat(unknownFeature.status()).isEqualTo(400);
        assertThat(unknownFeature.json().get("type").asString()).isEqualTo("/problems/unknown-column");
        assertThat(unknownFeature.json().get("unknown").get(0).asString()).isEqualTo("Income");
        assertThat(idColumn.status()).isEqualTo(400);
        assertThat(idColumn.json().get("detail").asString())
            .startsWith("feature \"CustomerID\" is ID; cluster on NUMERIC and CATEGORICAL columns and derived features");
        assertThat(kTooLarge.json().get("detail").asString()).contains("k may be at most 30");
        assertThat(kTooSmall.status()).isEqualTo(400);
        assertThat(kWrittenAsDecimal.json().get("detail").asString()).isEqualTo("Field \"k\": 1.0E12 is out of range: "
                + "it must be a whole number from -2147483648 to 2147483647.");
        assertThat(kOutOfRange.status()).isEqualTo(400);
        assertThat(kOutOfRange.json().get("detail").asString()).isEqualTo("Field \"k\" is out of range: it must be a "
                + "whole number from -2147483648 to 2147483647.");
        assertThat(twoMethods.status()).isEqualTo(400);
        assertThat(twoMethods.json().get("detail").asString()).contains("method and algorithm (its former name) are "
                + "both given");
        assertThat(notANumberWeight.status()).isEqualTo(400);
        assertThat(notANumberWeight.json().get("detail").asString()).contains("must be a number above 0")
            .doesNotContain("greater than");
        assertThat(kNotWhole.status()).isEqualTo(400);
        assertThat(kNotWhole.json().get("detail").asString()).isEqualTo("Field \"k\": 3.5 is not a whole number.");
        assertThat(noFeatures.status()).isEqualTo(400);
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.contentType()).isEqualTo("application/problem+json");
        assertThat(badJson.json().get("type").asString()).isEqualTo("/problems/invalid-request-body");
        assertThat(badJson.json().get("detail").asString()).startsWith("The body is not valid JSON (line 1, column");
        assertThat(misspelt.status()).isEqualTo(400);
        assertThat(misspelt.json().get("detail").asString())
            .startsWith("Unknown field \"kmax\"; the fields are algorithm, datasetId,");
        assertThat(badScaling.json().get("detail").asString())
            .isEqualTo("Field \"scaling\": \"LOG\" is not one of STANDARD, MINMAX, NONE.");
        assertThat(fewerRowsThanK.json().get("detail").asString())
            .contains("only 3 rows have every feature, fewer than k = 10");
        // Told from the catalogue before anything is queued, not by a run that fails.
        assertThat(fewerPointsThanK.status()).as(fewerPointsThanK.body()).isEqualTo(400);
        assertThat(fewerPointsThanK.json().get("detail").asString())
            .contains("at most 1 distinct point (x: 1 distinct value, y: 1 distinct value), fewer than k = 3");
        // One column per category kept: a code per customer would not fit in memory, and says nothing of segments.
        assertThat(codePerCustomer.status()).as(codePerCustomer.body()).isEqualTo(400);
        assertThat(codePerCustomer.json().get("detail").asString()).contains("\"code\" has 1100 categories")
            .contains("more than 1000");
        // PostgreSQL's text holds no NUL: the field is named, nothing reaches the database.
        assertThat(nulInFeature.status()).as(nulInFeature.body()).isEqualTo(400);
        assertThat(nulInFeature.json().get("detail").asString())
            .isEqualTo("Field \"features[0]\" holds a NUL character (\\u0000), which no stored text can hold.");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.json().get("detail").asString()).startsWith("The body must be an object")
            .doesNotContain("io.customersegments");
        Api.Answer unknownDatasetRuns = api.get("/api/segmentations?dataset=987654321");
        assertThat(unknownDatasetRuns.status()).isEqualTo(404);
        Api.Answer notANumber = api.get("/api/segmentations?dataset=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("errors").get(0).get("parameter").asString()).isEqualTo("dataset");
        assertThat(notANumber.json().get("detail").asString()).contains("\"abc\" is not a whole number");
        // A whole number too large for its type is told the range: the declared one where there is one.
        Api.Answer huge = api.get("/api/segmentations?dataset=99999999999999999999");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.json().get("detail").asString())
            .contains("\"99999999999999999999\" is out of range: a whole number from " + Long.MIN_VALUE);
        Api.Answer hugePage = api.get("/api/segmentations?size=100000000000");
        assertThat(hugePage.status()).isEqualTo(400);
        assertThat(hugePage.json().get("detail").asString())
            .contains("\"100000000000\" is out of range: a whole number from 1 to ");
        Api.Answer nulParameter = api.get("/api/customers/segment?customerId=a%00b&dataset=" + mall);
        assertThat(nulParameter.status()).as(nulParameter.body()).isEqualTo(400);
        assertThat(nulParameter.contentType()).startsWith("application/problem+json");
        assertThat(nulParameter.json().get("errors").get(0).get("parameter").asString()).isEqualTo("customerId");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM segmentation", Long.class)).isEqualTo(before);
    }

    @Test
    void cancelsAQueuedRunAndDeletesAFinishedOne() {
        long first = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"restarts\":100}").json()
            .get("id")
            .asLong();
        long second = start("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + "}").json().get("id").asLong();

        Api.Answer cancelled = api.delete("/api/segmentations/" + second);

        assertThat(cancelled.status()).isEqualTo(204);
        assertThat(api.get("/api/segmentations/" + second).json().get("status").asString()).isEqualTo("CANCELLED");
        assertThat(awaitFinished(first).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(api.delete("/api/segmentations/" + first).status()).isEqualTo(204);
        assertThat(api.get("/api/segmentations/" + first).status()).isEqualTo(404);
    }

    @Test
    void deletingARunWhileAnExportStillReadsItIsAConflictThatChangesNothing() throws Exception {
        long run = api.succeededRun("{\"datasetId\":" + mall + "," + INCOME_AND_SCORE + ",\"k\":3}");
        try (Connection export = jdbc.getDataSource().getConnection()) {
            // An export's transaction, still reading the run's assignments.
            export.setAutoCommit(false);
            try (Statement reading = export.createStatement()) {
                reading.executeQuery("SELECT count(*) FROM assignment_r" + run).close();
            }
            long started = System.nanoTime();

            Api.Answer deleted = api.delete("/api/segmentations/" + run);

            assertThat(deleted.status()).as(deleted.body()).isEqualTo(409);
            assertThat(deleted.json().get("type").asString()).isEqualTo("/problems/conflict");
            assertThat(deleted.json().get("detail").asString()).contains("nothing was changed");
            assertThat(deleted.headers().firstValue("Retry-After")).hasValue("5");
            // Every reader of assignments queues behind a waiting drop: it waits a second, not five.
            assertThat((System.nanoTime() - started) / 1e9).isLessThan(3);
            export.rollback();
        }
        assertThat(api.get("/api/segmentations/" + run).status()).isEqualTo(200);
        assertThat(partitionExists(run)).isTrue();
        assertThat(api.delete("/api/segmentations/" + run).status()).isEqualTo(204);
    }

    @Test
    void takesOverRunsWhoseLeaseRanOutFailsThoseLostTooOftenAndRunsQueuedOnes() {
        String params = api.get("/api/segmentations/" + awaitFinished(start("{\"datasetId\":" + mall + ","
                + INCOME_AND_SCORE + ",\"k\":3}").json().get("id").asLong()).get("id").asLong())
            .json()
            .get("params")
            .toString();
        // An instance that died while executing: its lease ran out a minute ago.
        long orphaned = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, started_at, "
                + "claimed_by, lease_until, attempt) VALUES (?, 'RUNNING', ?::jsonb, now(), 'gone:1:x', "
                + "now() - interval '1 minute', 1) RETURNING id", Long.class, mall, params);
        // ... and a run that has taken its instance down every time it was claimed.
        long doomed = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params, started_at, "
                + "claimed_by, lease_until, attempt) VALUES (?, 'RUNNING', ?::jsonb, now(), 'gone:1:x', "
                + "now() - interval '1 minute', 3) RETURNING id", Long.class, mall, params);
        long queued = jdbc.queryForObject("INSERT INTO segmentation (dataset_id, status, params) "
                + "VALUES (?, 'QUEUED', ?::jsonb) RETURNING id", Long.class, mall, params);

        queue.claim();

        assertThat(awaitFinished(orphaned).get("status").asString()).isEqualTo("SUCCEEDED");
        assertThat(jdbc.queryForObject("SELECT attempt FROM segmentation WHERE id = ?", Integer.class, orphaned))
            .isEqualTo(2);
        JsonNode failed = awaitFinished(doomed);
        assertThat(failed.get("status").asString()).isEqualTo("FAILED");
        assertThat(failed.get("error").asString()).contains("stopped without finishing 3 times");
        assertThat(awaitFinished(queued).get("status").asString()).isEqualTo("SUCCEEDED");
    }

    private Api.Answer start(String json) {
        return api.post("/api/segmentations", "application/json", json.getBytes());
    }

    private JsonNode awaitFinished(long id) {
        return api.awaitRun(id);
    }

    private static JsonNode segmentNear(JsonNode run, double income, double score) {
        JsonNode nearest = null;
        double best = Double.MAX_VALUE;
        for (JsonNode segment : run.get("segments")) {
            JsonNode centroid = segment.get("centroid");
            double distance = Math.hypot(centroid.get("Annual Income (k$)").asDouble() - income,
                    centroid.get("Spending Score (1-100)").asDouble() - score);
            if (distance < best) {
                best = distance;
                nearest = segment;
            }
        }
        return nearest;
    }

}
