package io.customersegments;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The service's HTTP API as a test client sees it: real requests, JSON answers. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    /** The API key sent with every request, or null to send none. */
    private final String key;

    /** A client with the tests' ADMIN key. */
    public Api(int port) {
        this(port, TestKeys.ADMIN);
    }

    /** A client with the given key (null: none). */
    public Api(int port, String key) {
        this.base = "http://localhost:" + port;
        this.key = key;
    }

    /** The same service with another key (null: none). */
    public Api withKey(String otherKey) {
        return new Api(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
    }

    /** Makes a key with the given role (as the ADMIN this client must hold) and answers its secret. */
    public String createKey(String name, String role) {
        Answer made = postJson("/api/keys", "{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}");
        if (made.status() != 201) {
            throw new AssertionError("Making a key answered " + made.status() + ": " + made.body());
        }
        return made.json().get("secret").asString();
    }

    public record Answer(int status, String contentType, String location, String body, String etag,
            java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            return JSON.readTree(body);
        }

    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Answer get(String path, String accept) {
        return send(HttpRequest.newBuilder(uri(path)).header("Accept", accept).GET());
    }

    /** GETs with If-None-Match, to revalidate what an earlier answer's ETag named. */
    public Answer revalidate(String path, String etag) {
        return send(HttpRequest.newBuilder(uri(path)).header("If-None-Match", etag).GET());
    }

    public Answer delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** POSTs bytes as the raw request body with the given content type. */
    public Answer post(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Answer putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The lines of {@code mall_customers.csv}, its header first (to upload changed versions of it). */
    public static List<String> mallCustomerLines() {
        try (InputStream in = Api.class.getResourceAsStream("/data/mall_customers.csv")) {
            return List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\r?\n"));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** POSTs a body with a Content-Encoding header, e.g. gzip. */
    public Answer send(String path, String contentType, String contentEncoding, byte[] body) {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", contentType)
            .header("Content-Encoding", contentEncoding)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Stores {@code mall_customers.csv} as a new dataset (even when it is stored already) and returns its id. */
    public long uploadMallCustomers() {
        return upload("mall_customers.csv", "/api/datasets?force=true").get("id").asLong();
    }

    /**
     * Stores the CDNOW sample's order lines ({@code cdnow_sample.csv}, dates written 19970101) as a new TRANSACTIONS
     * dataset and answers it; its {@code derivedDatasetId} names its 2,357 customers.
     */
    public JsonNode uploadCdnowTransactions() {
        return upload("cdnow_sample.csv", "/api/datasets?kind=TRANSACTIONS&force=true&dateFormat=yyyyMMdd"
                + "&amountColumn=dollar_value");
    }

    /**
     * Stores {@code marketing_campaign_sample.tsv} (500 customers in the shape of the "Customer Personality Analysis"
     * file, tab-separated, dates dd-mm-yyyy, with planted problems) as a new customer dataset and answers it.
     */
    public JsonNode uploadMarketingCampaign() {
        return upload("marketing_campaign_sample.tsv", "/api/datasets?force=true");
    }

    private JsonNode upload(String file, String path) {
        byte[] csv;
        try (InputStream in = Api.class.getResourceAsStream("/data/" + file)) {
            csv = in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        Answer stored = postCsv(path, csv);
        if (stored.status() != 201) {
            throw new AssertionError("Storing " + file + " answered " + stored.status() + ": " + stored.body());
        }
        return stored.json();
    }

    public Answer postJson(String path, String json) {
        return post(path, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The keys of a dataset's columns, in catalogue order. */
    public List<String> columnKeys(long datasetId) {
        List<String> keys = new ArrayList<>();
        get("/api/datasets/" + datasetId).json().get("columns").forEach(column -> keys.add(column.get("key").asString()));
        return keys;
    }

    public Answer postCsv(String path, byte[] csv) {
        return post(path, "text/csv", csv);
    }

    public Answer postCsv(String path, String csv) {
        return postCsv(path, csv.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a multipart/form-data upload with the file in part {@code file} and the given extra text fields (name, value, ...). */
    public Answer postMultipart(String path, String filename, byte[] content, String... fields) {
        String boundary = "----test" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try {
            for (int i = 0; i + 1 < fields.length; i += 2) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                        + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.write(content);
            body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return post(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Starts a run with the given request, waits for it and answers its id; fails unless it SUCCEEDED. */
    public long succeededRun(String request) {
        Answer started = post("/api/segmentations", "application/json", request.getBytes(StandardCharsets.UTF_8));
        if (started.status() != 202) {
            throw new AssertionError("Starting a run answered " + started.status() + ": " + started.body());
        }
        long id = started.json().get("id").asLong();
        JsonNode run = awaitRun(id);
        if (!run.get("status").asString().equals("SUCCEEDED")) {
            throw new AssertionError("Run " + id + " ended " + run.get("status") + ": " + run.get("error"));
        }
        return id;
    }

    /** Polls a segmentation run until it is no longer QUEUED or RUNNING (deadline 120 s) and answers it. */
    public JsonNode awaitRun(long id) {
        return awaitStatus(id, "SUCCEEDED", "FAILED", "CANCELLED");
    }

    /** Polls a segmentation run until its status is one of those given (deadline 120 s) and answers it. */
    public JsonNode awaitStatus(long id, String... statuses) {
        return Poll.until(Duration.ofSeconds(120), "run " + id + " to be " + String.join(" or ", statuses), () -> {
            JsonNode run = get("/api/segmentations/" + id).json();
            return java.util.Arrays.asList(statuses).contains(run.get("status").asString()) ? run : null;
        });
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    private Answer send(HttpRequest.Builder request) {
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Location").orElse(null), response.body(),
                    response.headers().firstValue("ETag").orElse(null), response.headers());
        }
        catch (IOException ex) {
            throw new IllegalStateException("Request to " + base + " failed", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
