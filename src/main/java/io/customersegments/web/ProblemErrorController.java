package io.customersegments.web;

import java.net.URI;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Hidden;

/**
 * Answers what reaches the container's error page (failures outside Spring MVC, e.g. in Tomcat) as a
 * problem too; asked for directly, {@code /error} is simply not found (Spring Boot's own page answers 999).
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, code == null
                ? "There is no resource here. The API is under /api (see /swagger-ui.html)."
                : "The request could not be handled (" + status.getReasonPhrase() + ").");
        problem.setType(URI.create(code == null ? "/problems/not-found"
                : "/problems/" + (status.is4xxClientError() ? "invalid-request" : "internal-error")));
        problem.setTitle(status.getReasonPhrase());
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        if (status == HttpStatus.BAD_REQUEST && failure instanceof Throwable unreadable
                && ProblemDetailsAdvice.isMultipart(request.getContentType())) {
            // Tomcat failed to read the parts (a body cut short): the same answer as Spring MVC's MultipartException.
            problem.setType(URI.create("/problems/invalid-multipart"));
            problem.setTitle(ProblemDetailsAdvice.MULTIPART_TITLE);
            problem.setDetail(ProblemDetailsAdvice.multipartDetail(unreadable));
        }
        problem.setInstance(URI.create(uri instanceof String path ? path : request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

}
