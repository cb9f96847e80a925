package io.customersegments.dataset;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides each column's name, key and role from the header and a sample of rows: the customer id by
 * name (or as the uploader says), numbers and dates when most of the sample's non-missing values read
 * as such (see {@link #TYPED_SHARE}), everything else categorical. A typed column's unreadable values
 * reject their rows, so a column with too many of them refuses the upload instead of silently turning
 * into text. Codes stay categorical, since reading them as numbers would lose what was written: codes
 * written with leading zeros in at least one number in twenty (zip codes, "007"), and columns where at least half
 * of the values that are not numbers, and at least one in twenty of all, are codes of letters and digits
 * (postcodes such as SW1A 1AA beside 10115).
 */
final class ColumnTypeInference {

    /** A column is numeric (a date) when at least 80% of its sample's non-missing values are numbers (dates in one layout). */
    static final double TYPED_SHARE = 0.80;

    private static final Set<String> ID_NAMES = Set.of("id", "customerid", "custid", "customerno", "customernumber",
            "customercode", "customerkey", "clientid", "clientno", "userid", "memberid", "accountid", "cid");

    private static final Pattern CAMEL_BOUNDARY = Pattern.compile("(?<=[\\p{Ll}\\p{N}])(?=\\p{Lu})");

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /**
     * The longest column name: names become keys of the runs' stored profiles, which are read back as JSON (whose
     * reader refuses names of more than 50,000 characters), and a header far longer than any question is not one.
     */
    static final int MAX_COLUMN_NAME = 1_000;

    private ColumnTypeInference() {
    }

    record Header(List<String> names, List<String> keys, List<String> warnings) {
    }

    /** Validates the header line and derives each column's name and unique snake_case key. */
    static Header header(RawRecord header, int maxColumns) {
        int count = header.fields();
        if (count > maxColumns) {
            throw new InvalidCsvException("The file has " + count + " columns; at most " + maxColumns
                    + " are allowed (setting segmentation.upload.max-columns).",
                    new RowError(header.line(), null, count + " columns in the header"));
        }
        int unstorable = header.firstUnstorable();
        if (unstorable >= 0) {
            String problem = "column " + (header.fieldAt(unstorable) + 1) + " contains " + header.unstorable(unstorable);
            throw new InvalidCsvException("The header's " + problem + ". Remove it, or pass the file's encoding, e.g. "
                    + "encoding=windows-1252, or encoding=UTF-16LE for UTF-16 without a byte-order mark.",
                    new RowError(header.line(), null, problem));
        }
        int dataLike = 0;
        for (int i = 0; i < count; i++) {
            if (header.length(i) > 0 && looksTyped(header, i)) {
                dataLike++;
            }
        }
        if (dataLike > 0 && dataLike * 2 >= count) {
            throw new InvalidCsvException("The first line looks like data, not a header (" + dataLike + " of " + count
                    + " cells are numbers or dates). Add a header line naming each column.",
                    new RowError(header.line(), null, "a header line is expected here"));
        }
        List<String> names = new ArrayList<>(count);
        List<String> keys = new ArrayList<>(count);
        List<String> warnings = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<RowError> duplicates = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = header.text(i).strip().replace("\uFEFF", "");
            if (name.length() > MAX_COLUMN_NAME) {
                throw new InvalidCsvException("Column " + (i + 1) + "'s name is " + name.length()
                        + " characters long; at most " + MAX_COLUMN_NAME + " are allowed. Is the first line a header?",
                        new RowError(header.line(), null, "column " + (i + 1) + "'s name is too long"));
            }
            String key = key(name);
            if (key.isEmpty()) {
                key = "column_" + (i + 1);
                warnings.add("Column " + (i + 1) + " has no usable name in the header; it is called " + key + ".");
                name = name.isEmpty() ? key : name;
            }
            Integer earlier = seen.putIfAbsent(key, i);
            if (earlier != null) {
                duplicates.add(new RowError(header.line(), name, "column " + (i + 1) + " has the same name (key "
                        + key + ") as column " + (earlier + 1) + ", \"" + names.get(earlier) + "\""));
            }
            names.add(name);
            keys.add(key);
        }
        if (!duplicates.isEmpty()) {
            throw new InvalidCsvException("The header names " + duplicates.size()
                    + " column(s) the same way as an earlier one; give every column a distinct name.", duplicates);
        }
        return new Header(List.copyOf(names), List.copyOf(keys), warnings);
    }

    /** snake_case: "Annual Income (k$)" becomes annual_income_k, "CustomerID" becomes customer_id. */
    static String key(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String split = CAMEL_BOUNDARY.matcher(ascii).replaceAll("_");
        String key = NOT_WORD.matcher(split.toLowerCase(Locale.ROOT)).replaceAll("_");
        return key.replaceAll("^_+|_+$", "");
    }

    private static boolean looksTyped(RawRecord record, int field) {
        char[] chars = record.chars();
        int start = record.start(field);
        int length = record.length(field);
        if (!Double.isNaN(NumberSyntax.parse(chars, start, length, '.'))) {
            return true;
        }
        for (DateFormat format : DateFormat.values()) {
            if (!Double.isNaN(format.parseEpochSeconds(chars, start, length))) {
                return true;
            }
        }
        return false;
    }

    /** The reading plan of every column, decided on the sample (rows with the header's field count). */
    static List<ColumnPlan> plan(Header header, List<RawRecord> sample, char delimiter, String idColumn) {
        int count = header.names().size();
        int idField = idField(header, idColumn);
        List<ColumnPlan> plans = new ArrayList<>(count);
        int numericSlots = 0;
        int categoricalSlots = 0;
        for (int field = 0; field < count; field++) {
            String name = header.names().get(field);
            String key = header.keys().get(field);
            if (field == idField) {
                plans.add(new ColumnPlan(name, key, ColumnRole.ID, field, -1, null, '.'));
                continue;
            }
            ColumnPlan plan = typed(name, key, field, sample, delimiter);
            if (plan.isNumericSlot()) {
                plans.add(withSlot(plan, numericSlots++));
            }
            else {
                plans.add(withSlot(plan, categoricalSlots++));
            }
        }
        return List.copyOf(plans);
    }

    private static ColumnPlan withSlot(ColumnPlan plan, int slot) {
        return new ColumnPlan(plan.name(), plan.key(), plan.role(), plan.field(), slot, plan.dateFormat(),
                plan.decimalSeparator());
    }

    private static int idField(Header header, String idColumn) {
        if (idColumn != null && !idColumn.isBlank()) {
            String wanted = idColumn.strip();
            for (int i = 0; i < header.names().size(); i++) {
                if (header.names().get(i).equals(wanted) || header.keys().get(i).equals(wanted)
                        || header.keys().get(i).equals(key(wanted))) {
                    return i;
                }
            }
            throw new InvalidUploadParameterException("idColumn", "idColumn \"" + wanted
                    + "\" is not a column of the file; the header has " + String.join(", ", header.names()) + ".");
        }
        for (int i = 0; i < header.keys().size(); i++) {
            if (ID_NAMES.contains(header.keys().get(i).replace("_", ""))) {
                return i;
            }
        }
        return -1;
    }

    private static ColumnPlan typed(String name, String key, int field, List<RawRecord> sample, char delimiter) {
        int present = 0;
        int numbers = 0;
        int decimalCommaNumbers = 0;
        int leadingZeros = 0;
        int codes = 0;
        DateFormat[] formats = DateFormat.values();
        int[] dates = new int[formats.length];
        for (RawRecord record : sample) {
            if (MissingValues.isMissing(record, field)) {
                continue;
            }
            present++;
            char[] chars = record.chars();
            int start = record.start(field);
            int length = record.length(field);
            if (!Double.isNaN(NumberSyntax.parse(chars, start, length, '.'))) {
                numbers++;
                if (length > 1 && chars[start] == '0' && Character.isDigit(chars[start + 1])) {
                    leadingZeros++;
                }
                continue;
            }
            if (delimiter != ',' && !Double.isNaN(NumberSyntax.parse(chars, start, length, ','))) {
                decimalCommaNumbers++;
                continue;
            }
            if (isCode(chars, start, length)) {
                codes++;
            }
            for (int f = 0; f < formats.length; f++) {
                if (!Double.isNaN(formats[f].parseEpochSeconds(chars, start, length))) {
                    dates[f]++;
                }
            }
        }
        double needed = Math.max(1, TYPED_SHARE * present);
        // Leading zeros (zip codes, "01.10") and letter-digit codes mark a column of codes unless they are a stray few
        // of its values: one "05" among forty prices is a number.
        boolean zeroPaddedCodes = leadingZeros > 0 && leadingZeros * 20 >= numbers;
        boolean letterDigitCodes = codes > 0 && codes * 2 >= present - numbers - decimalCommaNumbers
                && codes * 20 >= present;
        boolean numeric = present > 0 && !zeroPaddedCodes && !letterDigitCodes;
        if (numeric && numbers >= needed) {
            return new ColumnPlan(name, key, ColumnRole.NUMERIC, field, -1, null, '.');
        }
        if (numeric && decimalCommaNumbers > 0 && numbers + decimalCommaNumbers >= needed) {
            return new ColumnPlan(name, key, ColumnRole.NUMERIC, field, -1, null, ',');
        }
        // The layout most values read in: with fewer than all reading, the first to reach the share may not be it.
        int best = 0;
        for (int f = 1; f < formats.length; f++) {
            if (dates[f] > dates[best]) {
                best = f;
            }
        }
        if (present > 0 && dates[best] >= needed) {
            return new ColumnPlan(name, key, ColumnRole.DATE, field, -1, formats[best], '.');
        }
        return new ColumnPlan(name, key, ColumnRole.CATEGORICAL, field, -1, null, '.');
    }

    /**
     * True when the value interleaves two or more letters with digits, as codes do (SW1A 1AA, M1 1AE,
     * K1A 0B1); not a number with a unit (12kg, $5) nor one with a typo (6O.5).
     */
    private static boolean isCode(char[] chars, int start, int length) {
        int runs = 0;
        int letters = 0;
        int previous = 0;
        for (int i = start; i < start + length; i++) {
            int kind = Character.isDigit(chars[i]) ? 1 : Character.isLetter(chars[i]) ? 2 : 0;
            if (kind == 2) {
                letters++;
            }
            if (kind != 0 && kind != previous) {
                runs++;
                previous = kind;
            }
        }
        return runs >= 3 && letters >= 2;
    }

}
