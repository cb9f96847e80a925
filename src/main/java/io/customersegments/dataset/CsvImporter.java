package io.customersegments.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipException;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

import io.customersegments.web.ProblemException;

/**
 * Reads one uploaded CSV file in a single streaming pass: sniffs its dialect, checks the header,
 * decides column types on the first rows, then validates every row and streams the good ones to
 * COPY while keeping the statistics of the quality report. Only the inference sample and the
 * statistics are held in memory, never the file.
 */
final class CsvImporter {

    /** Longest customer id: the unique index on ids refuses entries beyond about 2,700 bytes. */
    static final int MAX_ID_LENGTH = 500;

    private static final int SNIFF_BYTES = 64 * 1024;

    private static final int TOP_VALUES = 10;

    private static final int MAX_QUOTED_VALUE = 60;

    private final UploadSettings settings;

    CsvImporter(UploadSettings settings) {
        this.settings = settings;
    }

    /** A file whose rows are all in the COPY stream; its statistics are still to be summarised. */
    @FunctionalInterface
    interface Loaded {

        /** Summarises the columns' statistics (sorting every kept value): may run on another thread. */
        CsvImport summarize();

    }

    Loaded read(InputStream input, UploadOptions options, BinaryCopyWriter writer, long datasetId)
            throws IOException, SQLException {
        byte[] prefix;
        try {
            prefix = input.readNBytes(SNIFF_BYTES);
        }
        catch (ZipException ex) {
            throw corruptGzip(1);
        }
        if (prefix.length == 0) {
            throw new EmptyCsvException("The file is empty. Upload a CSV file with a header line and at least one data row.");
        }
        CsvDialect dialect = CsvDialect.sniff(prefix, prefix.length, prefix.length < SNIFF_BYTES, options.encoding(),
                options.delimiter());
        InputStream bytes = new SequenceInputStream(
                new ByteArrayInputStream(prefix, dialect.bomLength(), prefix.length - dialect.bomLength()), input);
        RawRecord record = new RawRecord();
        LineCountingReader reader = new LineCountingReader(bytes, dialect.newDecoder(), dialect.escapesStrayBytes());
        CsvReader<RawRecord> csv = CsvReader.builder()
            .fieldSeparator(dialect.delimiter())
            .quoteCharacter('"')
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .trimWhitespacesAroundQuotes(true)
            .build(record, reader);
        try (CloseableIterator<RawRecord> records = csv.iterator()) {
            return load(records, dialect, options, writer, datasetId);
        }
        catch (CsvParseException ex) {
            if (ex.getCause() instanceof ProblemException problem) {
                throw problem;
            }
            if (ex.getCause() instanceof UncheckedIOException io) {
                throw decodingOrRethrow(io, dialect, reader);
            }
            String reason = (ex.getCause() != null ? ex.getCause().getMessage() : ex.getMessage())
                .replaceAll(" \\(record starting at line \\d+\\)", "");
            throw new InvalidCsvException("The file is not valid CSV near line " + record.line() + ": " + reason
                    + ". Check the quoting: a field that contains the delimiter, a quote or a line break must be "
                    + "enclosed in double quotes, and quotes inside it doubled.",
                    new RowError(record.line(), null, reason));
        }
        catch (UncheckedIOException ex) {
            throw decodingOrRethrow(ex, dialect, reader);
        }
    }

    private static InvalidCsvException corruptGzip(long line) {
        return new InvalidCsvException("The gzip-compressed body is corrupt near line " + line
                + ". Compress the file again and upload it whole.", new RowError(line, null, "corrupt gzip data"));
    }

    private static RuntimeException decodingOrRethrow(UncheckedIOException ex, CsvDialect dialect,
            LineCountingReader reader) {
        if (ex.getCause() instanceof CharacterCodingException) {
            return new InvalidCsvException("The file is not valid " + dialect.charset().name() + " near line "
                    + reader.line() + ". Pass the file's encoding, e.g. encoding=windows-1252 or encoding=UTF-8.",
                    new RowError(reader.line(), null, "bytes that are not valid " + dialect.charset().name()));
        }
        if (ex.getCause() instanceof ZipException) {
            return corruptGzip(reader.line());
        }
        return ex;
    }

