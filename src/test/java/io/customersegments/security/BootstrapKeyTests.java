package io.customersegments.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.ServiceProcess;
import io.customersegments.TestDatabase;

/** Secure from the first start: a database without keys gets one ADMIN key, logged once, and nothing is open. */
class BootstrapKeyTests {

    private static final String SCHEMA = TestDatabase.TEST_SCHEMA + "_bootstrap";

    private static final Pattern LOGGED_KEY = Pattern.compile("\\b(cs_[A-Za-z0-9_-]{43})\\b");

    @Test
    void aDatabaseWithoutKeysGetsOneAdminKeyPrintedOnceInTheLog() throws Exception {
        TestDatabase.Target database = TestDatabase.target();
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password())) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
        String key;
        try (ServiceProcess service = ServiceProcess.start("bootstrap-first", SCHEMA)) {
            Matcher logged = LOGGED_KEY.matcher(Files.readString(service.log()));
            assertThat(logged.find()).as("the key in the log").isTrue();
            key = logged.group(1);
            assertThat(logged.find()).as("the key printed once").isFalse();
            assertThat(service.api(null).get("/api/datasets").status()).isEqualTo(401);
            assertThat(service.api(key).get("/api/keys/current").json().get("role").asString()).isEqualTo("ADMIN");
        }
        // A second start finds the key and makes none.
        try (ServiceProcess service = ServiceProcess.start("bootstrap-second", SCHEMA)) {
            assertThat(LOGGED_KEY.matcher(Files.readString(service.log())).find()).isFalse();
            assertThat(service.api(key).get("/api/keys").json().get("totalElements").asLong()).isEqualTo(1);

            // The last usable ADMIN key cannot be revoked: nobody could manage keys, webhooks or deletions.
            Api.Answer alone = service.api(key).delete("/api/keys/1");
            assertThat(alone.status()).isEqualTo(409);
            assertThat(alone.json().get("type").asString()).isEqualTo("/problems/last-admin-key");
            assertThat(alone.json().get("detail").asString()).contains("Make another ADMIN key first");
            JsonNode other = service.api(key).postJson("/api/keys", "{\"name\": \"second admin\", \"role\": "
                    + "\"ADMIN\"}").json();
            String otherSecret = other.get("secret").asString();
            assertThat(service.api(otherSecret).delete("/api/keys/1").status()).isEqualTo(204);
            assertThat(service.api(otherSecret).delete("/api/keys/" + other.get("key").get("id").asLong()).status())
                .isEqualTo(409);
        }
        // Every ADMIN key gone all the same (expired, or revoked in the database): a start makes one again.
        try (Connection connection = DriverManager.getConnection(database.url(), database.username(),
                database.password())) {
            connection.createStatement().execute("UPDATE " + SCHEMA + ".api_key SET revoked_at = now()");
        }
        try (ServiceProcess service = ServiceProcess.start("bootstrap-recovery", SCHEMA)) {
            Matcher logged = LOGGED_KEY.matcher(Files.readString(service.log()));
            assertThat(logged.find()).as("a recovery key in the log").isTrue();
            JsonNode current = service.api(logged.group(1)).get("/api/keys/current").json();
            assertThat(current.get("role").asString()).isEqualTo("ADMIN");
            assertThat(current.get("name").asString()).isEqualTo("bootstrap (recovery)");
            assertThat(service.api(key).get("/api/keys/current").status()).isEqualTo(401);
        }
    }

}
