package io.customersegments.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import de.siegmar.fastcsv.reader.CloseableIterator;

import io.customersegments.copy.BinaryCopyWriter;

/**
 * Reads an order-line file in one streaming pass: finds its columns, decides how its dates are written on
 * the first lines, then cleans every line and streams the kept ones to COPY. Lines without a customer and
 * purchases without a positive price are counted and left out; cancellations and returns are kept with a
 * negative value, non-product lines are kept and marked. Exact duplicates of a recent line are left out as they
 * stream ({@link DuplicateLines}); the few it cannot tell are found afterwards, set-based, from the hash each stored
 * line carries.
 */
final class TransactionImporter {

    /** The largest value one order line may have: far above any purchase, and far below what sums could overflow. */
    static final double MAX_LINE_VALUE = 1e15;

    /** Stock codes of lines that are not products: postage, fees, manual entries, adjustments. */
    private static final Set<String> NON_PRODUCT_CODES = Set.of("POST", "DOT", "M", "BANK CHARGES", "AMAZONFEE",
            "ADJUST");

    private static final int LONGEST_NON_PRODUCT_CODE = NON_PRODUCT_CODES.stream().mapToInt(String::length).max()
        .orElse(0);

    /** 0001-01-01T00:00 and 9999-12-31T23:59:59 in seconds since 1970: what a timestamp column stores and shows. */
    private static final double FIRST_STORABLE_SECOND = -62_135_596_800.0;

    private static final double LAST_STORABLE_SECOND = 253_402_300_799.0;

    private final UploadSettings settings;

    TransactionImporter(UploadSettings settings) {
        this.settings = settings;
    }

    /**
     * The lines streamed to COPY and what cleaning counted on the way.
     *
     * @param duplicates lines left out as they streamed because they repeat a kept line exactly
     * @param duplicateCandidates hashes of kept lines that may still repeat one another; null when too many to list
     */
    record Streamed(CsvDialect dialect, TransactionColumns columns, String dateFormat, long lines, long stored,
            long blank, LineCount withoutCustomer, LineCount zeroOrNegativePrice, long rejected, List<RowError> errors,
            List<String> warnings, boolean idsNormalised, LineCount duplicates, long[] duplicateCandidates, long firstSeconds,
            long lastSeconds, LineCount returns, LineCount nonProduct, CustomerAggregation aggregation,
            boolean integerIds) {

    }

    Streamed read(InputStream input, UploadOptions options, TransactionOptions transactions, BinaryCopyWriter writer)
            throws IOException, SQLException {
        return CsvRecords.read(input, options.encoding(), options.delimiter(), settings.maxColumns(),
                (header, records, dialect) -> load(header, records, dialect, transactions, writer));
    }

    private Streamed load(ColumnTypeInference.Header header, CloseableIterator<RawRecord> records, CsvDialect dialect,
            TransactionOptions transactions, BinaryCopyWriter writer) throws SQLException {
        TransactionColumns columns = TransactionColumns.resolve(header, transactions.columns());
        List<RawRecord> sample = SampledRecords.first(records, settings.inferenceSampleRows());
        int timeField = columns.field(TransactionField.TIME);
        DateLayout layout = transactions.dateFormat() != null
                ? new PatternDateLayout(transactions.dateFormat(), "dateFormat")
                : inferLayout(header.names().get(timeField), timeField, sample);
        Lines lines = new Lines(header.names(), columns, layout, writer);
        for (RawRecord record : sample) {
            lines.accept(record);
        }
        sample = null;
        while (records.hasNext()) {
            lines.accept(records.next());
        }
        List<String> warnings = new ArrayList<>(dialect.warnings());
        warnings.addAll(header.warnings());
        return lines.finish(dialect, warnings, layout.display());
    }

    /**
     * True for an order id of the Online Retail convention: the letter (C for a cancellation, A for an adjustment)
     * followed by the digits of an invoice number, as in C536379; Superstore-style ids such as CA-2016-152156 are not.
     */
    static boolean flagged(String orderId, char letter) {
        return orderId != null && orderId.length() > 1 && Character.toUpperCase(orderId.charAt(0)) == letter
                && Character.isDigit(orderId.charAt(1));
    }

