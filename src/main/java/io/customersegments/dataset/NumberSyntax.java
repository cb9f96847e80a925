package io.customersegments.dataset;

/**
 * Parses a decimal number straight from a CSV field's characters without building a String.
 * Hand-written because the JDK parses only from Strings, and a million-row upload would otherwise
 * allocate one String per numeric cell; anything beyond the exactly representable fast path falls
 * back to {@link Double#parseDouble}.
 */
final class NumberSyntax {

    private static final double[] POWERS_OF_TEN = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };

    private static final long MAX_EXACT_MANTISSA = 1L << 53;

    private NumberSyntax() {
    }

    /**
     * The value of {@code chars[offset, offset+length)} as a number written as
     * {@code [+-]digits[.digits][(e|E)[+-]digits]} with the given decimal separator, or NaN when the
     * text is not such a number. Surrounding spaces must already be trimmed.
     */
    static double parse(char[] chars, int offset, int length, char decimalSeparator) {
        int end = offset + length;
        int i = offset;
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        if (chars[i] == '+' || chars[i] == '-') {
            negative = chars[i] == '-';
            i++;
        }
        long mantissa = 0;
        int significantDigits = 0;
        int digits = 0;
        int scale = 0;
        for (; i < end && isDigit(chars[i]); i++, digits++) {
            if (significantDigits < 19) {
                mantissa = mantissa * 10 + (chars[i] - '0');
                if (mantissa != 0) {
                    significantDigits++;
                }
            }
            else {
                scale++;
            }
        }
        if (i < end && chars[i] == decimalSeparator) {
            i++;
            for (; i < end && isDigit(chars[i]); i++, digits++) {
                if (significantDigits < 19) {
                    mantissa = mantissa * 10 + (chars[i] - '0');
                    if (mantissa != 0) {
                        significantDigits++;
                    }
                    scale--;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        int exponent = 0;
        if (i < end && (chars[i] == 'e' || chars[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (chars[i] == '+' || chars[i] == '-')) {
                negativeExponent = chars[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            for (; i < end && isDigit(chars[i]); i++, exponentDigits++) {
                if (exponent < 100_000) {
                    exponent = exponent * 10 + (chars[i] - '0');
                }
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            exponent = negativeExponent ? -exponent : exponent;
        }
        if (i != end) {
            return Double.NaN;
        }
        int power = scale + exponent;
        double value;
        if (mantissa < MAX_EXACT_MANTISSA && power >= -22 && power <= 22) {
            // Clinger's fast path: both operands are exact doubles, so one rounding gives the right answer.
            value = power >= 0 ? mantissa * POWERS_OF_TEN[power] : mantissa / POWERS_OF_TEN[-power];
        }
        else {
            String text = new String(chars, offset, length);
            value = Double.parseDouble(decimalSeparator == '.' ? text : text.replace(decimalSeparator, '.'));
            return Double.isInfinite(value) ? Double.NaN : value;
        }
        return negative ? -value : value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

}
