package io.customersegments.web;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;

/**
 * What makes the OpenAPI document a contract a client generator can use, beyond what the annotations say:
 * every field that can be null says so (and every one that cannot is required), and every problem response
 * has the shared {@code Problem} schema.
 */
final class OpenApiContract {

    static final String PROBLEM_MEDIA_TYPE = "application/problem+json";

    static final String PROBLEM_SCHEMA = "Problem";

    private static final Set<String> NON_NULL_ANNOTATIONS = Set.of("NotNull", "NotBlank", "NotEmpty");

    private OpenApiContract() {
    }

    /**
     * A property of a reference type (a record component that is not a primitive) may be null unless it is
     * declared not to be: in OpenAPI 3.1 its type gains "null", and a reference is wrapped in anyOf with null.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static Schema nullable(Schema property, AnnotatedType type) {
        // Only a record's own fields: the items of a list and the values of a map are never null.
        if (property == null || type.getPropertyName() == null || !mayBeNull(type)) {
            return property;
        }
        if (property.get$ref() != null) {
            Schema wrapped = new Schema<>();
            wrapped.setAnyOf(List.of(new Schema<>().$ref(property.get$ref()), nullType()));
            wrapped.setDescription(property.getDescription());
            return wrapped;
        }
        Set<String> types = new LinkedHashSet<>();
        if (property.getTypes() != null) {
            types.addAll(property.getTypes());
        }
        else if (property.getType() != null) {
            types.add(property.getType());
        }
        if (!types.isEmpty()) {
            types.add("null");
            property.setTypes(types);
            if (property.getEnum() != null && !property.getEnum().contains(null)) {
                List<Object> values = new ArrayList<>(property.getEnum());
                values.add(null);
                property.setEnum(values);
            }
        }
        return property;
    }

    private static boolean mayBeNull(AnnotatedType type) {
        Type javaType = type.getType();
        if (javaType instanceof Class<?> raw && raw.isPrimitive()) {
            return false;
        }
        if (javaType instanceof com.fasterxml.jackson.databind.JavaType jackson && jackson.isPrimitive()) {
            return false;
        }
        if (type.getCtxAnnotations() != null) {
            for (Annotation annotation : type.getCtxAnnotations()) {
                if (NON_NULL_ANNOTATIONS.contains(annotation.annotationType().getSimpleName())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The security schemes: an API key as a bearer token, or in the X-API-Key header. */
    static final String BEARER_SCHEME = "bearerKey";

    static final String HEADER_SCHEME = "apiKeyHeader";