    /** True for the stock codes of postage, fees and adjustments, in any case; most codes are ruled out by length. */
    static boolean isNonProductCode(String code) {
        return code != null && code.length() <= LONGEST_NON_PRODUCT_CODE && !Character.isDigit(code.charAt(0))
                && NON_PRODUCT_CODES.contains(code.toUpperCase(Locale.ROOT));
    }

    /**
     * The layout most of the sample's dates read in (the first listed among equals): a known one, else compact
     * yyyyMMdd; else the upload is refused.
     */
    static DateLayout inferLayout(String column, int field, List<RawRecord> sample) {
        List<DateLayout> candidates = new ArrayList<>(List.of(DateFormat.values()));
        candidates.add(PatternDateLayout.COMPACT);
        if (sample.stream().allMatch(RawRecord::isBlank)) {
            throw new EmptyCsvException("The file has a header but no order lines. Upload a CSV file with a header line "
                    + "and at least one order line.");
        }
        List<RawRecord> dated = sample.stream()
            .filter(record -> field < record.fields() && !MissingValues.isMissing(record, field)).toList();
        int present = dated.size();
        // Each layout is tried on the first dates, then on all of them, the best of the first try first: a layout
        // that can no longer beat the best so far stops at once, with the outcome of trying every layout on every date.
        int[] firstCounts = new int[candidates.size()];
        for (int c = 0; c < candidates.size(); c++) {
            firstCounts[c] = reads(candidates.get(c), field, dated.subList(0, Math.min(present, 100)), 0, -1);
        }
        List<Integer> order = new ArrayList<>();
        for (int c = 0; c < candidates.size(); c++) {
            order.add(c);
        }
        order.sort(Comparator.comparingInt((Integer c) -> -firstCounts[c]).thenComparingInt(c -> c));
        int best = -1;
        int bestCount = 0;
        for (int c : order) {
            int count = reads(candidates.get(c), field, dated, bestCount, best < 0 || c < best ? -1 : 0);
            if (count > bestCount || count == bestCount && count > 0 && c < best) {
                best = c;
                bestCount = count;
            }
        }
        if (best < 0 || bestCount < ColumnTypeInference.TYPED_SHARE * present) {
            String example = present == 0 ? null : dated.get(0).text(field);
            throw new InvalidUploadParameterException("dateFormat", "The purchase dates in column \"" + column + "\" "
                    + (example == null ? "are all empty in the first lines"
                            : "(e.g. \"" + example + "\") are in no layout the service knows")
                    + ". Pass dateFormat as a Java DateTimeFormatter pattern, e.g. dateFormat=yyyyMMdd or "
                    + "dateFormat=dd/MM/yyyy HH:mm.");
        }
        return candidates.get(best);
    }

    /**
     * How many of the records' dates the layout reads; it stops as soon as it cannot reach {@code toBeat} (plus
     * {@code tie}: 0 when reaching it is not enough, -1 when it is), answering less than that.
     */
    private static int reads(DateLayout layout, int field, List<RawRecord> records, int toBeat, int tie) {
        int count = 0;
        int left = records.size();
        for (RawRecord record : records) {
            if (count + left < toBeat + tie + 1) {
                break;
            }
            left--;
            if (!Double.isNaN(layout.parseEpochSeconds(record.chars(), record.start(field), record.length(field)))) {
                count++;
            }
        }
        return count;
    }

    /** The cleaning of the data lines, line by line. */
    private final class Lines {

        private final int fieldCount;

        private final List<String> names;

        private final TransactionColumns columns;

        private final DateLayout layout;

        private final BinaryCopyWriter writer;

        private final int customer;

        private final int order;

        private final int time;

        private final int quantity;

        private final int price;

        private final int amount;

        private final int product;

        private final int category;

        private final int country;

        private final Counter withoutCustomer = new Counter();

        private final Counter zeroOrNegativePrice = new Counter();

