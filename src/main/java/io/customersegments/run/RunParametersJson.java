package io.customersegments.run;

import java.util.List;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.customersegments.run.RunRequest.Method;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;

/**
 * How the API shows a run's parameters: an RFM run's clustering options are null, since quintiles use none of them
 * (its stored parameters keep the values the engine's code paths expect, so stored runs read back unchanged: the
 * database's JSON is written by Hibernate's own mapper, which this module is not added to).
 */
@Configuration(proxyBeanMethods = false)
class RunParametersJson {

    /** The parameters of a clustering that an RFM run does not have. */
    static final Set<String> NOT_FOR_RFM = Set.of("kMin", "kMax", "selection", "scaling", "restarts",
            "rareCategoryShare", "screeningSample");

    /** Spring Boot adds the module to the mapper that writes the API's answers. */
    @Bean
    JacksonModule rfmParametersShownAsNull() {
        return new SimpleModule("run-parameters").setSerializerModifier(new ValueSerializerModifier() {

            @Override
            public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
                    BeanDescription.Supplier description, List<BeanPropertyWriter> properties) {
                if (description.getBeanClass() != RunParameters.class) {
                    return properties;
                }
                return properties.stream()
                    .map(property -> NOT_FOR_RFM.contains(property.getName()) ? new NullForRfm(property) : property)
                    .toList();
            }

        });
    }

    /** A property written as null when its run is an RFM run. */
    private static final class NullForRfm extends BeanPropertyWriter {

        private NullForRfm(BeanPropertyWriter property) {
            super(property);
        }

        @Override
        public void serializeAsProperty(Object bean, JsonGenerator generator, SerializationContext context)
                throws Exception {
            if (((RunParameters) bean).method() == Method.RFM) {
                generator.writeNullProperty(getName());
            }
            else {
                super.serializeAsProperty(bean, generator, context);
            }
        }

    }

}
