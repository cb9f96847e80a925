package io.customersegments.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the audit in front of the API's handlers (not in web-slice tests, which have no audit log). */
@Configuration(proxyBeanMethods = false)
class AuditWebConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<AuditLog> audit;

    AuditWebConfiguration(ObjectProvider<AuditLog> audit) {
        this.audit = audit;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        AuditLog log = audit.getIfAvailable();
        if (log != null) {
            registry.addInterceptor(new AuditInterceptor(log)).addPathPatterns("/api/**");
        }
    }

}