    private Loaded load(CloseableIterator<RawRecord> records, CsvDialect dialect, UploadOptions options,
            BinaryCopyWriter writer, long datasetId) throws SQLException {
        if (!records.hasNext()) {
            throw new EmptyCsvException("The file has no header line and no data. Upload a CSV file with a header "
                    + "line and at least one data row.");
        }
        RawRecord headerRecord = records.next();
        if (headerRecord.isBlank()) {
            throw new EmptyCsvException("The file has no header line: its first line is blank. Upload a CSV file whose "
                    + "first line names the columns.");
        }
        ColumnTypeInference.Header header = ColumnTypeInference.header(headerRecord, settings.maxColumns());
        List<RawRecord> sample = new ArrayList<>();
        while (sample.size() < settings.inferenceSampleRows() && records.hasNext()) {
            sample.add(records.next().copy());
        }
        int fieldCount = header.names().size();
        List<RawRecord> typable = sample.stream().filter(r -> r.fields() == fieldCount && !r.isBlank()).toList();
        List<ColumnPlan> plans = ColumnTypeInference.plan(header, typable, dialect.delimiter(), options.idColumn());
        Rows rows = new Rows(plans, writer, datasetId);
        for (RawRecord record : sample) {
            rows.accept(record);
        }
        sample = null;
        while (records.hasNext()) {
            rows.accept(records.next());
        }
        List<String> warnings = new ArrayList<>(dialect.warnings());
        warnings.addAll(header.warnings());
        return rows.finish(dialect, warnings);
    }

    /** The validation and statistics of the data rows, row by row. */
    private final class Rows {

        private final List<ColumnPlan> plans;

        private final ColumnPlan idPlan;

        private final BinaryCopyWriter writer;

        private final long datasetId;

        private final ExternalIdSet ids = new ExternalIdSet();

        private final NumericStatistics[] numericStatistics;

        private final CategoricalStatistics[] categoricalStatistics;

        private final double[] numeric;

        private final String[] categorical;

        private final List<RowError> errors = new ArrayList<>();

        /** Per field, the rows rejected for a value that is not a number or date as the column's type expects. */
        private final long[] unreadable;

        private long rejected;

        private long blank;

        private int accepted;

        Rows(List<ColumnPlan> plans, BinaryCopyWriter writer, long datasetId) {
            this.plans = plans;
            this.idPlan = plans.stream().filter(p -> p.role() == ColumnRole.ID).findFirst().orElse(null);
            this.writer = writer;
            this.datasetId = datasetId;
            this.unreadable = new long[plans.size()];
            int numericSlots = (int) plans.stream().filter(ColumnPlan::isNumericSlot).count();
            int categoricalSlots = (int) plans.stream().filter(p -> p.role() == ColumnRole.CATEGORICAL).count();
            this.numeric = new double[numericSlots];
            this.categorical = new String[categoricalSlots];
            this.numericStatistics = new NumericStatistics[numericSlots];
            this.categoricalStatistics = new CategoricalStatistics[categoricalSlots];
            int capacity = (int) Math.min(Integer.MAX_VALUE - 8,
                    settings.exactStatisticsValues() / Math.max(1, numericSlots));
            for (int slot = 0; slot < numericSlots; slot++) {
                numericStatistics[slot] = new NumericStatistics(capacity, slot);
            }
            for (int slot = 0; slot < categoricalSlots; slot++) {
                categoricalStatistics[slot] = new CategoricalStatistics(settings.maxTrackedCategories());
            }
        }

