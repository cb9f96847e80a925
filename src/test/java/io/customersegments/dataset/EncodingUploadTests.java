package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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

/** Bytes that are not plain text in the sniffed encoding: NUL characters, UTF-16 without a BOM, stray Latin-1 bytes. */
@ServiceTest
class EncodingUploadTests {

    @LocalServerPort
    int port;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void aNulCharacterRejectsItsRowWithLineAndColumn() {
        StringBuilder csv = new StringBuilder("id,name,age\n");
        for (int i = 1; i <= 40; i++) {
            String name = i == 3 ? "An\u0000n" : "name" + i;
            String age = i == 7 ? "3\u00000" : String.valueOf(20 + i);
            String id = i == 12 ? "c\u000012" : "c" + i;
            csv.append(id).append(',').append(name).append(',').append(age).append('\n');
        }

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv.toString());

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode quality = answer.json().get("quality");
        assertThat(answer.json().get("rowCount").asLong()).isEqualTo(37);
        assertThat(quality.get("rejectedRows").asLong()).isEqualTo(3);
        assertThat(errors(quality)).containsExactly("4 name contains a NUL character", "8 age contains a NUL character",
                "13 id contains a NUL character");
    }

    @Test
    void rowsWithNulCharactersCountTowardTheRejectionThreshold() {
        String csv = "id,name\n1,a\n2,b\u0000\n3,c\n4,\u0000\n5,e\n6,f\n7,g\n8,h\n9,i\n10,j\n";

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/too-many-rejected-rows");
        assertThat(errors(answer.json())).containsExactly("3 name contains a NUL character",
                "5 name contains a NUL character");
    }

    @Test
    void aNulCharacterInTheHeaderRefusesTheFileAsInvalidCsv() {
        Api.Answer answer = api.postCsv("/api/datasets?force=true", "id,na\u0000me\n1,a\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(answer.json().get("errors").get(0).get("line").asLong()).isEqualTo(1);
        assertThat(answer.json().get("errors").get(0).get("message").asString())
            .isEqualTo("column 2 contains a NUL character");
    }

    @Test
    void utf16WithoutAByteOrderMarkIsRecognisedFromItsZeroBytes() {
        String csv = "id,city,spend\n1,Zürich,3\n2,Kraków,4.5\n";
        for (Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            Api.Answer answer = api.postCsv("/api/datasets?force=true", csv.getBytes(charset));

            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            JsonNode quality = answer.json().get("quality");
            assertThat(quality.get("encoding").asString()).isEqualTo(charset.name());
            assertThat(DatasetApiTests.values(answer.json().get("columns"), "role"))
                .containsExactly("ID", "CATEGORICAL", "NUMERIC");
            assertThat(customers(answer.json()).get(1).get("values").get("city").asString()).isEqualTo("Kraków");
            assertThat(warnings(quality)).anySatisfy(warning -> assertThat(warning).contains(charset.name())
                .contains("without a byte-order mark")
                .contains("encoding=" + charset.name()));
        }
    }

    @Test
    void aStrayLatin1ByteInAUtf8FileRejectsItsRowInsteadOfReadingTheFileAsWindows1252() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,city,spend\n1,München,3\n2,Zürich,4\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("3,M\u00fcnster,5\n".getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 4; i <= 30; i++) {
            bytes.writeBytes((i + ",Köln," + i + "\n").getBytes(StandardCharsets.UTF_8));
        }

        Api.Answer answer = api.postCsv("/api/datasets?force=true", bytes.toByteArray());

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode quality = answer.json().get("quality");
        assertThat(quality.get("encoding").asString()).isEqualTo("UTF-8");
        assertThat(answer.json().get("rowCount").asLong()).isEqualTo(29);
        assertThat(errors(quality)).containsExactly("4 city contains an invalid UTF-8 byte 0xFC");
        assertThat(customers(answer.json()).get(0).get("values").get("city").asString()).isEqualTo("München");
        assertThat(warnings(quality)).anySatisfy(warning -> assertThat(warning).contains("not valid UTF-8")
            .contains("encoding=windows-1252"));
    }

    @Test
    void aStrayByteInTheHeaderOfAUtf8FileRefusesTheFileAsInvalidCsv() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("id,Stra\u00dfe\n".getBytes(StandardCharsets.ISO_8859_1));
        bytes.writeBytes("1,München\n2,Köln\n".getBytes(StandardCharsets.UTF_8));

        Api.Answer answer = api.postCsv("/api/datasets?force=true", bytes.toByteArray());

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(answer.json().get("detail").asString()).contains("encoding=windows-1252");
        assertThat(answer.json().get("errors").get(0).get("message").asString())
            .isEqualTo("column 2 contains an invalid UTF-8 byte 0xDF");
    }

    @Test
    void aGuessedWindows1252SaysSoAndHowToForceAnEncoding() {
        byte[] csv = "id,city,spend\n1,Zürich,3\n2,Málaga,4\n".getBytes(Charset.forName("windows-1252"));

        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv);

        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        JsonNode quality = answer.json().get("quality");
        assertThat(quality.get("encoding").asString()).isEqualTo("windows-1252");
        assertThat(warnings(quality)).anySatisfy(warning -> assertThat(warning).contains("windows-1252")
            .contains("encoding="));
    }

    @Test
    void cleanUtf8AndARequestedEncodingBringNoEncodingWarning() {
        Api.Answer utf8 = api.postCsv("/api/datasets?force=true", "id,city\n1,Zürich\n");
        Api.Answer requested = api.postCsv("/api/datasets?force=true&encoding=windows-1252",
                "id,city\n1,Zürich\n".getBytes(Charset.forName("windows-1252")));

        assertThat(utf8.status()).as(utf8.body()).isEqualTo(201);
        assertThat(warnings(utf8.json().get("quality"))).isEmpty();
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        assertThat(warnings(requested.json().get("quality"))).isEmpty();
    }

    @Test
    void aWideEncodingAskedForAUtf8FileIsRefusedSayingSo() {
        long before = api.get("/api/datasets?size=1").json().get("totalElements").asLong();

        Api.Answer answer = api.postCsv("/api/datasets?force=true&encoding=UTF-16", "id,city\n1,Zürich\n2,Bern\n");

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(answer.json().get("detail").asString()).contains("encoding=UTF-16 was given")
            .doesNotContain("no data rows");
        assertThat(api.get("/api/datasets?size=1").json().get("totalElements").asLong()).isEqualTo(before);
    }

    private JsonNode customers(JsonNode dataset) {
        return api.get("/api/datasets/" + dataset.get("id").asLong() + "/customers").json().get("content");
    }

    /** Each error as "line column message". */
    static List<String> errors(JsonNode withErrors) {
        List<String> errors = new ArrayList<>();
        withErrors.get("errors").forEach(error -> errors.add(error.get("line").asLong() + " "
                + error.get("column").asString() + " " + error.get("message").asString()));
        return errors;
    }

    static List<String> warnings(JsonNode quality) {
        List<String> warnings = new ArrayList<>();
        quality.get("warnings").forEach(warning -> warnings.add(warning.asString()));
        return warnings;
    }

}