        /** Kept, but some may turn out to be duplicates: more examples than shown, so enough remain. */
        private final Counter returns = new Counter(2 * LineCount.EXAMPLES);

        private final Counter nonProduct = new Counter(2 * LineCount.EXAMPLES);

        private final CustomerAggregation aggregation = new CustomerAggregation(settings.maxAggregatedEntries());

        private final RejectedRows rejected = new RejectedRows(settings.maxReportedErrors());

        private long lines;

        private long blank;

        private long stored;

        /** Ids from which a trailing ".0" was removed. */
        private long idsNormalised;

        /** The first line whose id is not an integer, or 0. */
        private long firstNonIntegerId;

        private final RepeatedText customerIds = new RepeatedText();

        private final RepeatedText orderIds = new RepeatedText();

        private final RepeatedText categories = new RepeatedText();

        private final RepeatedText countries = new RepeatedText();

        private final RepeatedText times = new RepeatedText();

        /** The purchase time last parsed, as {@link #times} handed it out. */
        private String lastTime;

        private double lastTimeSeconds;

        private long firstSeconds = Long.MAX_VALUE;

        private long lastSeconds = Long.MIN_VALUE;

        private final DuplicateLines duplicateLines = new DuplicateLines();

        /** Lines left out as they streamed, for repeating a kept line exactly. */
        private final Counter duplicates = new Counter();

        Lines(List<String> names, TransactionColumns columns, DateLayout layout, BinaryCopyWriter writer) {
            this.names = names;
            this.fieldCount = names.size();
            this.columns = columns;
            this.layout = layout;
            this.writer = writer;
            this.customer = columns.field(TransactionField.CUSTOMER);
            this.order = columns.field(TransactionField.ORDER);
            this.time = columns.field(TransactionField.TIME);
            this.quantity = columns.field(TransactionField.QUANTITY);
            this.price = columns.field(TransactionField.PRICE);
            this.amount = columns.field(TransactionField.AMOUNT);
            this.product = columns.field(TransactionField.PRODUCT);
            this.category = columns.field(TransactionField.CATEGORY);
            this.country = columns.field(TransactionField.COUNTRY);
        }