        void accept(RawRecord record) throws SQLException {
            if (record.isBlank()) {
                blank++;
                return;
            }
            if (record.fields() != plans.size()) {
                reject(record.line(), null, "expected " + plans.size() + " fields as in the header, found "
                        + record.fields() + (record.spansLines() ? " (a quoted value runs over several lines: is a "
                                + "closing quote missing?)" : ""));
                return;
            }
            int unstorable = record.firstUnstorable();
            if (unstorable >= 0) {
                reject(record.line(), plans.get(record.fieldAt(unstorable)).name(),
                        "contains " + record.unstorable(unstorable));
                return;
            }
            for (ColumnPlan plan : plans) {
                if (plan.role() == ColumnRole.ID) {
                    continue;
                }
                boolean missing = MissingValues.isMissing(record, plan.field());
                if (plan.role() == ColumnRole.CATEGORICAL) {
                    categorical[plan.slot()] = missing ? null : record.text(plan.field());
                }
                else if (missing) {
                    numeric[plan.slot()] = Double.NaN;
                }
                else {
                    double value = plan.parse(record);
                    if (Double.isNaN(value)) {
                        unreadable[plan.field()]++;
                        reject(record.line(), plan.name(), quote(record, plan.field()) + " is not " + plan.expectation());
                        return;
                    }
                    numeric[plan.slot()] = value;
                }
            }
            String externalId;
            if (idPlan != null) {
                int length = record.length(idPlan.field());
                if (length == 0) {
                    reject(record.line(), idPlan.name(), "the customer id is empty");
                    return;
                }
                if (length > MAX_ID_LENGTH) {
                    reject(record.line(), idPlan.name(), "the customer id is " + length + " characters long; at most "
                            + MAX_ID_LENGTH + " are allowed");
                    return;
                }
                long firstLine = ids.add(record.chars(), record.start(idPlan.field()), length, record.line());
                if (firstLine != 0) {
                    reject(record.line(), idPlan.name(), "duplicate customer id " + quote(record, idPlan.field())
                            + ", first seen on line " + firstLine);
                    return;
                }
                externalId = record.text(idPlan.field());
            }
            else {
                externalId = Integer.toString(accepted + 1);
            }
            accepted++;
            for (int slot = 0; slot < numeric.length; slot++) {
                if (Double.isNaN(numeric[slot])) {
                    numericStatistics[slot].addMissing();
                }
                else {
                    numericStatistics[slot].add(numeric[slot]);
                }
            }
            for (int slot = 0; slot < categorical.length; slot++) {
                if (categorical[slot] == null) {
                    categoricalStatistics[slot].addMissing();
                }
                else {
                    categoricalStatistics[slot].add(categorical[slot]);
                }
            }
            writer.writeRow(datasetId, accepted, externalId, numeric, categorical);
        }

        private void reject(long line, String column, String message) {
            rejected++;
            if (errors.size() < settings.maxReportedErrors()) {
                errors.add(new RowError(line, column, message));
            }
        }

        private String quote(RawRecord record, int field) {
            String text = record.text(field);
            return "\"" + (text.length() > MAX_QUOTED_VALUE ? text.substring(0, MAX_QUOTED_VALUE) + "…" : text) + "\"";
        }

        Loaded finish(CsvDialect dialect, List<String> warnings) throws SQLException {
            long dataRows = accepted + rejected;
            if (dataRows == 0) {
                throw new EmptyCsvException("The file has a header but no data rows. Upload a file with at least one "
                        + "data row below the header.");
            }
            List<RowError> listed = errors.stream().sorted(Comparator.comparingLong(RowError::line)).toList();
            double rejectedShare = (double) rejected / dataRows;
            if (rejectedShare > settings.maxRejectedShare()) {
                throw new TooManyRejectedRowsException(rejected, dataRows, settings.maxRejectedShare(), listed);
            }
            long stored = writer.finish();
            if (stored != accepted) {
                throw new IllegalStateException("COPY stored " + stored + " rows, expected " + accepted);
            }
            List<String> allWarnings = new ArrayList<>(warnings);
            for (ColumnPlan plan : plans) {
                long count = unreadable[plan.field()];
                if (count > 0) {
                    allWarnings.add("Column \"" + plan.name() + "\": " + count + (count == 1 ? " value" : " values")
                            + " could not be read as " + plan.expectation()
                            + (count == 1 ? "; its row was" : "; their rows were") + " left out (see errors).");
                }
            }
            return () -> summarize(dialect, allWarnings, dataRows, rejectedShare, listed);
        }

