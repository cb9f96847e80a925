package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/**
 * Numeric and date columns with some unreadable values stay typed: their rows are rejected, which
 * refuses the upload above the threshold and warns below it, instead of the column silently turning
 * into text. Columns of codes and labels stay categorical.
 */
@ServiceTest
class TypedColumnUploadTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aNumericColumnWithTooManyUnreadableValuesRefusesTheUploadNamingTheColumn() {
        String csv = csv("id,age,gender", i -> i + "," + (i % 7 == 0 ? "unknown" : String.valueOf(20 + i)) + ","
                + (i % 2 == 0 ? "Male" : "Female"), 40);

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/too-many-rejected-rows");
        assertThat(answer.json().get("rejectedRows").asLong()).isEqualTo(5);
        assertThat(EncodingUploadTests.errors(answer.json())).hasSize(5)
            .allSatisfy(error -> assertThat(error).endsWith(" age \"unknown\" is not a number"))
            .first()
            .isEqualTo("8 age \"unknown\" is not a number");
    }

    @Test
    void aFewUnreadableNumbersAreRejectedAndNamedInAWarning() {
        String csv = csv("id,age", i -> i + "," + (i == 5 ? "twenty" : i == 9 ? "?" : String.valueOf(20 + i)), 40);

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(DatasetApiTests.values(answer.json().get("columns"), "role")).containsExactly("ID", "NUMERIC");
        JsonNode quality = answer.json().get("quality");
        assertThat(EncodingUploadTests.errors(quality)).containsExactly("6 age \"twenty\" is not a number",
                "10 age \"?\" is not a number");
        assertThat(EncodingUploadTests.warnings(quality))
            .containsExactly("Column \"age\": 2 values could not be read as a number; their rows were left out (see errors).");
    }

    @Test
    void aDateColumnWithImpossibleDatesStaysADateAndRefusesTheUpload() {
        String csv = csv("id,signup", i -> i + "," + (i == 3 ? "0000-00-00" : i % 9 == 0 ? "2012-02-30"
                : String.format("2012-%02d-%02d", 1 + i % 12, 1 + i % 28)), 30);

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/too-many-rejected-rows");
        assertThat(EncodingUploadTests.errors(answer.json())).containsExactly(
                "4 signup \"0000-00-00\" is not a date like yyyy-MM-dd[ HH:mm[:ss]]",
                "10 signup \"2012-02-30\" is not a date like yyyy-MM-dd[ HH:mm[:ss]]",
                "19 signup \"2012-02-30\" is not a date like yyyy-MM-dd[ HH:mm[:ss]]",
                "28 signup \"2012-02-30\" is not a date like yyyy-MM-dd[ HH:mm[:ss]]");
    }

    @Test
    void aFewImpossibleDatesAreRejectedAndNamedInAWarning() {
        String csv = csv("id,signup", i -> i + "," + (i == 3 ? "0000-00-00"
                : String.format("2012-%02d-%02d", 1 + i % 12, 1 + i % 28)), 40);

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(DatasetApiTests.values(answer.json().get("columns"), "role")).containsExactly("ID", "DATE");
        assertThat(EncodingUploadTests.warnings(answer.json().get("quality"))).containsExactly(
                "Column \"signup\": 1 value could not be read as a date like yyyy-MM-dd[ HH:mm[:ss]]; its row was left out (see errors).");
    }

    @Test
    void labelsAndPostcodesMixingDigitsAndLettersStayCategorical() {
        String csv = csv("id,gender,postcode,spend", i -> i + "," + (i % 2 == 0 ? "Male" : "Female") + ","
                + (i % 6 == 0 ? "SW1A " + i + "AA" : String.valueOf(10115 + i)) + "," + i, 40);

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(DatasetApiTests.values(answer.json().get("columns"), "role"))
            .containsExactly("ID", "CATEGORICAL", "CATEGORICAL", "NUMERIC");
        assertThat(answer.json().get("quality").get("rejectedRows").asLong()).isZero();
    }

    @Test
    void aStrayZeroPaddedValueOrCodeAmongDecimalsLeavesTheColumnNumericButZipCodesStayText() {
        for (String stray : List.of("05", "0x1A")) {
            String csv = csv("id,income", i -> i + "," + (i == 7 ? stray : (1.5 * i) + ""), 41);

            Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(DatasetApiTests.values(answer.json().get("columns"), "role")).as(stray)
                .containsExactly("ID", "NUMERIC");
            assertThat(answer.json().get("quality").get("rejectedRows").asLong()).as(stray)
                .isEqualTo(stray.equals("05") ? 0 : 1);
        }
        String zips = csv("id,zip", i -> i + "," + (i % 10 == 0 ? String.format("%05d", 2100 + i) : (90000 + i) + ""), 40);
        Api.Answer answer = api.postCsv("/api/datasets?force=true", zips);
        assertThat(DatasetApiTests.values(answer.json().get("columns"), "role")).containsExactly("ID", "CATEGORICAL");
    }

    @Test
    void aFieldOfMoreThanFourMillionCharactersIsRefusedAndOneOfThreeMillionStored() {
        String three = "id,note,income\n1," + "x".repeat(3 << 20) + ",5\n2,short,6\n";
        String five = "id,note,income\n1,short,5\n2," + "x".repeat(5 << 20) + ",6\n";

        Api.Answer stored = api.postCsv("/api/datasets?force=true", three);
        Api.Answer refused = api.postCsv("/api/datasets?force=true", five);

        assertThat(stored.status()).as(stored.body().substring(0, Math.min(300, stored.body().length()))).isEqualTo(201);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(refused.json().get("detail").asString())
            .startsWith("The file has a field of more than " + (4 << 20) + " characters near line 3");
        // Fields each under the limit, a row over its own.
        String wide = "id,a,b,c\n1,x,y,z\n2," + "x".repeat(3 << 20) + "," + "y".repeat(3 << 20) + "," + "z".repeat(3 << 20)
                + "\n";
        Api.Answer wideRow = api.postCsv("/api/datasets?force=true", wide);
        assertThat(wideRow.status()).isEqualTo(400);
        assertThat(wideRow.json().get("detail").asString())
            .startsWith("The file has a row of more than " + (8 << 20) + " characters at line 3");
    }

    @Test
    void hugeValuesGiveAFiniteMeanAndStandardDeviation() {
        Api.Answer answer = api.postCsv("/api/datasets?force=true", "id,x\n1,1e308\n2,1e308\n3,-1e308\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode x = api.get("/api/datasets/" + answer.json().get("id").asLong() + "/summary").json().get("numeric").get(0);
        assertThat(x.get("mean").asDouble()).isCloseTo(1e308 / 3, withinPercentage(1e-9));
        assertThat(x.get("std").asDouble()).isCloseTo(1.1547005383792515e308, withinPercentage(1e-9));
        assertThat(x.get("p25").isNumber()).as(x.toString()).isTrue();
    }

    private static String csv(String header, IntFunction<String> row, int rows) {
        List<String> lines = new ArrayList<>(List.of(header));
        for (int i = 1; i <= rows; i++) {
            lines.add(row.apply(i));
        }
        return String.join("\n", lines) + "\n";
    }

}
