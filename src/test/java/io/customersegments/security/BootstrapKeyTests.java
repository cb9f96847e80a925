package io.customersegments.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

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
        }
    }

}
