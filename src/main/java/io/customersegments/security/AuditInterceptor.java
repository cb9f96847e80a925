package io.customersegments.security;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Records every change a handler answered (POST, PUT, PATCH and DELETE under /api), whatever its outcome: the
 * action is the operation's id in the API document, so the audit and the API name things alike.
 */
final class AuditInterceptor implements HandlerInterceptor {

    static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    /** Operations that change nothing though they are POSTed. */
    private static final Set<String> READS = Set.of("predictSegments");

    private final AuditLog audit;

    AuditInterceptor(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
            Exception ex) {
        if (!CHANGES.contains(request.getMethod()) || !(handler instanceof HandlerMethod method)) {
            return;
        }
        Operation operation = method.getMethodAnnotation(Operation.class);
        String action = operation != null && !operation.operationId().isEmpty() ? operation.operationId()
                : method.getMethod().getName();
        if (READS.contains(action)) {
            return;
        }
        KeyHolder key = SecurityContextHolder.getContext().getAuthentication() instanceof ApiKeyAuthentication auth
                ? auth.getPrincipal() : null;
        audit.record(key, action, request, ex != null && response.getStatus() < 400 ? 500 : response.getStatus());
    }

}
