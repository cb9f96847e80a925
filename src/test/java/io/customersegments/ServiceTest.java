package io.customersegments;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/** A full service on a random port against the test PostgreSQL. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
// The schema as an inline property: placeholders in application.yml (Flyway's, Hikari's) resolve it before any
// registrar bean could; TestDatabase.TEST_SCHEMA reads the same variable.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "segmentation.database.schema=${TEST_DATABASE_SCHEMA:customer_segments_test}",
            "segmentation.security.bootstrap-key=" + TestKeys.ADMIN,
            // The tests' many quick requests are not what the per-key limits are for (RequestLimitTests sets its own).
            "segmentation.security.requests-per-second=1000000",
            // Webhook receivers run on loopback; retries come quickly, batches are small enough to see several.
            "segmentation.webhooks.allowed-hosts=127.0.0.1", "segmentation.webhooks.initial-backoff=100ms",
            "segmentation.webhooks.max-backoff=400ms", "segmentation.webhooks.poll=100ms",
            "segmentation.webhooks.timeout=5s", "segmentation.webhooks.batch-size=64" })
@Import(TestDatabaseConfiguration.class)
public @interface ServiceTest {

}
