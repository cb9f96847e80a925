package io.customersegments.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * PostgreSQL's text cannot hold a NUL character, so no request may bring one: a JSON string with {@code \u0000} is an
 * unreadable body that names its field (400), as {@link NulParameterFilter} answers for query parameters, instead of
 * reaching the database and failing there (500).
 */
@Configuration(proxyBeanMethods = false)
class TextWithoutNul {

    static final char NUL = '\0';

    /** Every JSON string the service reads: refused when it holds a NUL (Spring Boot adds the module to its mapper). */
    @Bean
    JacksonModule nulRefusingStrings() {
        return new SimpleModule("text-without-nul").addDeserializer(String.class, new Deserializer());
    }

    private static final class Deserializer extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && text.indexOf(NUL) >= 0) {
                throw context.weirdStringException(text, String.class, "holds a NUL character");
            }
            return text;
        }

    }

}
