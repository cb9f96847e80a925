package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
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

@ServiceTest
class DatasetApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    byte[] mall;

    @BeforeEach
    void setUp() throws IOException {
        api = new Api(port);
        try (InputStream in = getClass().getResourceAsStream("/data/mall_customers.csv")) {
            mall = in.readAllBytes();
        }
    }

    /**
     * A page of rows holds at most about 8 MB as held in memory: rows of 100,000-character texts fit about forty to a
     * page, and a larger size says which one fits (before, a page was read whole, and a few at once ran a small heap out
     * of memory).
     */
    @Test
    void aPageOfLargeRowsIsRefusedWithTheSizeThatFits() {
        StringBuilder csv = new StringBuilder("CustomerID,Age,Note\n");
        String note = "x".repeat(100_000);
        for (int i = 0; i < 60; i++) {
            csv.append("L").append(i).append(',').append(20 + i).append(',').append(note).append(i % 3).append('\n');
        }
        long id = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();

        Api.Answer tooLarge = api.get("/api/datasets/" + id + "/customers?size=50");
        assertThat(tooLarge.status()).as(tooLarge.body()).isEqualTo(400);
        assertThat(tooLarge.json().get("parameter").asString()).isEqualTo("size");
        java.util.regex.Matcher fits = java.util.regex.Pattern.compile("ask for size=(\\d+) or fewer")
            .matcher(tooLarge.json().get("detail").asString());
        assertThat(fits.find()).as(tooLarge.body()).isTrue();
        int size = Integer.parseInt(fits.group(1));
        assertThat(size).isBetween(30, 49);
        JsonNode page = api.get("/api/datasets/" + id + "/customers?size=" + size).json();
        assertThat(page.get("content")).hasSize(size);
        assertThat(page.get("content").get(0).get("values").get("note").asString()).hasSize(100_001);
        // An ordinary table pages in a thousand rows as before.
        long mall = api.uploadMallCustomers();
        assertThat(api.get("/api/datasets/" + mall + "/customers?size=1000").json().get("content")).hasSize(200);
    }

    @Test
    void storesMallCustomersWithTheirRolesAndIdsAsWritten() {
        Api.Answer answer = api.postMultipart("/api/datasets?force=true", "mall_customers.csv", mall, "name", "Mall");

        assertThat(answer.status()).isEqualTo(201);
        JsonNode dataset = answer.json();
        long id = dataset.get("id").asLong();
        assertThat(answer.location()).endsWith("/api/datasets/" + id);
        assertThat(dataset.get("name").asString()).isEqualTo("Mall");
        assertThat(dataset.get("kind").asString()).isEqualTo("CUSTOMERS");
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(200);
        assertThat(dataset.get("rejectedCount").asLong()).isZero();
        assertThat(values(dataset.get("columns"), "role")).containsExactly("ID", "CATEGORICAL", "NUMERIC", "NUMERIC",
                "NUMERIC");
        assertThat(values(dataset.get("columns"), "name")).containsExactly("CustomerID", "Genre", "Age",
                "Annual Income (k$)", "Spending Score (1-100)");
        assertThat(values(dataset.get("columns"), "key")).containsExactly("customer_id", "genre", "age",
                "annual_income_k", "spending_score_1_100");

        List<String> ids = new ArrayList<>();
        for (int page = 0; page < 2; page++) {
            api.get("/api/datasets/" + id + "/customers?size=100&page=" + page)
                .json()
                .get("content")
                .forEach(customer -> ids.add(customer.get("externalId").asString()));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            expected.add(String.format("%04d", i));
        }
        assertThat(ids).isEqualTo(expected);
    }

    @Test
    void analysesTheNewPartitionsKeysSoThePlannerKnowsItsSize() {
        long id = api.postCsv("/api/datasets?force=true", mall).json().get("id").asLong();

        String partition = "customer_p" + id;
        assertThat(jdbc.queryForObject("SELECT reltuples FROM pg_class WHERE oid = ?::regclass", Double.class,
                partition)).isEqualTo(200.0);
        assertThat(jdbc.queryForList("SELECT attname FROM pg_stats WHERE schemaname = current_schema() "
                + "AND tablename = ? AND n_distinct = -1 ORDER BY attname", String.class, partition))
            .containsExactly("external_id", "row_no");
    }

    @Test
    void reportsQualityAndSummaryLikePandasDescribe() {
        long id = api.postCsv("/api/datasets?force=true", mall).json().get("id").asLong();

        JsonNode quality = api.get("/api/datasets/" + id).json().get("quality");
        JsonNode summary = api.get("/api/datasets/" + id + "/summary").json();

        JsonNode income = quality.get("columns").get(3);
        assertThat(income.get("min").asDouble()).isEqualTo(15.0);
        assertThat(income.get("max").asDouble()).isEqualTo(137.0);
        assertThat(income.get("outliers").asLong()).isEqualTo(2);
        // Reference figures: pandas 1.5 DataFrame.describe() on mall_customers.csv.
        JsonNode age = summary.get("numeric").get(0);
        assertThat(age.get("key").asString()).isEqualTo("age");
        assertThat(age.get("count").asLong()).isEqualTo(200);
        assertThat(age.get("mean").asDouble()).isEqualTo(38.85, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(age.get("std").asDouble()).isEqualTo(13.969007, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(age.get("p25").asDouble()).isEqualTo(28.75);
        assertThat(age.get("median").asDouble()).isEqualTo(36.0);
        assertThat(age.get("p75").asDouble()).isEqualTo(49.0);
        JsonNode genre = summary.get("categorical").get(0);
        assertThat(genre.get("distinct").asLong()).isEqualTo(2);
        assertThat(genre.get("topValues").get(0).get("value").asString()).isEqualTo("Female");
        assertThat(genre.get("topValues").get(0).get("count").asLong()).isEqualTo(112);
    }

    @Test
    void answersConflictForTheSameBytesUnlessForced() {
        byte[] csv = ("id,score\nu1,1\nu2,2\n" + java.util.UUID.randomUUID() + ",3\n").getBytes();
        long existing = api.postCsv("/api/datasets", csv).json().get("id").asLong();
        DatabaseState before = DatabaseState.of(jdbc);

        Api.Answer again = api.postCsv("/api/datasets", csv);

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("type").asString()).isEqualTo("/problems/duplicate-upload");
        assertThat(again.json().get("existingDatasetId").asLong()).isEqualTo(existing);
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
        assertThat(api.postCsv("/api/datasets?force=true", csv).status()).isEqualTo(201);
    }

    @Test
    void listsFindsAndDeletesDatasets() {
        long id = api.postCsv("/api/datasets?force=true&name=To%20delete", "id,x\na,1\nb,2\n").json().get("id").asLong();

        JsonNode list = api.get("/api/datasets?page=0&size=5").json();
        Api.Answer deleted = api.delete("/api/datasets/" + id);

        assertThat(list.get("content").get(0).get("id").asLong()).isEqualTo(id);
        assertThat(list.get("content").get(0).get("name").asString()).isEqualTo("To delete");
        assertThat(list.get("size").asInt()).isEqualTo(5);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(api.get("/api/datasets/" + id).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM customer WHERE dataset_id = ?", Long.class, id)).isZero();
        assertThat(api.delete("/api/datasets/" + id).status()).isEqualTo(404);
    }

    @Test
    void answersProblemsForUnknownIdsAndBadParameters() {
        Api.Answer unknown = api.get("/api/datasets/987654321/summary");
        Api.Answer notANumber = api.get("/api/datasets/abc");
        Api.Answer pageTooBig = api.get("/api/datasets?size=100000");
        Api.Answer badDelimiter = api.postCsv("/api/datasets?delimiter=%23", "a#b\n1#2\n");
        Api.Answer badEncoding = api.postCsv("/api/datasets?encoding=klingon", "a,b\n1,2\n");
        Api.Answer transactions = api.postCsv("/api/datasets?kind=TRANSACTIONS", "a,b\n1,2\n");
        Api.Answer unknownIdColumn = api.postCsv("/api/datasets?idColumn=nope&force=true", "a,b\n1,2\n");
        Api.Answer json = api.post("/api/datasets", "application/json", "{}".getBytes());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("type").asString()).isEqualTo("/problems/not-found");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.json().get("type").asString()).isEqualTo("/problems/invalid-parameter");
        assertThat(pageTooBig.status()).isEqualTo(400);
        assertThat(pageTooBig.json().get("detail").asString()).contains("size");
        assertThat(badDelimiter.json().get("parameter").asString()).isEqualTo("delimiter");
        assertThat(badEncoding.json().get("parameter").asString()).isEqualTo("encoding");
        assertThat(transactions.json().get("parameter").asString()).isEqualTo("customerColumn");
        assertThat(transactions.json().get("detail").asString()).startsWith("No column of the file was recognised as");
        assertThat(unknownIdColumn.status()).isEqualTo(400);
        assertThat(unknownIdColumn.json().get("detail").asString())
            .isEqualTo("idColumn \"nope\" is not a column of the file; the header has a, b.");
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.contentType()).isEqualTo("application/problem+json");
        assertThat(json.json().get("type").asString()).isEqualTo("/problems/unsupported-media-type");
    }

    static List<String> values(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asString()));
        return values;
    }

}
