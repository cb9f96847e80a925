package io.customersegments.web;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses a query parameter that holds a NUL character ({@code %00}) with 400 naming the parameter: no stored text can
 * hold one (see {@link TextWithoutNul}), so such a value can only fail further in, in the database. Reads the raw query
 * string, never the parameters, which for a form body would consume it.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class NulParameterFilter extends OncePerRequestFilter {

    private final FilterProblems problems;

    NulParameterFilter(JsonMapper json) {
        this.problems = new FilterProblems(json);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null || !query.toLowerCase(Locale.ROOT).contains("%00");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        for (String pair : request.getQueryString().split("&")) {
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            if (name.indexOf(TextWithoutNul.NUL) >= 0 || value.indexOf(TextWithoutNul.NUL) >= 0) {
                String named = name.replace(TextWithoutNul.NUL, '?');
                problems.write(request, response, HttpStatus.BAD_REQUEST.value(), "invalid-parameter",
                        "Bad Request", "Parameter \"" + named + "\" holds a NUL character (%00), which no stored text "
                                + "can hold; nothing was read or changed.",
                        Map.of("errors", List.of(Map.of("parameter", named, "message",
                                "holds a NUL character"))));
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The query's form encoding undone; a malformed escape is left to Spring MVC, which answers it. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException ex) {
            return text;
        }
    }

}
