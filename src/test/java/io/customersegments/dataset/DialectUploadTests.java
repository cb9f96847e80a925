package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/** Files in every accepted dialect: the roles, missing counts and row counts they produce. */
@ServiceTest
class DialectUploadTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void commaWithLfAndNoFinalNewline() {
        JsonNode dataset = upload("", "id,name,age\n1,Ann,30\n2,Bob,40", StandardCharsets.UTF_8);

        assertShape(dataset, 2, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        assertThat(dataset.get("quality").get("delimiter").asString()).isEqualTo(",");
    }

    @Test
    void tabWithCrlf() {
        JsonNode dataset = upload("", "CustomerID\tGender\tIncome\r\nc1\tF\t10.5\r\nc2\tM\t20\r\n", StandardCharsets.UTF_8);

        assertShape(dataset, 2, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        assertThat(dataset.get("quality").get("delimiter").asString()).isEqualTo("\\t");
    }

    @Test
    void semicolonWithDecimalCommas() {
        JsonNode dataset = upload("", "id;gender;income\n1;F;1,5\n2;M;2,25\n3;F;3\n", StandardCharsets.UTF_8);

        assertShape(dataset, 3, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        assertThat(firstCustomer(dataset).get("values").get("income").asDouble()).isEqualTo(1.5);
    }

    @Test
    void pipeWithQuotedDelimitersQuotesAndLineBreaks() {
        JsonNode dataset = upload("", "id|note|score\n1|\"a|b\"|3\n2|\"say \"\"hi\"\"\"|4\n3|\"two\nlines\"|5\n",
                StandardCharsets.UTF_8);

        assertShape(dataset, 3, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        List<String> notes = new ArrayList<>();
        customers(dataset).forEach(c -> notes.add(c.get("values").get("note").asString()));
        assertThat(notes).containsExactly("a|b", "say \"hi\"", "two\nlines");
    }

    @Test
    void utf8WithByteOrderMark() {
        JsonNode dataset = upload("", "\uFEFFid,city\n1,Zürich\n2,Kraków\n", StandardCharsets.UTF_8);

        assertShape(dataset, 2, List.of("ID", "CATEGORICAL"), List.of(0L, 0L));
        assertThat(dataset.get("columns").get(0).get("name").asString()).isEqualTo("id");
        assertThat(firstCustomer(dataset).get("values").get("city").asString()).isEqualTo("Zürich");
    }

    @Test
    void windows1252WhenTheBytesAreNotUtf8() {
        JsonNode dataset = upload("", "id,city,spend\n1,Zürich,3\n2,Málaga,4\n", Charset.forName("windows-1252"));

        assertShape(dataset, 2, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        assertThat(dataset.get("quality").get("encoding").asString()).isEqualTo("windows-1252");
        assertThat(firstCustomer(dataset).get("values").get("city").asString()).isEqualTo("Zürich");
    }

    @Test
    void utf16WithByteOrderMark() {
        JsonNode dataset = upload("", "\uFEFFid,city\n1,Zürich\n", StandardCharsets.UTF_16LE);

        assertShape(dataset, 1, List.of("ID", "CATEGORICAL"), List.of(0L, 0L));
        assertThat(firstCustomer(dataset).get("values").get("city").asString()).isEqualTo("Zürich");
    }

    @Test
    void spacesAroundValuesAndMissingMarkers() {
        JsonNode dataset = upload("", "id , age , city\n 1 , 30 , Paris \n2,NA,\n3, ,London\n4,null,N/A\n",
                StandardCharsets.UTF_8);

        assertShape(dataset, 4, List.of("ID", "NUMERIC", "CATEGORICAL"), List.of(0L, 3L, 2L));
        assertThat(values(dataset.get("columns"), "name")).containsExactly("id", "age", "city");
        JsonNode first = firstCustomer(dataset);
        assertThat(first.get("externalId").asString()).isEqualTo("1");
        assertThat(first.get("values").get("city").asString()).isEqualTo("Paris");
    }

    @Test
    void datesInIsoDayFirstAndUsLayouts() {
        JsonNode dataset = upload("", "id,iso,day_first,us\n1,2012-09-04,04-09-2012,9/4/2012 8:26\n"
                + "2,2012-12-31,31-12-2012,12/31/2012 17:05\n", StandardCharsets.UTF_8);

        assertShape(dataset, 2, List.of("ID", "DATE", "DATE", "DATE"), List.of(0L, 0L, 0L, 0L));
        JsonNode values = firstCustomer(dataset).get("values");
        assertThat(values.get("iso").asString()).isEqualTo("2012-09-04T00:00");
        assertThat(values.get("day_first").asString()).isEqualTo("2012-09-04T00:00");
        assertThat(values.get("us").asString()).isEqualTo("2012-09-04T08:26");
    }

    @Test
    void idsAndCodesKeepTheirLeadingZeros() {
        JsonNode dataset = upload("", "customer_no,zip,amount\n0001,01234,5\n0002,02345,6\n", StandardCharsets.UTF_8);

        assertShape(dataset, 2, List.of("ID", "CATEGORICAL", "NUMERIC"), List.of(0L, 0L, 0L));
        assertThat(firstCustomer(dataset).get("externalId").asString()).isEqualTo("0001");
        assertThat(firstCustomer(dataset).get("values").get("zip").asString()).isEqualTo("01234");
    }

    @Test
    void rowNumbersStandInForAMissingIdColumnAndIdColumnNamesOne() {
        JsonNode numbered = upload("", "age,income\n30,1\n40,2\n", StandardCharsets.UTF_8);
        JsonNode named = upload("idColumn=ref&", "ref,age\nX9,1\nX7,2\n", StandardCharsets.UTF_8);

        assertShape(numbered, 2, List.of("NUMERIC", "NUMERIC"), List.of(0L, 0L));
        assertThat(firstCustomer(numbered).get("externalId").asString()).isEqualTo("1");
        assertShape(named, 2, List.of("ID", "NUMERIC"), List.of(0L, 0L));
        assertThat(firstCustomer(named).get("externalId").asString()).isEqualTo("X9");
    }

    @Test
    void listsRejectedRowsBelowTheThresholdAndStoresTheRest() {
        StringBuilder csv = new StringBuilder("id,age\n");
        for (int i = 1; i <= 30; i++) {
            csv.append(i).append(',').append(i == 4 ? "forty" : String.valueOf(20 + i)).append('\n');
        }
        csv.append("\n,\n");

        JsonNode dataset = upload("", csv.toString(), StandardCharsets.UTF_8);

        assertShape(dataset, 29, List.of("ID", "NUMERIC"), List.of(0L, 0L));
        JsonNode quality = dataset.get("quality");
        assertThat(quality.get("rejectedRows").asLong()).isEqualTo(1);
        assertThat(quality.get("blankRowsSkipped").asLong()).isEqualTo(1);
        JsonNode error = quality.get("errors").get(0);
        assertThat(error.get("line").asLong()).isEqualTo(5);
        assertThat(error.get("column").asString()).isEqualTo("age");
        assertThat(error.get("message").asString()).isEqualTo("\"forty\" is not a number");
    }

    @Test
    void gzipCompressedBodies() throws java.io.IOException {
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write("id,age\n1,30\n2,40\n".getBytes(StandardCharsets.UTF_8));
        }

        Api.Answer stored = api.send("/api/datasets?force=true", "text/csv", "gzip", compressed.toByteArray());
        Api.Answer notGzip = api.send("/api/datasets?force=true", "text/csv", "gzip", "id,age\n1,30\n".getBytes());
        Api.Answer brotli = api.send("/api/datasets?force=true", "text/csv", "br", "id,age\n1,30\n".getBytes());
        byte[] truncated = java.util.Arrays.copyOf(compressed.toByteArray(), compressed.size() - 12);
        truncated[12] ^= 0x55;
        Api.Answer corrupt = api.send("/api/datasets?force=true", "text/csv", "gzip", truncated);

        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertShape(stored.json(), 2, List.of("ID", "NUMERIC"), List.of(0L, 0L));
        assertThat(notGzip.status()).isEqualTo(400);
        assertThat(brotli.json().get("parameter").asString()).isEqualTo("Content-Encoding");
        assertThat(corrupt.status()).as(corrupt.body()).isEqualTo(400);
    }

    private JsonNode upload(String query, String csv, Charset charset) {
        Api.Answer answer = api.postCsv("/api/datasets?" + query + "force=true", csv.getBytes(charset));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json();
    }

    private void assertShape(JsonNode dataset, long rows, List<String> roles, List<Long> missing) {
        assertThat(dataset.get("rowCount").asLong()).isEqualTo(rows);
        assertThat(values(dataset.get("columns"), "role")).isEqualTo(roles);
        List<Long> actualMissing = new ArrayList<>();
        dataset.get("columns").forEach(column -> actualMissing.add(column.get("missing").asLong()));
        assertThat(actualMissing).isEqualTo(missing);
    }

    private JsonNode customers(JsonNode dataset) {
        return api.get("/api/datasets/" + dataset.get("id").asLong() + "/customers").json().get("content");
    }

    private JsonNode firstCustomer(JsonNode dataset) {
        return customers(dataset).get(0);
    }

    private static List<String> values(JsonNode array, String field) {
        return DatasetApiTests.values(array, field);
    }

}
