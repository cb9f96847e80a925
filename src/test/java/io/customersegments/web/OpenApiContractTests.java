package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/**
 * The published OpenAPI document is a contract a client generator can use: it passes the parser and validator
 * openapi-generator checks documents with, and the rules a generated client needs hold for every operation.
 */
@ServiceTest
class OpenApiContractTests {

    @LocalServerPort
    int port;

    OpenAPI api;

    List<String> messages;

    @BeforeEach
    void setUp() {
        String document = new Api(port).get("/v3/api-docs").body();
        // The build generates a client from this very document for ClientWorkflowIT (see pom.xml).
        String target = System.getProperty("openapi.document");
        if (target != null) {
            try {
                Files.createDirectories(Path.of(target).getParent());
                Files.writeString(Path.of(target), document);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIParser().readContents(document, null, options);
        api = parsed.getOpenAPI();
        messages = parsed.getMessages() == null ? List.of() : parsed.getMessages();
    }

    private List<Map.Entry<String, Operation>> operations() {
        List<Map.Entry<String, Operation>> operations = new ArrayList<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
            .forEach((method, operation) -> operations.add(Map.entry(method + " " + path, operation))));
        return operations;
    }

    @Test
    void theDocumentPassesTheValidatorWithoutAMessage() {
        assertThat(messages).isEmpty();
        assertThat(api.getInfo().getLicense().getIdentifier()).isEqualTo("Apache-2.0");
        assertThat(api.getTags()).extracting(tag -> tag.getName())
            .containsExactly("Datasets", "Segmentations", "Segments", "Activation", "Lifetime value", "Charts", "Access");
    }

    @Test
    void everyOperationHasAMeaningfulUniqueIdAndItsSuccessAndProblemResponses() {
        Set<String> ids = new HashSet<>();
        for (Map.Entry<String, Operation> entry : operations()) {
            Operation operation = entry.getValue();
            String where = entry.getKey();
            assertThat(operation.getOperationId()).as(where).matches("[a-z][A-Za-z]+");
            assertThat(ids.add(operation.getOperationId())).as("%s: %s is unique", where, operation.getOperationId())
                .isTrue();
            assertThat(operation.getTags()).as(where).hasSize(1);
            List<String> success = operation.getResponses().keySet().stream().filter(code -> code.startsWith("2")).toList();
            assertThat(success).as("%s answers a 2xx", where).isNotEmpty();
            assertThat(operation.getResponses().keySet()).as("%s documents a 4xx", where)
                .anyMatch(code -> code.startsWith("4"));
            operation.getResponses().forEach((code, response) -> checkResponse(where + " " + code, code, response));
        }
    }

    @Test
    void everyOperationDocumentsTheProblemsItsShapeCanAnswer() {
        for (Map.Entry<String, Operation> entry : operations()) {
            Operation operation = entry.getValue();
            Set<String> codes = operation.getResponses().keySet();
            assertThat(codes).as(entry.getKey()).contains("406");
            if (entry.getKey().contains("{")) {
                assertThat(codes).as(entry.getKey()).contains("400", "404");
            }
            if (operation.getRequestBody() != null) {
                assertThat(codes).as(entry.getKey()).contains("400", "413", "415");
            }
        }
        @SuppressWarnings("rawtypes")
        io.swagger.v3.oas.models.media.Schema errors = (io.swagger.v3.oas.models.media.Schema) api.getComponents()
            .getSchemas().get("Problem").getProperties().get("errors");
        assertThat(errors.getItems().getProperties()).containsKeys("line", "column", "field", "parameter", "index",
                "message");
    }

    @Test
    void everyOperationDeclaresTheKeySchemesSoSwaggerUiAuthorizeWorks() {
        assertThat(api.getComponents().getSecuritySchemes().get("bearerKey").getScheme()).isEqualTo("bearer");
        assertThat(api.getComponents().getSecuritySchemes().get("apiKeyHeader").getName()).isEqualTo("X-API-Key");
        for (Map.Entry<String, Operation> entry : operations()) {
            assertThat(entry.getValue().getSecurity()).as(entry.getKey())
                .anySatisfy(requirement -> assertThat(requirement).containsKey("bearerKey"));
            assertThat(entry.getValue().getResponses()).as(entry.getKey()).containsKeys("401", "403", "429");
        }
    }

    private static void checkResponse(String where, String code, ApiResponse response) {
        if (code.equals("204")) {
            assertThat(response.getContent()).as(where).isNullOrEmpty();
            return;
        }
        assertThat(response.getContent()).as(where + " has content").isNotEmpty();
        for (Map.Entry<String, MediaType> content : response.getContent().entrySet()) {
            assertThat(content.getKey()).as(where).isNotEqualTo("*/*");
            Schema<?> schema = content.getValue().getSchema();
            assertThat(schema).as(where + " " + content.getKey() + " has a schema").isNotNull();
            if (code.startsWith("4") || code.startsWith("5")) {
                assertThat(content.getKey()).as(where).isEqualTo("application/problem+json");
                assertThat(schema.get$ref()).as(where).isEqualTo("#/components/schemas/Problem");
            }
            else {
                assertThat(schema.get$ref() != null || schema.getType() != null || schema.getTypes() != null
                        || schema.getAnyOf() != null).as(where + " " + content.getKey() + " says what it holds").isTrue();
            }
        }
    }

    @Test
    void theMainRequestsHaveExamples() {
        MediaType start = api.getPaths().get("/api/segmentations").getPost().getRequestBody().getContent()
            .get("application/json");
        assertThat(start.getExamples()).containsKeys("classic", "engineered", "soft", "rfm");
        assertThat(api.getPaths().get("/api/segmentations/{id}/predict").getPost().getRequestBody().getContent()
            .get("application/json").getSchema().getItems().getExample()).isNotNull();
    }

    @Test
    void theTwoUploadsAreTwoOperations() {
        Operation multipart = api.getPaths().get("/api/datasets").getPost();
        Operation raw = api.getPaths().get("/api/datasets/csv").getPost();
        assertThat(multipart.getOperationId()).isEqualTo("uploadDataset");
        assertThat(multipart.getRequestBody().getContent().keySet()).containsExactly("multipart/form-data");
        assertThat(raw.getOperationId()).isEqualTo("uploadDatasetCsv");
        assertThat(raw.getRequestBody().getContent()).containsKey("text/csv").doesNotContainKey("multipart/form-data");
    }

    @Test
    void fieldsThatCanBeNullSaySoAndTheOthersAreRequired() {
        Schema<?> run = api.getComponents().getSchemas().get("SegmentationView");
        for (String nullable : List.of("startedAt", "finishedAt", "publishedAt", "k", "rowsUsed", "timings", "error")) {
            assertThat(run.getProperties().get(nullable).getTypes()).as(nullable).contains("null");
            assertThat(run.getRequired()).doesNotContain(nullable);
        }
        assertThat(run.getProperties().get("selection").getAnyOf()).as("selection may be null").hasSize(2);
        assertThat(run.getRequired()).contains("id", "datasetId", "progress");
        // A column's min and max are numbers, dates as text, or null for text columns: untyped, never required.
        Schema<?> quality = api.getComponents().getSchemas().get("ColumnQuality");
        assertThat(quality.getRequired()).doesNotContain("min", "max");
        assertThat(api.getServers()).extracting(server -> server.getUrl()).containsExactly("/");
        Schema<?> problem = api.getComponents().getSchemas().get("Problem");
        assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance", "errors",
                "existingDatasetId", "parameter", "runStatus");
        assertThat(problem.getRequired()).containsExactlyInAnyOrder("type", "title", "status");
    }

}
