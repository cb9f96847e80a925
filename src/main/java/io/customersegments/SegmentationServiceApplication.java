package io.customersegments;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class SegmentationServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SegmentationServiceApplication.class, args);
    }
}
