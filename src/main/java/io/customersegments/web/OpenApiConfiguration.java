package io.customersegments.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;

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
            .license(new License().name("Apache-2.0")));
    }

}
