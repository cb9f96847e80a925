package io.customersegments.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import io.customersegments.web.FilterProblems;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may do what. The pages, the API document and health are open; everything else needs a key, and the
 * key's role decides (each role includes the ones before it):
 * <ul>
 * <li>READER: the live segments, customer lookups, and the predictions and charts of published runs;</li>
 * <li>ANALYST: also uploads, runs, publishing and every other read (and cancelling a run);</li>
 * <li>ADMIN: also deletes, keys and the audit, and whatever is not listed.</li>
 * </ul>
 * Stateless: no session, no cookie, so no cross-site request can ride on a browser's credentials.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SecurityConfiguration {

    private static final String READER = Role.READER.name();

    private static final String ANALYST = Role.ANALYST.name();

    private static final String ADMIN = Role.ADMIN.name();

    private final SecurityProblems problems;

    SecurityConfiguration(AuditLog audit, JsonMapper json) {
        this.problems = new SecurityProblems(new FilterProblems(json), audit);
    }

    /**
     * No observation per security filter and decision: wrapping each of them cost about a third of a
     * {@code GET /api/segments} (bench/auth). The whole request is still timed (http.server.requests).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * The live segments, which marketing apps poll far more than anything else, pass through a shorter chain:
     * the key, the role and nothing else (no anonymous user, no session or request-cache machinery, no
     * servlet-API wrapper), as the resource needs none of them. The same key check, limits and problems.
     */
    @Bean
    @Order(1)
    SecurityFilterChain liveSegmentsSecurity(HttpSecurity http, KeyChecks keys, RequestLimits limits,
            SecuritySettings settings) throws Exception {
        keyed(http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, "/api/segments")),
                new ApiKeyFilter(keys, limits, problems, settings.enabled()), AuthorizationFilter.class)
            .anonymous(AbstractHttpConfigurer::disable)
            .sessionManagement(AbstractHttpConfigurer::disable)
            .securityContext(AbstractHttpConfigurer::disable)
            .servletApi(AbstractHttpConfigurer::disable)
            .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(READER));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, KeyChecks keys, RequestLimits limits, SecuritySettings settings)
            throws Exception {
        keyed(http, new ApiKeyFilter(keys, limits, problems, settings.enabled()), AnonymousAuthenticationFilter.class)
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .authorizeHttpRequests(requests -> requests
                // A streamed answer's later dispatches belong to a request that was already allowed.
                .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR).permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                // favicon.ico: asked for by every browser whatever the page says; not found, rather than a 401.
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app.js", "/app.css", "/favicon.svg", "/favicon.ico",
                        "/swagger-ui.html", "/swagger-ui/**", "/v3/api-docs", "/v3/api-docs/**")
                .permitAll()
                .requestMatchers("/api/keys/current", "/actuator/prometheus").hasRole(READER)
                // Webhooks send customer data to URLs of their own: made, read and retried by ADMIN only.
                .requestMatchers("/api/keys", "/api/keys/**", "/api/audit", "/api/audit/**", "/api/webhooks",
                        "/api/webhooks/**")
                .hasRole(ADMIN)
                .requestMatchers(HttpMethod.GET, readerPaths()).hasRole(READER)
                .requestMatchers(HttpMethod.HEAD, readerPaths()).hasRole(READER)
                .requestMatchers(HttpMethod.POST, "/api/segmentations/*/predict").hasRole(READER)
                .requestMatchers(HttpMethod.GET, "/api/**").hasRole(ANALYST)
                .requestMatchers(HttpMethod.POST, "/api/datasets", "/api/datasets/**", "/api/segmentations",
                        "/api/segmentations/**")
                .hasRole(ANALYST)
                // Cancelling a run; deleting a finished one is checked for ADMIN by the run module.
                .requestMatchers(HttpMethod.DELETE, "/api/segmentations/*").hasRole(ANALYST)
                .requestMatchers(HttpMethod.PUT, "/api/datasets/*/refresh-policy").hasRole(ANALYST)
                .anyRequest()
                .hasRole(ADMIN));
        return http.build();
    }

    /**
     * What both chains share: a key is checked before the given filter, refusals are problem responses, and nothing
     * a browser login would need (form, Basic, logout, CSRF, the request cache) is there.
     */
    private HttpSecurity keyed(HttpSecurity http, ApiKeyFilter keyFilter, Class<? extends Filter> before)
            throws Exception {
        return http.csrf(AbstractHttpConfigurer::disable)
            .formLogin(AbstractHttpConfigurer::disable)
            .httpBasic(AbstractHttpConfigurer::disable)
            .logout(AbstractHttpConfigurer::disable)
            .requestCache(AbstractHttpConfigurer::disable)
            // The service writes its own security headers (web.SecurityHeadersFilter), the same on every answer.
            .headers(AbstractHttpConfigurer::disable)
            .addFilterBefore(keyFilter, before)
            .exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems));
    }

    /**
     * What marketing apps read: the live segments, customers' segments and the charts of published runs (the chart
     * controller refuses the others). A dataset's column histograms are an analyst's, as its rows are.
     */
    private static String[] readerPaths() {
        return new String[] { "/api/segments", "/api/segments/**", "/api/customers/**",
            "/api/segmentations/*/charts/**" };
    }

}