        void accept(RawRecord record) throws SQLException {
            if (record.isBlank()) {
                blank++;
                return;
            }
            lines++;
            long line = record.line();
            record.refuseUnclosedQuote(fieldCount, "line");
            if (record.fields() != fieldCount) {
                reject(line, null, "expected " + fieldCount + " fields as in the header, found " + record.fields());
                return;
            }
            long hash = record.hash();
            if (!record.storable()) {
                int unstorable = record.firstUnstorable();
                reject(line, columnName(record.fieldAt(unstorable)), "contains " + record.unstorable(unstorable));
                return;
            }
            if (MissingValues.isMissing(record, customer)) {
                withoutCustomer.add(line);
                return;
            }
            if (record.length(customer) > CsvImporter.MAX_ID_LENGTH) {
                reject(line, columnName(customer), "the customer id is " + record.length(customer)
                        + " characters long; at most " + CsvImporter.MAX_ID_LENGTH + " are allowed");
                return;
            }
            double seconds = MissingValues.isMissing(record, time) ? Double.NaN : purchaseTime(record);
            if (Double.isNaN(seconds)) {
                reject(line, columnName(time), record.quoted(time) + " is not a date like " + layout.display());
                return;
            }
            if (seconds < FIRST_STORABLE_SECOND || seconds > LAST_STORABLE_SECOND) {
                reject(line, columnName(time), record.quoted(time) + " is outside the years 1 to 9999");
                return;
            }
            double units = number(record, quantity);
            double unitPrice = number(record, price);
            double given = number(record, amount);
            if (Double.isInfinite(units) || Double.isInfinite(unitPrice) || Double.isInfinite(given)) {
                return;
            }
            double value = amount >= 0 ? given : units * unitPrice;
            if (Double.isNaN(value)) {
                int missingField = amount >= 0 ? amount : Double.isNaN(units) ? quantity : price;
                reject(line, columnName(missingField), "the line has no " + (amount >= 0 ? "amount" : missingField == quantity
                        ? "quantity" : "price"));
                return;
            }
            if (Double.isInfinite(value)) {
                // Each finite, the product is not: no spend, total or average could be computed with it.
                reject(line, columnName(price), "quantity " + record.quoted(quantity) + " × price "
                        + record.quoted(price) + " is beyond the largest number a value can hold");
                return;
            }
            if (Math.abs(value) > MAX_LINE_VALUE) {
                // Summed over a customer's lines, such values could overflow the totals (Infinity in Java, an error
                // in PostgreSQL's sum): no purchase is worth this much, so a column is misread.
                reject(line, columnName(amount >= 0 ? amount : price), "the line's value, " + value + ", is beyond "
                        + "10^15, more than any purchase; is a column misread?");
                return;
            }
            String orderId = text(record, order, orderIds);
            // A negative amount is a refund whatever the quantity says; quantity × price is negative only for a
            // negative price, which the price rule below leaves out.
            boolean isReturn = flagged(orderId, 'C') || units < 0 || amount >= 0 && value < 0;
            String code = text(record, product);
            char kind;
            if (isReturn) {
                kind = 'R';
                value = -Math.abs(value);
            }
            else if (isNonProductCode(code) || flagged(orderId, 'A')) {
                if (value == 0) {
                    // A fee or adjustment of nothing adds no spend, and must not make an order of its own.
                    zeroOrNegativePrice.add(line);
                    return;
                }
                // Postage, fees and adjustments count in spend whatever their sign, but are no product.
                kind = 'N';
            }
            else if (price >= 0 && !(unitPrice > 0)) {
                zeroOrNegativePrice.add(line);
                return;
            }
            else {
                kind = 'P';
            }
            // Without an order column each line is a purchase of its own, and two alike are two purchases (CDNOW's
            // repeated lines; the lifetimes library sums them, and so reaches the published Gamma-Gamma parameters).
            if (order >= 0 && duplicateLines.repeatsKept(record, hash)) {
                duplicates.add(line);
                return;
            }
            String customerId = customerId(record);
            long epochSeconds = (long) seconds;
            int day = (int) Math.floorDiv(epochSeconds, 86_400L);
            if (orderId == null) {
                // Without an order id, a customer's purchases on one day form one order.
                orderId = LocalDate.ofEpochDay(day).toString();
            }
            firstSeconds = Math.min(firstSeconds, epochSeconds);
            lastSeconds = Math.max(lastSeconds, epochSeconds);
            writer.startRow(12);
            writer.field(line);
            writer.field(customerId);
            writer.field(orderId);
            writer.fieldTimestamp(epochSeconds);
            writer.field(units);
            writer.field(unitPrice);
            writer.field(value);
            String categoryName = text(record, category, categories);
            String countryName = text(record, country, countries);
            writer.field(code);
            writer.field(categoryName);
            writer.field(countryName);
            writer.fieldChar(kind);
            writer.field(hash);
            writer.endRow();
            stored++;
            if (kind == 'R') {
                returns.add(line);
            }
            else if (kind == 'N') {
                nonProduct.add(line);
            }
            aggregation.add(customerId, orderId, day, value, units, code, categoryName, countryName, kind);
        }

        /** The number in the field; NaN when the file has no such column or the cell is empty; infinite when unreadable (the line is rejected). */
        private double number(RawRecord record, int field) {
            if (field < 0 || MissingValues.isMissing(record, field)) {
                return Double.NaN;
            }
            double value = NumberSyntax.parse(record.chars(), record.start(field), record.length(field), '.');
            if (Double.isNaN(value)) {
                reject(record.line(), columnName(field), record.quoted(field) + " is not a number");
                return Double.POSITIVE_INFINITY;
            }
            return value;
        }

        private String text(RawRecord record, int field) {
            return field < 0 || MissingValues.isMissing(record, field) ? null : record.text(field);
        }

