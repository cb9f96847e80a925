package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

@ServiceTest
class TransactionUploadTests {

    /** Order lines with one of each thing cleaning must handle; the comments give each line's number in the file. */
    static final String RETAIL = """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
            1001,A1,Cup,2,2011-01-03 10:00:00,2.50,100.0,France
            1001,B2,Plate,1,2011-01-03 10:00:00,10.00,100.0,France
            1001,B2,Plate,1,2011-01-03 10:00:00,10.00,100.0,France
            1002,POST,Postage,1,2011-01-03 11:00:00,5.00,100.0,France
            C1003,A1,Cup,-1,2011-01-10 09:00:00,2.50,100.0,France
            1004,A1,Cup,4,2011-02-01 09:00:00,2.50,100.0,France
            1005,A1,Cup,1,2011-01-05 12:00:00,2.50,,United Kingdom
            1006,B2,Plate,3,2011-01-20 12:00:00,0,200.0,United Kingdom
            1007,B2,Plate,3,2011-01-20 12:00:00,10,200.0,United Kingdom
            A1008,B,Adjust bad debt,1,2011-01-25 12:00:00,-50,200.0,United Kingdom
            1009,C3,Bowl,2,2011-02-15 08:00:00,4.00,300.0,Germany
            C1010,C3,Bowl,-2,2011-02-16 08:00:00,4.00,400.0,Germany
            """;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void cleansOrderLinesAndCountsWhatItDidWithExampleLines() {
        Api.Answer answer = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&name=Retail", RETAIL);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode dataset = answer.json();
        assertThat(dataset.get("kind").asString()).isEqualTo("TRANSACTIONS");
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(9);
        JsonNode report = dataset.get("quality").get("transactions");
        assertThat(report.get("columns").get("customer").asString()).isEqualTo("CustomerID");
        assertThat(report.get("columns").get("order").asString()).isEqualTo("InvoiceNo");
        assertThat(report.get("columns").get("time").asString()).isEqualTo("InvoiceDate");
        assertThat(report.get("columns").get("product").asString()).isEqualTo("StockCode");
        assertThat(report.get("lines").asLong()).isEqualTo(12);
        assertThat(report.get("keptLines").asLong()).isEqualTo(9);
        assertLines(report.get("withoutCustomer"), 8);
        assertLines(report.get("zeroOrNegativePrice"), 9);
        assertLines(report.get("duplicates"), 4);
        assertLines(report.get("returns"), 6, 13);
        assertLines(report.get("nonProduct"), 5, 11);
        assertThat(report.get("customers").asLong()).isEqualTo(4);
        assertThat(report.get("customersWithoutPurchases").asLong()).isEqualTo(1);
        assertThat(report.get("orders").asLong()).isEqualTo(8);
        assertThat(report.get("firstPurchase").asString()).isEqualTo("2011-01-03T10:00");
        assertThat(report.get("lastPurchase").asString()).isEqualTo("2011-02-16T08:00");
        assertThat(report.get("sales").asDouble()).isEqualTo(18.0);
        assertThat(report.get("returned").asDouble()).isEqualTo(-10.5);
        assertThat(report.get("net").asDouble()).isEqualTo(7.5);
        assertThat(report.get("idsNormalised").asBoolean()).isTrue();
        assertThat(report.has("lastPurchaseDay")).as("the report's fields only").isFalse();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM order_line WHERE dataset_id = ?", Long.class,
                dataset.get("id").asLong())).isEqualTo(9);
    }

    @Test
    void derivesOneRowPerCustomerWithBehaviourAsOfTheDayAfterTheLastPurchase() {
        JsonNode source = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&name=Retail", RETAIL).json();
        long derivedId = source.get("derivedDatasetId").asLong();

        JsonNode derived = api.get("/api/datasets/" + derivedId).json();
        assertThat(derived.get("kind").asString()).isEqualTo("CUSTOMERS");
        assertThat(derived.get("sourceDatasetId").asLong()).isEqualTo(source.get("id").asLong());
        assertThat(derived.get("derivation").get("asOf").asString()).isEqualTo("2011-02-17");
        assertThat(derived.get("derivation").get("calibrationEnd").asString()).isEqualTo("2011-02-16");
        assertThat(derived.get("rowCount").asLong()).isEqualTo(3);
        assertThat(api.columnKeys(derivedId)).containsExactly("customer_id", "recency_days", "frequency", "monetary", "avg_order_value",
                "tenure_days", "items", "distinct_products", "return_rate", "first_purchase", "last_purchase",
                "repeat_purchases", "recency_repeat", "age", "repeat_avg_value", "country");

        Map<String, JsonNode> customers = customers(derivedId);
        assertThat(customers.keySet()).containsExactly("100", "200", "300");
        JsonNode first = customers.get("100");
        assertThat(first.get("recency_days").asDouble()).isEqualTo(16);
        assertThat(first.get("frequency").asDouble()).isEqualTo(3);
        assertThat(first.get("monetary").asDouble()).isEqualTo(27.5);
        assertThat(first.get("avg_order_value").asDouble()).isCloseTo(27.5 / 3, within(1e-9));
        assertThat(first.get("tenure_days").asDouble()).isEqualTo(45);
        assertThat(first.get("items").asDouble()).isEqualTo(7);
        assertThat(first.get("distinct_products").asDouble()).isEqualTo(2);
        assertThat(first.get("return_rate").asDouble()).isEqualTo(0.2);
        assertThat(first.get("first_purchase").asString()).isEqualTo("2011-01-03T00:00");
        assertThat(first.get("last_purchase").asString()).isEqualTo("2011-02-01T00:00");
        assertThat(first.get("repeat_purchases").asDouble()).isEqualTo(1);
        assertThat(first.get("recency_repeat").asDouble()).isEqualTo(29);
        assertThat(first.get("age").asDouble()).isEqualTo(44);
        assertThat(first.get("repeat_avg_value").asDouble()).isEqualTo(10);
        assertThat(first.get("country").asString()).isEqualTo("France");
        JsonNode second = customers.get("200");
        assertThat(second.get("frequency").asDouble()).isEqualTo(2);
        assertThat(second.get("monetary").asDouble()).isEqualTo(-20);
        assertThat(second.get("items").asDouble()).isEqualTo(3);
        assertThat(second.get("repeat_avg_value").asDouble()).isEqualTo(-50);
        JsonNode third = customers.get("300");
        assertThat(third.get("repeat_purchases").asDouble()).isZero();
        assertThat(third.get("age").asDouble()).isEqualTo(1);
        assertThat(third.get("repeat_avg_value").asDouble()).isZero();
        assertThat(derived.get("quality").get("warnings").get(0).asString()).contains("1 customer has only returns");
    }

    @Test
    void loadsCdnowWithCompactDatesAndSameDayPurchasesAsOneOrder() throws IOException {
        byte[] cdnow;
        try (InputStream in = getClass().getResourceAsStream("/data/cdnow_sample.csv")) {
            cdnow = in.readAllBytes();
        }
        Api.Answer answer = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&dateFormat=yyyyMMdd"
                + "&amountColumn=dollar_value&customerColumn=customer_id", cdnow);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode report = answer.json().get("quality").get("transactions");
        assertThat(report.get("lines").asLong()).isEqualTo(6919);
        assertThat(report.get("customers").asLong()).isEqualTo(2357);
        assertThat(report.get("idsNormalised").asBoolean()).isFalse();
        long derivedId = answer.json().get("derivedDatasetId").asLong();
        assertThat(api.get("/api/datasets/" + derivedId).json().get("rowCount").asLong()).isEqualTo(2357);
        JsonNode first = customers(derivedId).get("0001");
        assertThat(first.get("recency_days").asDouble()).isEqualTo(201);
        assertThat(first.get("frequency").asDouble()).isEqualTo(4);
        assertThat(first.get("monetary").asDouble()).isCloseTo(100.5, within(1e-9));
        assertThat(first.get("repeat_purchases").asDouble()).isEqualTo(3);
        assertThat(first.get("recency_repeat").asDouble()).isEqualTo(345);
        assertThat(first.get("age").asDouble()).isEqualTo(545);
        assertThat(first.get("repeat_avg_value").asDouble()).isCloseTo((29.73 + 14.96 + 26.48) / 3, within(1e-9));
    }

    @Test
    void theUploadsAggregationAgreesWithTheSqlDerivation() throws IOException {
        // Duplicates of every kind of line, so that what the streaming pass aggregated must be taken back; then
        // customers interleaved on one day (200 buys, 300 returns, 300 buys), so nothing is carried between them.
        String withDuplicates = RETAIL + """
                C1003,A1,Cup,-1,2011-01-10 09:00:00,2.50,100.0,France
                1002,POST,Postage,1,2011-01-03 11:00:00,5.00,100.0,France
                1009,C3,Bowl,2,2011-02-15 08:00:00,4.00,300.0,Germany
                2001,A1,Cup,1,2011-01-20 10:00:00,2.50,200.0,United Kingdom
                C2002,A1,Cup,-1,2011-01-20 10:05:00,2.50,300.0,Germany
                2003,A1,Cup,1,2011-01-20 10:10:00,2.50,300.0,Germany
                2004,A1,Cup,1,2011-01-21 10:00:00,2.50,100.0,
                2005,A1,Cup,1,2011-01-21 11:00:00,2.50,100.0,Germany
                2005,A1,Cup,1,2011-01-21 11:00:00,2.50,100.0,Germany
                """;
        byte[] cdnow;
        try (InputStream in = getClass().getResourceAsStream("/data/cdnow_sample.csv")) {
            cdnow = in.readAllBytes();
        }
        for (Api.Answer upload : List.of(api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", withDuplicates),
                api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&dateFormat=yyyyMMdd", cdnow))) {
            assertThat(upload.status()).as(upload.body()).isEqualTo(201);
            JsonNode source = upload.json();
            long streamed = source.get("derivedDatasetId").asLong();
            JsonNode derivation = api.get("/api/datasets/" + streamed).json().get("derivation");
            Api.Answer bySql = api.postJson("/api/datasets/" + source.get("id").asLong() + "/customer-features",
                    "{\"asOf\": \"" + derivation.get("asOf").asString() + "\"}");
            assertThat(bySql.status()).as(bySql.body()).isEqualTo(201);

            Map<String, JsonNode> expected = customers(bySql.json().get("id").asLong());
            Map<String, JsonNode> actual = customers(streamed);
            assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
            expected.forEach((id, values) -> values.properties().forEach(value -> {
                JsonNode other = actual.get(id).get(value.getKey());
                if (value.getValue().isNumber()) {
                    assertThat(other.asDouble()).as("%s of customer %s", value.getKey(), id)
                        .isCloseTo(value.getValue().asDouble(), within(1e-9 * Math.max(1, Math.abs(value.getValue().asDouble()))));
                }
                else {
                    assertThat(other).as("%s of customer %s", value.getKey(), id).isEqualTo(value.getValue());
                }
            }));
        }
        JsonNode report = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", withDuplicates).json()
            .get("quality").get("transactions");
        assertLines(report.get("duplicates"), 4, 14, 15, 16, 22);
        assertLines(report.get("returns"), 6, 13, 18);
        assertLines(report.get("nonProduct"), 5, 11);
        assertThat(report.get("keptLines").asLong()).isEqualTo(14);
        assertThat(report.get("sales").asDouble()).isEqualTo(28.0);
        assertThat(report.get("returned").asDouble()).isEqualTo(-13.0);
        assertThat(report.get("orders").asLong()).isEqualTo(13);
    }

    @Test
    void readsOnlyInvoiceStyleOrderIdsAsCancellationsAndNegativeAmountsAsRefunds() {
        Api.Answer answer = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", """
                Order ID,Customer ID,Order Date,Quantity,Sales
                CA-2016-152156,CG-12520,2016-11-08,2,261.96
                CA-2016-138688,DV-13045,2016-06-12,1,14.62
                US-2015-108966,SO-20335,2015-10-11,5,957.58
                CA-2016-152157,CG-12520,2016-11-09,1,-20.00
                AB-2016-1,CG-12520,2016-11-10,1,5.00
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode report = answer.json().get("quality").get("transactions");
        assertLines(report.get("returns"), 5);
        assertLines(report.get("nonProduct"));
        assertThat(report.get("keptLines").asLong()).isEqualTo(5);

        Api.Answer sameColumn = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&customerColumn=Order%20ID"
                + "&orderColumn=order_id",
                "Order ID,Order Date,Sales\nA1,2016-11-08,2\n");
        assertThat(sameColumn.status()).isEqualTo(400);
        assertThat(sameColumn.json().get("detail").asString()).contains("cannot be both");
    }

    @Test
    void ordersIntegerIdsAsNumbersAndOtherIdsAsText() {
        String integers = "customer_id,date,amount\n10,2020-01-01,5\n9,2020-01-02,5\n100,2020-01-03,5\n0011,2020-01-04,5\n";
        String texts = "customer_id,date,amount\nb10,2020-01-01,5\nb9,2020-01-02,5\nb100,2020-01-03,5\n";
        for (String csv : List.of(integers, texts)) {
            JsonNode source = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", csv).json();
            Api.Answer bySql = api.postJson("/api/datasets/" + source.get("id").asLong() + "/customer-features", "{}");
            List<String> streamed = List.copyOf(customers(source.get("derivedDatasetId").asLong()).keySet());
            List<String> derived = List.copyOf(customers(bySql.json().get("id").asLong()).keySet());
            assertThat(derived).isEqualTo(streamed);
            assertThat(streamed).containsExactlyElementsOf(csv.equals(integers) ? List.of("9", "10", "0011", "100")
                    : List.of("b10", "b100", "b9"));
        }
    }

    @Test
    void infersCompactDatesWithoutADateFormat() {
        Api.Answer answer = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", """
                customer_id,date,dollar_value
                0001,19970101,29.33
                0001,19970118,29.73
                0002,19970102,10.00
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().get("quality").get("transactions").get("dateFormat").asString()).isEqualTo("yyyyMMdd");
    }

    @Test
    void findsTheFavouriteCategoryAndLeavesOutColumnsTheFileDoesNotHave() {
        Api.Answer answer = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", """
                order_id,customer_id,date,total,category
                1,a,2020-03-01,10,Books
                2,a,2020-03-02,12,Music
                3,a,2020-03-05,8,Books
                4,b,2020-03-05,30,Games
                """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        long derivedId = answer.json().get("derivedDatasetId").asLong();
        assertThat(api.columnKeys(derivedId)).contains("favourite_category").doesNotContain("items", "distinct_products", "country");
        assertThat(customers(derivedId).get("a").get("favourite_category").asString()).isEqualTo("Books");
    }

    @Test
    void derivesAnotherSnapshotOnRequest() {
        JsonNode source = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&name=Retail", RETAIL).json();

        Api.Answer answer = api.postJson("/api/datasets/" + source.get("id").asLong() + "/customer-features", """
                        {"asOf": "2011-02-01", "calibrationEnd": "2011-01-20", "name": "January"}
                        """);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode derived = answer.json();
        assertThat(derived.get("name").asString()).isEqualTo("January");
        assertThat(derived.get("rowCount").asLong()).isEqualTo(2);
        Map<String, JsonNode> customers = customers(derived.get("id").asLong());
        assertThat(customers.get("100").get("recency_days").asDouble()).isEqualTo(29);
        assertThat(customers.get("100").get("frequency").asDouble()).isEqualTo(2);
        assertThat(customers.get("200").get("repeat_purchases").asDouble()).isZero();
        assertThat(customers.get("200").get("age").asDouble()).isZero();
    }

    @Test
    void refusesWhatCannotBeUsedWithProblems() {
        Api.Answer noValue = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", "customer,date\n1,2011-01-01\n");
        assertThat(noValue.status()).isEqualTo(400);
        assertThat(noValue.contentType()).startsWith("application/problem+json");
        assertThat(noValue.json().get("detail").asString()).contains("amountColumn").contains("customer, date");

        Api.Answer unknown = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&amountColumn=spent", RETAIL);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("parameter").asString()).isEqualTo("amountColumn");

        Api.Answer badPattern = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&dateFormat=yyyyQQQQQQ", RETAIL);
        assertThat(badPattern.status()).isEqualTo(400);
        assertThat(badPattern.json().get("parameter").asString()).isEqualTo("dateFormat");

        Api.Answer customersWithColumns = api.postCsv("/api/datasets?force=true&customerColumn=CustomerID", RETAIL);
        assertThat(customersWithColumns.status()).isEqualTo(400);
        assertThat(customersWithColumns.json().get("detail").asString()).contains("kind=TRANSACTIONS");

        Api.Answer badKind = api.postCsv("/api/datasets?force=true&kind=ORDERS", RETAIL);
        assertThat(badKind.status()).isEqualTo(400);

        JsonNode source = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", RETAIL).json();
        long id = source.get("id").asLong();
        Api.Answer late = api.postJson("/api/datasets/" + id + "/customer-features", "{\"asOf\": \"2010-01-01\"}");
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("detail").asString()).contains("Choose a later asOf");
        Api.Answer calibration = api.postJson("/api/datasets/" + id + "/customer-features",
                "{\"asOf\": \"2011-02-01\", \"calibrationEnd\": \"2011-02-01\"}");
        assertThat(calibration.status()).isEqualTo(400);
        Api.Answer linesAsCustomers = api.get("/api/datasets/" + id + "/customers");
        assertThat(linesAsCustomers.status()).isEqualTo(400);
        assertThat(linesAsCustomers.json().get("derivedDatasetId").asLong()).isEqualTo(source.get("derivedDatasetId").asLong());
        long derivedId = source.get("derivedDatasetId").asLong();
        assertThat(api.postJson("/api/datasets/" + derivedId + "/customer-features", "{}")
            .status()).isEqualTo(400);
        long before = jdbc.queryForObject("SELECT count(*) FROM dataset", Long.class);
        api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true&asOf=2001-01-01", RETAIL);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM dataset", Long.class)).as("nothing half-stored").isEqualTo(before);
    }

    @Test
    void deletingTheOrderLinesKeepsTheDerivedCustomers() {
        JsonNode source = api.postCsv("/api/datasets?kind=TRANSACTIONS&force=true", RETAIL).json();
        long id = source.get("id").asLong();
        long derivedId = source.get("derivedDatasetId").asLong();

        assertThat(api.delete("/api/datasets/" + id).status()).isEqualTo(204);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() "
                + "AND tablename = ?", Long.class, "order_line_p" + id)).isZero();
        JsonNode derived = api.get("/api/datasets/" + derivedId).json();
        assertThat(derived.get("rowCount").asLong()).isEqualTo(3);
        assertThat(derived.get("sourceDatasetId").isNull()).isTrue();
    }

    private static void assertLines(JsonNode count, long... lines) {
        assertThat(count.get("count").asLong()).isEqualTo(lines.length);
        List<Long> examples = new ArrayList<>();
        count.get("exampleLines").forEach(line -> examples.add(line.asLong()));
        assertThat(examples).containsExactly(java.util.Arrays.stream(lines).boxed().toArray(Long[]::new));
    }

    private Map<String, JsonNode> customers(long datasetId) {
        Map<String, JsonNode> customers = new LinkedHashMap<>();
        api.get("/api/datasets/" + datasetId + "/customers?size=1000")
            .json()
            .get("content")
            .forEach(customer -> customers.put(customer.get("externalId").asString(), customer.get("values")));
        return customers;
    }

}
