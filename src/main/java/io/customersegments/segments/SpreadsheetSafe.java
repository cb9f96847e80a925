package io.customersegments.segments;

/**
 * Neutralises CSV cells a spreadsheet would run as a formula (OWASP "CSV injection"): a cell that
 * starts with = + - @ (or a tab or carriage return) gets a leading apostrophe.
 */
final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    static String cell(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + value
                : value;
    }

}
