package io.customersegments.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document behind Swagger UI at /swagger-ui.html. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI segmentationOpenApi() {
        return new OpenAPI().info(new Info().title("Customer Segmentation Service")
            .version("v1")
            .description("Upload customer CSV files, cluster them into segments, and serve the named segments with "
                    + "their profiles and recommendations. Every error is an RFC 9457 application/problem+json "
                    + "document with a stable type under /problems/.")
            .license(new License().name("Apache License 2.0").identifier("Apache-2.0")))
            .components(new Components()
                .addSecuritySchemes(OpenApiContract.BEARER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer")
                    .description("An API key: Authorization: Bearer <key>. Roles: READER (live segments, lookups, "
                            + "predictions, charts), ANALYST (also uploads, runs, publishing, every read), ADMIN "
                            + "(also deletes, keys, audit)."))
                .addSecuritySchemes(OpenApiContract.HEADER_SCHEME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                    .in(SecurityScheme.In.HEADER)
                    .name("X-API-Key")
                    .description("The same API key in the X-API-Key header")))
            // Relative: the document serves whichever host it was fetched from, never the one it was built on.
            .servers(List.of(new Server().url("/").description("This service")))
            // The tags in the order of the workflow: upload, segment, serve, then the extras.
            .tags(List.of(new Tag().name("Datasets").description("Upload customer CSV files and read what was stored"),
                    new Tag().name("Segmentations").description("Cluster a dataset into segments and follow the run"),
                    new Tag().name("Segments").description("The live segments, for marketing apps"),
                    new Tag().name("Activation")
                        .description("Customers entering and leaving the live segments, for marketing tools"),
                    new Tag().name("Lifetime value")
                        .description("BG/NBD and Gamma-Gamma: who is still a customer, how much they will buy"),
                    new Tag().name("Charts").description("The notebook's pictures as resources: SVG by default, PNG on request"),
                    new Tag().name("Access").description("API keys, roles and the audit of changes")));
    }

    /** Fields of a reference type may be null unless declared otherwise; primitives never are. */
    @Bean
    PropertyCustomizer nullableReferences() {
        return OpenApiContract::nullable;
    }

    /** The shared Problem schema for every problem response, and required non-null fields. */
    @Bean
    OpenApiCustomizer problemsAndRequiredFields() {
        return api -> OpenApiContract.complete(api, WORKFLOW);
    }

    private static final List<String> WORKFLOW = List.of("Datasets", "Segmentations", "Segments", "Activation",
            "Lifetime value", "Charts", "Access");

}
