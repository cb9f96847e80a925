package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/**
 * The corpus of bad files under src/test/resources/csv/bad: each upload is refused with exactly the
 * problem in the .json file beside it, and leaves the database as it was.
 */
@ServiceTest
@TestPropertySource(properties = { "segmentation.upload.max-columns=20", "segmentation.upload.max-size=200KB" })
class BadUploadTests {

    private static final Path CORPUS = Path.of("src/test/resources/csv/bad");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    Api api;

    @BeforeEach
    void storeAGoodDatasetFirst() {
        api = new Api(port);
        api.uploadMallCustomers();
    }

    static Stream<Arguments> corpus() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(file -> file.toString().endsWith(".csv"))
                .sorted()
                .map(file -> Arguments.of(file.getFileName().toString()))
                .toList()
                .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusesTheFileWithItsExactProblemAndStoresNothing(String file) throws IOException {
        byte[] csv = Files.readAllBytes(CORPUS.resolve(file));
        Path expectedFile = CORPUS.resolve(file.replace(".csv", ".json"));
        DatabaseState before = DatabaseState.of(jdbc);

        Api.Answer answer = api.postCsv("/api/datasets", csv);

        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(Files.exists(expectedFile)).as("expected problem %s; the answer was %s", expectedFile, answer.body())
            .isTrue();
        // Every problem names its request's id, a new one each time (RequestIdTests): the rest is compared exactly.
        tools.jackson.databind.node.ObjectNode problem = (tools.jackson.databind.node.ObjectNode) answer.json();
        assertThat(problem.remove("requestId").asString()).matches("[0-9a-f-]{36}");
        assertThat((tools.jackson.databind.JsonNode) problem).isEqualTo(Api.JSON.readTree(Files.readString(expectedFile)));
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void refusesBytesThatAreNotUtf8PastTheSniffedPrefix() {
        StringBuilder csv = new StringBuilder("id,city\n");
        for (int i = 1; csv.length() < 70_000; i++) {
            csv.append(i).append(",Zürich\n");
        }
        byte[] utf8 = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] tail = "99999,M\u00fcnchen\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] mixed = new byte[utf8.length + tail.length];
        System.arraycopy(utf8, 0, mixed, 0, utf8.length);
        System.arraycopy(tail, 0, mixed, utf8.length, tail.length);
        long lastLine = csv.chars().filter(c -> c == '\n').count() + 1;
        DatabaseState before = DatabaseState.of(jdbc);

        Api.Answer answer = api.postCsv("/api/datasets", mixed);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(answer.json().get("detail").asString()).startsWith("The file is not valid UTF-8 near line " + lastLine)
            .contains("encoding=windows-1252");
        assertThat(answer.json().get("errors").get(0).get("line").asLong()).isEqualTo(lastLine);
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void aGzipBodyCutShortOrANameWithANulIsTheClientsProblemNotAnInternalError() throws IOException {
        byte[] csv = ("id,age,income\n" + "1,20,30\n2,21,31\n3,22,32\n".repeat(200)).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(compressed)) {
            gzip.write(csv);
        }
        byte[] whole = compressed.toByteArray();
        DatabaseState before = DatabaseState.of(jdbc);

        // Cut inside the compressed data, inside the 8-byte trailer, and inside the 10-byte header.
        Api.Answer truncated = api.send("/api/datasets?force=true", "text/csv", "gzip",
                java.util.Arrays.copyOf(whole, whole.length / 2));
        Api.Answer noTrailer = api.send("/api/datasets?force=true", "text/csv", "gzip",
                java.util.Arrays.copyOf(whole, whole.length - 4));
        Api.Answer noHeader = api.send("/api/datasets?force=true", "text/csv", "gzip", java.util.Arrays.copyOf(whole, 5));
        Api.Answer nulName = api.postCsv("/api/datasets?force=true&name=a%00b", csv);
        Api.Answer nulField = api.postMultipart("/api/datasets?force=true", "ages.csv", csv, "name", "a\u0000b");

        assertThat(truncated.status()).as(truncated.body()).isEqualTo(400);
        assertThat(truncated.json().get("type").asString()).isEqualTo("/problems/invalid-csv");
        assertThat(truncated.json().get("detail").asString()).contains("ends early");
        assertThat(noTrailer.status()).as(noTrailer.body()).isEqualTo(400);
        assertThat(noTrailer.json().get("detail").asString()).contains("ends early");
        assertThat(noHeader.status()).as(noHeader.body()).isEqualTo(400);
        assertThat(noHeader.json().get("parameter").asString()).isEqualTo("Content-Encoding");
        assertThat(nulName.status()).as(nulName.body()).isEqualTo(400);
        assertThat(nulName.json().get("errors").get(0).get("parameter").asString()).isEqualTo("name");
        assertThat(nulField.status()).as(nulField.body()).isEqualTo(400);
        assertThat(nulField.json().get("parameter").asString()).isEqualTo("name");
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

    @Test
    void answers413BeyondTheMaximumSizeForRawBodiesAndMultipart() {
        byte[] big = ("id,age\n" + "1,20\n".repeat(50_000)).getBytes(StandardCharsets.UTF_8);
        DatabaseState before = DatabaseState.of(jdbc);

        Api.Answer raw = api.postCsv("/api/datasets", big);
        Api.Answer multipart = api.postMultipart("/api/datasets", "big.csv", big);

        assertThat(raw.status()).isEqualTo(413);
        assertThat(raw.json().get("type").asString()).isEqualTo("/problems/upload-too-large");
        assertThat(raw.json().get("maxBytes").asLong()).isEqualTo(200 * 1024);
        assertThat(multipart.status()).isEqualTo(413);
        assertThat(multipart.json().get("type").asString()).isEqualTo("/problems/upload-too-large");
        assertThat(DatabaseState.of(jdbc)).isEqualTo(before);
    }

}
