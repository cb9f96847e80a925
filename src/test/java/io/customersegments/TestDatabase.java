package io.customersegments;

import java.util.Optional;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The PostgreSQL the tests run against: a Testcontainers container where Docker runs, else the
 * database named by {@code TEST_DATABASE_URL} (with {@code TEST_DATABASE_USERNAME} and
 * {@code TEST_DATABASE_PASSWORD}), else the local server on localhost:5432 as user postgres.
 * Outside a container the tests keep to a schema of their own, so a developer's data is never touched.
 */
public final class TestDatabase {

    /** The schema the tests use; {@code TEST_DATABASE_SCHEMA} lets two builds share one database. */
    public static final String TEST_SCHEMA = env("TEST_DATABASE_SCHEMA").orElse("customer_segments_test");

    public record Target(String url, String username, String password, String schema) {
    }

    private static Boolean dockerAvailable;

    private static PostgreSQLContainer container;

    private TestDatabase() {
    }

    public static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = !"false".equals(System.getenv("TESTCONTAINERS_ENABLED")) && probeDocker();
        }
        return dockerAvailable;
    }

    private static boolean probeDocker() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        }
        catch (RuntimeException | LinkageError ex) {
            return false;
        }
    }

    /** The one container shared by every test in this JVM (started on first use). */
    public static synchronized PostgreSQLContainer container() {
        if (container == null) {
            container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
        }
        return container;
    }

    public static Target target() {
        if (dockerAvailable()) {
            PostgreSQLContainer postgres = container();
            return new Target(postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword(), TEST_SCHEMA);
        }
        return new Target(env("TEST_DATABASE_URL").orElse("jdbc:postgresql://localhost:5432/postgres"),
                env("TEST_DATABASE_USERNAME").orElse("postgres"), env("TEST_DATABASE_PASSWORD").orElse(""),
                TEST_SCHEMA);
    }

    private static Optional<String> env(String name) {
        return Optional.ofNullable(System.getenv(name)).filter(value -> !value.isBlank());
    }

}
