package io.customersegments.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem response from a servlet filter, which answers before Spring MVC and its advice: the
 * same members as {@link ProblemDetailsAdvice} writes (type, title, status, detail, instance, extensions).
 */
public final class FilterProblems {

    private final JsonMapper json;

    public FilterProblems(JsonMapper json) {
        this.json = json;
    }

    public void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
            String detail, Map<String, Object> extensions) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "/problems/" + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        problem.putAll(extensions);
        String requestId = RequestIdFilter.current(response);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

}