        /** As {@link #text(RawRecord, int)}, for a field whose value usually repeats the line before. */
        private String text(RawRecord record, int field, RepeatedText repeated) {
            return field < 0 || MissingValues.isMissing(record, field) ? null
                    : repeated.of(record.chars(), record.start(field), record.length(field));
        }

        /**
         * The line's customer id: as written, but an integer written as a decimal (17850.0, as spreadsheets and
         * pandas write float columns) loses its ".0". Ids that are not integers are kept as written, and the
         * quality report warns when both kinds are in one file.
         */
        private String customerId(RawRecord record) {
            char[] chars = record.chars();
            int start = record.start(customer);
            int length = record.length(customer);
            int end = start + length;
            int digits = start;
            while (digits < end && chars[digits] >= '0' && chars[digits] <= '9') {
                digits++;
            }
            boolean decimalZero = digits > start && digits + 1 < end && chars[digits] == '.';
            for (int i = digits + 1; i < end && decimalZero; i++) {
                decimalZero = chars[i] == '0';
            }
            int kept = decimalZero ? digits - start : length;
            if (decimalZero) {
                idsNormalised++;
            }
            else if (digits < end && firstNonIntegerId == 0) {
                firstNonIntegerId = record.line();
            }
            return customerIds.of(chars, start, kept);
        }

        /** The purchase time; lines of one order usually repeat it, so the last one read is reused. */
        private double purchaseTime(RawRecord record) {
            char[] chars = record.chars();
            int start = record.start(time);
            int length = record.length(time);
            String text = times.of(chars, start, length);
            // The same string object while the time repeats: a new one is a new time to parse.
            if (text != lastTime) {
                lastTimeSeconds = layout.parseEpochSeconds(chars, start, length);
                lastTime = text;
            }
            return lastTimeSeconds;
        }

        private String columnName(int field) {
            return field >= 0 ? names.get(field) : null;
        }

        private void reject(long line, String column, String message) {
            rejected.add(line, column, message);
        }

        Streamed finish(CsvDialect dialect, List<String> warnings, String dateFormat) throws SQLException {
            if (lines == 0) {
                throw new EmptyCsvException("The file has a header but no order lines. Upload a file with at least one "
                        + "line below the header.");
            }
            rejected.refuseIfMoreThan(settings.maxRejectedShare(), lines);
            if (stored == 0) {
                throw new EmptyCsvException("None of the " + lines + " order lines can be used: " + withoutCustomer.count
                        + " have no customer, " + zeroOrNegativePrice.count + " no positive price, " + rejected.count()
                        + " could not be read. Check the column parameters (customerColumn, priceColumn, ...).");
            }
            long copied = writer.finish();
            if (copied != stored) {
                throw new IllegalStateException("COPY stored " + copied + " lines, expected " + stored);
            }
            List<String> allWarnings = new ArrayList<>(warnings);
            if (idsNormalised > 0 && firstNonIntegerId > 0) {
                allWarnings.add(idsNormalised + " customer ids are integers written as decimals (a trailing \".0\", "
                        + "removed), but others are not integers (the first on line " + firstNonIntegerId + "): check "
                        + "that the customer column holds one kind of id.");
            }
            return new Streamed(dialect, columns, dateFormat, lines, stored, blank, withoutCustomer.count(),
                    zeroOrNegativePrice.count(), rejected.count(), rejected.listed(), List.copyOf(allWarnings),
                    idsNormalised > 0, duplicates.count(), duplicateLines.candidates(), firstSeconds, lastSeconds,
                    returns.count(),
                    nonProduct.count(), aggregation.abandoned() ? null : aggregation, firstNonIntegerId == 0);
        }

    }

    /** Counts lines and keeps the first few line numbers. */
    static final class Counter {

        private final List<Long> examples = new ArrayList<>();

        private final int keep;

        private long count;

        Counter() {
            this(LineCount.EXAMPLES);
        }

        Counter(int keep) {
            this.keep = keep;
        }

        void add(long line) {
            count++;
            if (examples.size() < keep) {
                examples.add(line);
            }
        }

        LineCount count() {
            return new LineCount(count, List.copyOf(examples));
        }

    }

}