    /** Every operation needs a key: it says so, and that it may answer 401, 403 and 429. */
    private static void secure(io.swagger.v3.oas.models.Operation operation) {
        operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER_SCHEME),
                new SecurityRequirement().addList(HEADER_SCHEME)));
        addProblem(operation, "401", "No valid API key (missing, unknown, revoked or expired)");
        addProblem(operation, "403", "The key's role may not do this");
        addProblem(operation, "429", "The key made more requests than its limit; see Retry-After");
    }

    /**
     * The problems any operation of its shape may answer, whether or not its controller lists them: a path id that
     * names nothing or is of the wrong type, a parameter or body that cannot be used, a body too large or of another
     * media type, and an Accept header that admits nothing it has.
     */
    private static void commonProblems(io.swagger.v3.oas.models.Operation operation) {
        List<io.swagger.v3.oas.models.parameters.Parameter> parameters = operation.getParameters() == null ? List.of()
                : operation.getParameters();
        boolean pathParameters = parameters.stream().anyMatch(parameter -> "path".equals(parameter.getIn()));
        if (pathParameters) {
            addProblem(operation, "404", "Nothing has that id (or key)");
        }
        if (!parameters.isEmpty() || operation.getRequestBody() != null) {
            addProblem(operation, "400", "A parameter or the body cannot be used; the problem names which");
        }
        if (operation.getRequestBody() != null) {
            addProblem(operation, "413", "The body is larger than the service accepts");
            addProblem(operation, "415", "The body is of a media type this operation does not take");
        }
        addProblem(operation, "406", "The Accept header admits no representation this operation has");
    }

    private static void addProblem(io.swagger.v3.oas.models.Operation operation, String status, String description) {
        if (!operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_MEDIA_TYPE, new MediaType())));
        }
    }

    private static Schema<Object> nullType() {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(new LinkedHashSet<>(List.of("null")));
        return schema;
    }

    /**
     * Adds the Problem schema and points every problem response at it; marks the non-null properties required; puts
     * the tags in the given order (the workflow's), whatever order the controllers were found in.
     */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    static void complete(OpenAPI api, List<String> tagOrder) {
        if (api.getTags() != null) {
            List<io.swagger.v3.oas.models.tags.Tag> tags = new ArrayList<>(api.getTags());
            tags.sort(java.util.Comparator.comparingInt(tag -> tagOrder.indexOf(tag.getName()) < 0 ? tagOrder.size()
                    : tagOrder.indexOf(tag.getName())));
            api.setTags(tags);
        }
        api.getComponents().addSchemas(PROBLEM_SCHEMA, problem());
        api.getPaths().values().forEach(path -> path.readOperations().forEach(operation -> {
            if (operation.getResponses() == null) {
                return;
            }
            secure(operation);
            commonProblems(operation);
            operation.getResponses().values().forEach(response -> {
                Content content = response.getContent();
                if (content != null && content.containsKey(PROBLEM_MEDIA_TYPE)) {
                    content.put(PROBLEM_MEDIA_TYPE, new MediaType().schema(new Schema<>().$ref(
                            "#/components/schemas/" + PROBLEM_SCHEMA)));
                }
            });
        }));
        for (Schema schema : api.getComponents().getSchemas().values()) {
            Map<String, Schema> properties = schema.getProperties();
            if (properties == null || schema == api.getComponents().getSchemas().get(PROBLEM_SCHEMA)) {
                continue;
            }
            // The items of a list and the values of a map are never null, whatever their Java type.
            properties.values().forEach(property -> {
                if (property.getItems() != null) {
                    property.setItems(nonNull(property.getItems()));
                }
                if (property.getAdditionalProperties() instanceof Schema values) {
                    Schema value = nonNull(values);
                    if (value.getItems() != null) {
                        value.setItems(nonNull(value.getItems()));
                    }
                    property.setAdditionalProperties(value);
                }
            });
            List<String> required = new ArrayList<>(schema.getRequired() == null ? List.of() : schema.getRequired());
            properties.forEach((name, property) -> {
                // An untyped property (a Java Object, such as a column's min) may hold anything, null too.
                boolean untyped = property.get$ref() == null && property.getTypes() == null && property.getType() == null;
                boolean nullable = untyped || property.getAnyOf() != null
                        || property.getTypes() != null && property.getTypes().contains("null");
                if (!nullable && !required.contains(name)) {
                    required.add(name);
                }
            });
            schema.setRequired(required.isEmpty() ? null : required);
        }
    }

    /** The schema without the "null" that {@link #nullable} gave it. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema nonNull(Schema schema) {
        if (schema.getAnyOf() != null) {
            List<Schema> alternatives = ((List<Schema>) schema.getAnyOf()).stream()
                .filter(alternative -> alternative.getTypes() == null || !alternative.getTypes().equals(Set.of("null")))
                .toList();
            return alternatives.size() == 1 ? alternatives.get(0) : schema;
        }
        if (schema.getTypes() != null && schema.getTypes().contains("null") && schema.getTypes().size() > 1) {
            Set<String> types = new LinkedHashSet<>(schema.getTypes());
            types.remove("null");
            schema.setTypes(types);
            if (schema.getEnum() != null) {
                List<Object> values = new ArrayList<>(schema.getEnum());
                values.remove(null);
                schema.setEnum(values);
            }
        }
        return schema;
    }

    /** RFC 9457's members, and the extension members the service's problems carry. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema problem() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", text("A stable URI per kind of problem, e.g. /problems/invalid-csv"));
        properties.put("title", text("A short human summary of the kind of problem"));
        properties.put("status", new Schema<>().types(Set.of("integer")).format("int32").description("The HTTP status"));
        properties.put("detail", text("What went wrong with this request, and what to do"));
        properties.put("instance", text("The request's path"));
        Map<String, Schema> errorProperties = new LinkedHashMap<>();
        errorProperties.put("line", new Schema<>().types(Set.of("integer", "null")).format("int64")
            .description("A line of the uploaded file"));
        errorProperties.put("column", nullableText("A column of the uploaded file"));
        errorProperties.put("field", nullableText("A field of the request"));
        errorProperties.put("parameter", nullableText("A parameter of the request"));
        errorProperties.put("index", nullableText("A customer of a predict request, by its position"));
        errorProperties.put("message", text("What is wrong there"));
        Schema error = new Schema<>().types(Set.of("object")).properties(errorProperties).required(List.of("message"));
        properties.put("errors", new Schema<>().types(Set.of("array", "null")).items(error)
            .description("Each thing wrong, where it is"));
        properties.put("errorsTruncated", new Schema<>().types(Set.of("boolean", "null")));
        properties.put("existingDatasetId", new Schema<>().types(Set.of("integer", "null")).format("int64")
            .description("A duplicate upload: the dataset that holds the same bytes"));
        properties.put("derivedDatasetId", new Schema<>().types(Set.of("integer", "null")).format("int64")
            .description("Order lines used where customers are needed: the customers derived from them"));
        properties.put("parameter", nullableText("The parameter that cannot be used"));
        properties.put("runStatus", nullableText("The run's status, when it does not allow the request"));
        properties.put("unknown", new Schema<>().types(Set.of("array", "null")).items(new Schema<>().types(Set.of("string")))
            .description("Columns the dataset does not have"));
        properties.put("feature", nullableText("A derived feature whose formula is invalid"));
        properties.put("expression", nullableText("The invalid formula"));
        properties.put("position", new Schema<>().types(Set.of("integer", "null")).format("int32")
            .description("Where in the formula, from 0"));
        properties.put("knownColumns", new Schema<>().types(Set.of("array", "null"))
            .items(new Schema<>().types(Set.of("string"))).description("The columns a formula may read"));
        properties.put("reference", nullableText("An internal error's reference, as logged"));
        properties.put("requestId", nullableText("The request's id, as in its X-Request-Id header and the log"));
        properties.put("datasetId", nullableInteger("The dataset the problem is about"));
        properties.put("segmentationId", nullableInteger("The run the problem is about"));
        properties.put("dataRows", nullableInteger("A refused upload: its data rows"));
        properties.put("rejectedRows", nullableInteger("A refused upload: the rows it rejected"));
        properties.put("maxRejectedShare", new Schema<>().types(Set.of("number", "null")).format("double")
            .description("A refused upload: the share of rejected rows allowed"));
        properties.put("maxCustomers", nullableInteger("The most customers one predict call may score"));
        properties.put("maxConcurrentUploads", nullableInteger("Uploads that may run at once"));
        properties.put("maxConcurrentExports", nullableInteger("Exports that may run at once"));
        properties.put("maxBytes", nullableInteger("The largest body or upload accepted, in bytes"));
        properties.put("sha256", nullableText("A duplicate upload: the SHA-256 of its bytes"));
        properties.put("errorCount", nullableInteger("How many distinct errors there were, when errors lists fewer"));
        properties.put("deliveryId", nullableInteger("The webhook delivery the problem is about"));
        properties.put("deliveryStatus", nullableText("The delivery's status, when it does not allow the request"));
        properties.put("webhookId", nullableInteger("The webhook the problem is about"));
        properties.put("keyId", nullableInteger("The API key the problem is about"));
        properties.put("latestDatasetId", nullableInteger("A refused version: the table's latest version"));
        properties.put("versionDatasetIds", new Schema<>().types(Set.of("array", "null"))
            .items(new Schema<>().types(Set.of("integer")).format("int64"))
            .description("The later versions that keep a first version from being deleted"));
        for (String columns : List.of("missing", "added", "changed")) {
            properties.put(columns, new Schema<>().types(Set.of("array", "null"))
                .items(new Schema<>().types(Set.of("string")))
                .description("A refused version: " + switch (columns) {
                    case "missing" -> "the latest version's columns it lacks";
                    case "added" -> "its columns the latest version does not have";
                    default -> "columns it has with another type than the latest version";
                }));
        }
        return new Schema<>().types(Set.of("object"))
            .description("An RFC 9457 problem: every error the service answers, as application/problem+json")
            .properties(properties)
            .required(List.of("type", "title", "status"));
    }

    private static Schema<Object> text(String description) {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(Set.of("string"));
        schema.setDescription(description);
        return schema;
    }

    private static Schema<Object> nullableInteger(String description) {
        Schema<Object> schema = new Schema<>();
        schema.setTypes(new LinkedHashSet<>(List.of("integer", "null")));
        schema.setFormat("int64");
        schema.setDescription(description);
        return schema;
    }

    private static Schema<Object> nullableText(String description) {
        Schema<Object> schema = text(description);
        schema.setTypes(new LinkedHashSet<>(List.of("string", "null")));
        return schema;
    }

}
