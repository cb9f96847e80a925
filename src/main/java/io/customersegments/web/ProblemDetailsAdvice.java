package io.customersegments.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;
import org.springframework.util.unit.DataSize;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Turns every failure into an RFC 9457 problem: the modules' {@link ProblemException}s as they are,
 * Spring MVC's own exceptions with a stable type per kind, anything else as a logged 500 that shows
 * no internals.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    private static final Map<Integer, String> TYPES = Map.of(400, "invalid-parameter", 404, "not-found", 405,
            "method-not-allowed", 406, "not-acceptable", 413, "upload-too-large", 415, "unsupported-media-type");

    private static final String CONFLICT_TITLE = "Concurrent change";

    private final DataSize maxUploadSize;

    ProblemDetailsAdvice(@Value("${segmentation.upload.max-size:1GB}") DataSize maxUploadSize) {
        this.maxUploadSize = maxUploadSize;
    }

    @ExceptionHandler({ DataAccessResourceFailureException.class, CannotCreateTransactionException.class })
    ResponseEntity<Object> databaseFailure(Exception ex, WebRequest request) {
        return DatabaseFailures.isUnavailable(ex) ? databaseUnavailable(ex, request) : unexpected(ex, request);
    }

    private ResponseEntity<Object> databaseUnavailable(Exception ex, WebRequest request) {
        if (DatabaseFailures.isPoolBusy(ex)) {
            // Busy, or held by requests waiting on a database that stopped answering: the pool cannot tell, so ERROR.
            log.error("No database connection came within the pool's timeout, every one in use: {}", ex.getMessage());
            return answer(ex, HttpStatus.SERVICE_UNAVAILABLE, "database-busy", "Database connections busy",
                    "Every database connection of this instance is in use (by other requests, or waiting on a database "
                            + "that stopped answering); nothing was changed. Try again shortly.", 2, Map.of(), request);
        }
        log.error("The database is unreachable: {}", ex.getMessage());
        return answer(ex, HttpStatus.SERVICE_UNAVAILABLE, "database-unavailable", "Database unavailable",
                "The database is unreachable at the moment; nothing was changed. Try again shortly.", 5, Map.of(), request);
    }

    /** Two requests met on the same rows and the database let one of them go (a deadlock, a lock wait): try again. */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ResponseEntity<Object> conflict(ConcurrencyFailureException ex, WebRequest request) {
        log.warn("A concurrent change got in the way: {}", ex.getMessage());
        return answer(ex, HttpStatus.CONFLICT, "conflict", CONFLICT_TITLE, "Another request changed the same "
                + "data at the same moment; nothing was changed by this one. Try again.", 1, Map.of(), request);
    }

    /** A problem of the given type, with a Retry-After header when {@code retryAfterSeconds} is given. */
    private ResponseEntity<Object> answer(Exception ex, HttpStatusCode status, String type, String title, String detail,
            Integer retryAfterSeconds, Map<String, Object> members, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("/problems/" + type));
        problem.setTitle(title);
        members.forEach(problem::setProperty);
        HttpHeaders headers = new HttpHeaders();
        if (retryAfterSeconds != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** The modules' own failures, each with its status, type, title, detail and extension members. */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> problem(ProblemException ex, WebRequest request) {
        return answer(ex, HttpStatusCode.valueOf(ex.status()), ex.type(), ex.title(), ex.getMessage(),
                ex.retryAfterSeconds(), ex.properties(), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
        if (DatabaseFailures.isUnavailable(ex)) {
            return databaseUnavailable(ex, request);
        }
        if (cause(ex, DatabaseFailures::isLockTimeout) != null) {
            log.warn("A change waited too long for a lock: {}", rootMessage(ex));
            return answer(ex, HttpStatus.CONFLICT, "conflict", CONFLICT_TITLE, "Another request is using the same "
                    + "data (an export still reading it, say), and this change would have had to wait for it; nothing "
                    + "was changed by this one. Try again when it is done.", 5, Map.of(), request);
        }
        if (hasCauseNamed(ex, "ClientAbortException")) {
            // The client closed its side before sending the whole body (Tomcat's word for it): not our failure.
            log.info("A request was cut short by its client: {}", rootMessage(ex));
            return answer(ex, HttpStatus.BAD_REQUEST, "request-interrupted", "The request was cut short", "The "
                    + "connection closed before the whole body arrived; nothing was stored. Send it again.", null,
                    Map.of(), request);
        }
        Object refused = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION, RequestAttributes.SCOPE_REQUEST);
        if (refused instanceof Throwable containerFailure && isMultipart(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
            // Tomcat could not read the body (a multipart body cut short) and has already answered 400; Spring MVC
            // then calls the handler without its parts. Its error page writes the answer (ProblemErrorController):
            // this one is dropped, and only keeps the client's failure out of the error log.
            log.info("The container refused the request's body: {}", rootMessage(containerFailure));
            return answer(ex, HttpStatus.BAD_REQUEST, "invalid-multipart", MULTIPART_TITLE,
                    multipartDetail(containerFailure), null, Map.of(), request);
        }
        String reference = UUID.randomUUID().toString();
        log.error("Unexpected failure (reference {})", reference, ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side; nothing was changed. Quote reference " + reference
                        + " when you report it.");
        problem.setType(URI.create("/problems/internal-error"));
        problem.setTitle("Internal error");
        problem.setProperty("reference", reference);
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getParameterValidationResults()
            .stream()
            .flatMap(result -> result.getResolvableErrors()
                .stream()
                .map(error -> Map.of("parameter", String.valueOf(result.getMethodParameter().getParameterName()),
                        "message", String.valueOf(error.getDefaultMessage()))))
            .toList();
        return handleExceptionInternal(ex, withErrors(ex.getBody(), "Invalid request parameters", errors, "parameter"),
                headers, status, request);
    }

    /**
     * Spring answers an Accept it cannot serve with no body at all (it could not be negotiated either); this service
     * answers it as every other problem, saying what it can serve.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(HttpMediaTypeNotAcceptableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        problem.setDetail("The Accept header asks for a representation this resource does not have"
                + (ex.getSupportedMediaTypes().isEmpty() ? "" : "; it has " + String.join(", ",
                        ex.getSupportedMediaTypes().stream().map(MediaType::toString).toList()))
                + ". Leave Accept out, or ask for one of them.");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** A parameter or path segment of the wrong type ({@code ?dataset=abc}): named, with what it must be. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName() : ex.getPropertyName();
        if (name == null) {
            return super.handleTypeMismatch(ex, headers, status, request);
        }
        List<Map<String, String>> errors = List.of(Map.of("parameter", name, "message", "\"" + ex.getValue()
                + "\" is " + (RequestBodyErrors.isWholeNumber(ex.getValue(), ex.getRequiredType())
                        ? "out of range: " + declaredRange(ex, ex.getRequiredType())
                        : "not " + RequestBodyErrors.expected(ex.getRequiredType()))));
        return handleExceptionInternal(ex, withErrors(ProblemDetail.forStatus(status), "Invalid request parameters", errors,
                "parameter"),
                headers, status, request);
    }

    /** "a whole number from 1 to 1000": the parameter's declared bounds (@Min, @Max), else its type's. */
    private static String declaredRange(TypeMismatchException ex, Class<?> type) {
        jakarta.validation.constraints.Min min = null;
        jakarta.validation.constraints.Max max = null;
        if (ex instanceof MethodArgumentTypeMismatchException mismatch) {
            min = mismatch.getParameter().getParameterAnnotation(jakarta.validation.constraints.Min.class);
            max = mismatch.getParameter().getParameterAnnotation(jakarta.validation.constraints.Max.class);
        }
        boolean declared = min != null && max != null;
        return RequestBodyErrors.wholeNumberRange(type, declared ? min.value() : null, declared ? max.value() : null);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = List.of(Map.of("parameter", ex.getParameterName(), "message",
                "is required"));
        return handleExceptionInternal(ex, withErrors(ex.getBody(), "Invalid request parameters", errors, "parameter"),
                headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = ex.getBindingResult()
            .getFieldErrors()
            .stream()
            .map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
            .toList();
        ProblemDetail problem = withErrors(ex.getBody(), "Invalid request body", errors, "field");
        // A body's fields, not the request's parameters: the same type as a body that cannot be read.
        problem.setType(URI.create("/problems/invalid-request-body"));
        problem.setTitle("Invalid request body");
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        RequestBodyTooLargeException tooLarge = causeOfType(ex, RequestBodyTooLargeException.class);
        if (tooLarge != null) {
            return bodyTooLarge(tooLarge, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, RequestBodyErrors.describe(ex));
        problem.setTitle("Unreadable request body");
        problem.setType(URI.create("/problems/invalid-request-body"));
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @ExceptionHandler(RequestBodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyTooLargeException ex, WebRequest request) {
        return answer(ex, HttpStatus.CONTENT_TOO_LARGE, "request-too-large", "The request body is too large",
                RequestBodyTooLargeException.detail(ex.maxBytes()), null, Map.of("maxBytes", ex.maxBytes()), request);
    }

    /** A multipart body that ends before its closing boundary, or is otherwise malformed: the client's fault. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> invalidMultipart(MultipartException ex, WebRequest request) {
        return answer(ex, HttpStatus.BAD_REQUEST, "invalid-multipart", MULTIPART_TITLE, multipartDetail(ex), null,
                Map.of(), request);
    }

    static boolean isMultipart(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "multipart/", 0, "multipart/".length());
    }

    static final String MULTIPART_TITLE = "Unreadable multipart body";

    /** What a client is told of a multipart body that could not be read, with the parser's reason. */
    static String multipartDetail(Throwable failure) {
        return "The multipart body could not be read (" + rootMessage(failure) + "); nothing was stored. Was the upload "
                + "cut short? Send it again.";
    }

    /** Whether the failure or one of its causes is of a class with this simple name (a container's own type). */
    private static boolean hasCauseNamed(Throwable ex, String simpleName) {
        return cause(ex, cause -> cause.getClass().getSimpleName().equals(simpleName)) != null;
    }

    static String rootMessage(Throwable ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private static <T extends Throwable> T causeOfType(Throwable ex, Class<T> type) {
        return type.cast(cause(ex, type::isInstance));
    }

    /** The failure itself or the first of its causes that passes the test, else null. */
    private static Throwable cause(Throwable ex, Predicate<Throwable> test) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (test.test(cause)) {
                return cause;
            }
        }
        return null;
    }

    /** Lists the errors in the problem's detail too, so a reader of the detail alone knows what to fix. */
    private static ProblemDetail withErrors(ProblemDetail problem, String what, List<Map<String, String>> errors,
            String nameKey) {
        problem.setDetail(what + ": " + String.join("; ",
                errors.stream().map(error -> error.get(nameKey) + " " + error.get("message")).toList()) + ".");
        problem.setProperty("errors", errors);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(MaxUploadSizeExceededException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ex.getBody();
        // Spring reports every limit the container enforces on a multipart body as this one exception.
        String container = rootMessage(ex).toLowerCase(Locale.ROOT);
        log.info("Multipart body refused by the container: {}", rootMessage(ex));
        if (container.contains("header")) {
            problem.setTitle("A part's headers are too long");
            problem.setDetail("A part of the multipart body has headers longer than the server accepts (setting "
                    + "server.tomcat.max-part-header-size); is its file name that long? Send a shorter file name, "
                    + "or the CSV as the raw body with filename= as a parameter.");
            problem.setType(URI.create("/problems/invalid-multipart"));
        }
        else if (hasCauseNamed(ex, "FileCountLimitExceededException")) {
            problem.setTitle("Too many parts");
            problem.setDetail("The multipart body has more parts than the server accepts (setting "
                    + "server.tomcat.max-part-count). Send the file in part \"file\" and the options as query "
                    + "parameters.");
            problem.setType(URI.create("/problems/invalid-multipart"));
        }
        else {
            problem.setTitle("The upload is too large");
            problem.setDetail("Uploads are limited to " + maxUploadSize.toBytes() + " bytes (" + maxUploadSize.toMegabytes()
                    + " MB; setting segmentation.upload.max-size). Split the file or raise the limit.");
            problem.setProperty("maxBytes", maxUploadSize.toBytes());
        }
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail && headers.getContentType() == null) {
            // Written as a problem whatever the Accept header asked for (Accept: garbage, or text/csv on a 404):
            // negotiated, such a body would be dropped and the answer left empty.
            headers = new HttpHeaders(headers);
            headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create("/problems/" + TYPES.getOrDefault(statusCode.value(),
                        statusCode.is4xxClientError() ? "invalid-request" : "internal-error")));
            }
            if (problem.getInstance() == null && request instanceof NativeWebRequest nativeRequest
                    && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
                problem.setInstance(URI.create(servletRequest.getRequestURI()));
            }
        }
        return response;
    }

}
