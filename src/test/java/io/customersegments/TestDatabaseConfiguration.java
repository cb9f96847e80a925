package io.customersegments;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Points a Spring test context at {@link TestDatabase}: a service connection where Docker runs, properties otherwise. */
@TestConfiguration(proxyBeanMethods = false)
public class TestDatabaseConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(DockerRuns.class)
    PostgreSQLContainer postgresContainer() {
        return TestDatabase.container();
    }

    @Bean
    DynamicPropertyRegistrar testDatabaseProperties() {
        return registry -> {
            if (!TestDatabase.dockerAvailable()) {
                TestDatabase.Target target = TestDatabase.target();
                registry.add("spring.datasource.url", target::url);
                registry.add("spring.datasource.username", target::username);
                registry.add("spring.datasource.password", target::password);
            }
        };
    }

    static class DockerRuns implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return TestDatabase.dockerAvailable();
        }

    }

}
