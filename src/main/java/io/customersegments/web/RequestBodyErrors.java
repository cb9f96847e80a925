package io.customersegments.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Says what is wrong with an unreadable JSON body in the client's terms (field, value, line and
 * column), since Jackson's own messages name Java classes.
 */
final class RequestBodyErrors {

    private RequestBodyErrors() {
    }

    static String describe(HttpMessageNotReadableException ex) {
        // Jackson's own exception, not its cause: a date Jackson could not parse has the JDK's parse error below it.
        Throwable cause = jacksonCause(ex);
        if (cause instanceof InvalidFormatException invalid && invalid.getValue() instanceof String text
                && text.indexOf(TextWithoutNul.NUL) >= 0) {
            return "Field \"" + path(invalid) + "\" holds a NUL character (\\u0000), which no stored text can hold.";
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            Collection<Object> known = unknown.getKnownPropertyIds();
            return "Unknown field \"" + path(unknown) + "\"; the fields are "
                    + known.stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")) + ".";
        }
        if (cause instanceof InvalidFormatException invalid && invalid.getValue() instanceof Number number
                && range(invalid.getTargetType()) != null && isWhole(number)) {
            // 1e12 for an int: too large however it is written; 3e2: only written as a decimal.
            return "Field \"" + path(invalid) + "\": " + number + (fits(number, invalid.getTargetType())
                    ? " must be written without a decimal point or exponent." : " is out of range: it must be "
                            + expected(invalid.getTargetType()) + range(invalid.getTargetType()) + ".");
        }
        if (cause instanceof InvalidFormatException invalid) {
            return "Field \"" + path(invalid) + "\": " + quote(invalid.getValue()) + " is not "
                    + expected(invalid.getTargetType()) + ".";
        }
        if (cause instanceof InputCoercionException coercion && range(coercion.getTargetType()) != null) {
            return "Field \"" + path(coercion) + "\" is out of range: it must be " + expected(coercion.getTargetType())
                    + range(coercion.getTargetType()) + ".";
        }
        if (cause instanceof MismatchedInputException mismatched && !mismatched.getPath().isEmpty()) {
            return "Field \"" + path(mismatched) + "\" must be " + expected(mismatched.getTargetType()) + ".";
        }
        if (cause instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "The body must be " + expected(mismatched.getTargetType()) + " (see the operation's schema).";
        }
        if (cause instanceof JacksonException json && json.getOriginalMessage() != null
                && json.getOriginalMessage().startsWith("Non-standard token")) {
            return "The body is not valid JSON" + at(json) + ": NaN and Infinity are not JSON numbers.";
        }
        if (cause instanceof JacksonException json) {
            return "The body is not valid JSON" + at(json) + ": " + withoutSource(json.getOriginalMessage());
        }
        return "The request body is missing or unreadable; send a JSON document.";
    }

    /** The outermost of the failure's causes that is Jackson's, else its most specific cause. */
    private static Throwable jacksonCause(HttpMessageNotReadableException ex) {
        for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof JacksonException) {
                return cause;
            }
        }
        return ex.getMostSpecificCause();
    }

    /** Jackson's message without the parser's own words for where a token started ("[Source: REDACTED ..."). */
    private static String withoutSource(String message) {
        int source = message.indexOf(" (start marker at [Source:");
        return source < 0 ? message : message.substring(0, source);
    }

    private static String at(JacksonException json) {
        TokenStreamLocation location = json.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String path(JacksonException ex) {
        return ex.getPath()
            .stream()
            .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                    : "[" + reference.getIndex() + "]")
            .collect(Collectors.joining(".")).replace(".[", "[");
    }

    /** The smallest and largest value of a whole-number type. */
    private record Bounds(long min, long max) {
    }

    /** The bounds of an integral type (int, long, short, boxed or not); null for any other type. */
    private static Bounds bounds(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return new Bounds(Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        if (type == Long.class || type == long.class) {
            return new Bounds(Long.MIN_VALUE, Long.MAX_VALUE);
        }
        if (type == Short.class || type == short.class) {
            return new Bounds(Short.MIN_VALUE, Short.MAX_VALUE);
        }
        return null;
    }

    /** " from min to max" of an integral type, or null for any other. */
    private static String range(Class<?> type) {
        Bounds bounds = bounds(type);
        return bounds == null ? null : " from " + bounds.min() + " to " + bounds.max();
    }

    private static boolean fits(Number number, Class<?> type) {
        Bounds bounds = bounds(type);
        double value = number.doubleValue();
        return value >= bounds.min() && value <= bounds.max();
    }

    private static boolean isWhole(Number number) {
        double value = number.doubleValue();
        return Double.isFinite(value) && value == Math.rint(value);
    }

    private static String quote(Object value) {
        return value instanceof String text ? "\"" + text + "\"" : String.valueOf(value);
    }

    /** Whether a parameter's text is a whole number (that did not fit its integral type). */
    static boolean isWholeNumber(Object value, Class<?> type) {
        return bounds(type) != null && value instanceof String text && text.strip().matches("[-+]?\\d+");
    }

    /** "a whole number from min to max", with an integral type's own bounds unless narrower ones are given. */
    static String wholeNumberRange(Class<?> type, Long min, Long max) {
        Bounds bounds = bounds(type);
        return "a whole number from " + (min != null ? min : bounds.min()) + " to " + (max != null ? max : bounds.max());
    }

    /** What a value of this type is, in the client's words (for a field of a body or a request parameter). */
    static String expected(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (bounds(type) != null) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == java.time.LocalDate.class) {
            return "a date (2027-12-31)";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "a date-time (2027-12-31T00:00:00Z)";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

}