        private CsvImport summarize(CsvDialect dialect, List<String> warnings, long dataRows, double rejectedShare,
                List<RowError> listed) {
            List<DatasetColumn> columns = new ArrayList<>();
            List<ColumnQuality> quality = new ArrayList<>();
            List<ColumnSummaries.Numeric> numericSummaries = new ArrayList<>();
            List<ColumnSummaries.Categorical> categoricalSummaries = new ArrayList<>();
            List<ColumnSummaries.Date> dateSummaries = new ArrayList<>();
            for (ColumnPlan plan : plans) {
                switch (plan.role()) {
                    case ID -> {
                        columns.add(new DatasetColumn(plan.name(), plan.key(), ColumnRole.ID, null, null, 0, accepted, true));
                        quality.add(new ColumnQuality(plan.name(), plan.key(), ColumnRole.ID, 0, accepted, null, null, null));
                    }
                    case CATEGORICAL -> {
                        CategoricalStatistics.Summary s = categoricalStatistics[plan.slot()].summarize(TOP_VALUES);
                        columns.add(new DatasetColumn(plan.name(), plan.key(), plan.role(), plan.slot(), null, s.missing(),
                                s.distinct(), s.exact()));
                        quality.add(new ColumnQuality(plan.name(), plan.key(), plan.role(), s.missing(), s.distinct(), null,
                                null, null));
                        categoricalSummaries.add(new ColumnSummaries.Categorical(plan.name(), plan.key(), s.count(),
                                s.missing(), s.distinct(), s.exact(), s.topValues()));
                    }
                    case NUMERIC, DATE -> {
                        NumericStatistics.Summary s = numericStatistics[plan.slot()].summarize();
                        boolean date = plan.role() == ColumnRole.DATE;
                        String format = date ? plan.dateFormat().display() : null;
                        columns.add(new DatasetColumn(plan.name(), plan.key(), plan.role(), plan.slot(), format, s.missing(),
                                s.distinct(), s.exact()));
                        quality.add(new ColumnQuality(plan.name(), plan.key(), plan.role(), s.missing(), s.distinct(),
                                date ? DateFormat.isoDateTime(s.min()) : s.min(), date ? DateFormat.isoDateTime(s.max()) : s.max(),
                                date ? null : s.outliers()));
                        if (date) {
                            dateSummaries.add(new ColumnSummaries.Date(plan.name(), plan.key(), s.count(), s.missing(),
                                    s.distinct(), DateFormat.isoDateTime(s.min()), DateFormat.isoDateTime(s.median()), DateFormat.isoDateTime(s.max()),
                                    format));
                        }
                        else {
                            numericSummaries.add(new ColumnSummaries.Numeric(plan.name(), plan.key(), s.count(),
                                    s.missing(), s.distinct(), s.mean(), s.std(), s.min(), s.p25(), s.median(), s.p75(),
                                    s.max(), s.outliers(), s.exact()));
                        }
                    }
                }
            }
            QualityReport report = new QualityReport(dataRows, accepted, rejected, blank, rejectedShare,
                    dialect.charset().name(), dialect.delimiterName(), List.copyOf(quality), listed,
                    rejected > listed.size(), List.copyOf(warnings));
            return new CsvImport(accepted, List.copyOf(columns), report,
                    new ColumnSummaries(numericSummaries, categoricalSummaries, dateSummaries));
        }

    }

}
