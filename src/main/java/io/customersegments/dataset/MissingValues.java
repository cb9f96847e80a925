package io.customersegments.dataset;

/** The cell contents read as "no value": empty, or a marker spreadsheets and pandas write (NA, N/A, NULL, NaN, None, #N/A). */
final class MissingValues {

    private static final String[] MARKERS = { "na", "n/a", "null", "nan", "none", "#n/a" };

    private MissingValues() {
    }

    static boolean isMissing(RawRecord record, int field) {
        int length = record.length(field);
        if (length == 0) {
            return true;
        }
        if (length > 4) {
            return false;
        }
        char[] chars = record.chars();
        int start = record.start(field);
        char first = chars[start];
        if (first != 'n' && first != 'N' && first != '#') {
            return false;
        }
        for (String marker : MARKERS) {
            if (marker.length() == length && matchesIgnoringCase(marker, chars, start)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesIgnoringCase(String marker, char[] chars, int start) {
        for (int i = 0; i < marker.length(); i++) {
            if (Character.toLowerCase(chars[start + i]) != marker.charAt(i)) {
                return false;
            }
        }
        return true;
    }

}
