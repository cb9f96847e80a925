package io.customersegments.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import de.siegmar.fastcsv.reader.CloseableIterator;

import io.customersegments.copy.BinaryCopyWriter;

/**
 * Reads one uploaded CSV file in a single streaming pass: sniffs its dialect, checks the header,
 * decides column types on the first rows, then validates every row and streams the good ones to
 * COPY while keeping the statistics of the quality report. Only the inference sample and the
 * statistics are held in memory, never the file.
 */
final class CsvImporter {

    /** Longest customer id: the unique index on ids refuses entries beyond about 2,700 bytes. */
    static final int MAX_ID_LENGTH = 500;

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

    Loaded read(InputStream input, UploadOptions options, BinaryCopyWriter writer, FeatureSpool spool, long datasetId)
            throws IOException, SQLException {
        return CsvRecords.read(input, options.encoding(), options.delimiter(), settings.maxColumns(),
                (header, records, dialect) -> load(header, records, dialect, options, writer, spool, datasetId));
    }

    private Loaded load(ColumnTypeInference.Header header, CloseableIterator<RawRecord> records, CsvDialect dialect,
            UploadOptions options, BinaryCopyWriter writer, FeatureSpool spool, long datasetId) throws SQLException {
        List<RawRecord> sample = SampledRecords.first(records, settings.inferenceSampleRows());
        int fieldCount = header.names().size();
        List<RawRecord> typable = sample.stream().filter(r -> r.fields() == fieldCount && !r.isBlank()).toList();
        List<ColumnPlan> plans = ColumnTypeInference.plan(header, typable, dialect.delimiter(), options.idColumn());
        Rows rows = new Rows(plans, writer, spool, datasetId);
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

        private final FeatureSpool spool;

        private final long datasetId;

        private final ExternalIdSet ids = new ExternalIdSet();

        private final ColumnStatistics statistics;

        private final ValueChecks checks;

        private final double[] numeric;

        private final String[] categorical;

        private final RejectedRows rejected = new RejectedRows(settings.maxReportedErrors());

        /** Per field, the rows rejected for a value that is not a number or date as the column's type expects. */
        private final long[] unreadable;

        private long blank;

        private int accepted;

        Rows(List<ColumnPlan> plans, BinaryCopyWriter writer, FeatureSpool spool, long datasetId) {
            this.spool = spool;
            this.plans = plans;
            this.idPlan = plans.stream().filter(p -> p.role() == ColumnRole.ID).findFirst().orElse(null);
            this.writer = writer;
            this.datasetId = datasetId;
            this.unreadable = new long[plans.size()];
            this.statistics = new ColumnStatistics(plans, settings);
            this.checks = new ValueChecks(plans, statistics.numericSlots(), Instant.now());
            this.numeric = new double[statistics.numericSlots()];
            this.categorical = new String[statistics.categoricalSlots()];
        }

        void accept(RawRecord record) throws SQLException {
            if (record.isBlank()) {
                blank++;
                return;
            }
            record.refuseUnclosedQuote(plans.size(), "row");
            if (record.fields() != plans.size()) {
                reject(record.line(), null, "expected " + plans.size() + " fields as in the header, found "
                        + record.fields());
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
                        reject(record.line(), plan.name(), record.quoted(plan.field()) + " is not " + plan.expectation());
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
                    reject(record.line(), idPlan.name(), "duplicate customer id " + record.quoted(idPlan.field())
                            + ", first seen on line " + firstLine);
                    return;
                }
                externalId = record.text(idPlan.field());
            }
            else {
                externalId = Integer.toString(accepted + 1);
            }
            accepted++;
            statistics.add(numeric, categorical);
            checks.check(record.line(), numeric);
            CustomerRows.write(writer, datasetId, accepted, externalId, numeric, categorical);
            spool.add(numeric, categorical);
        }

        private void reject(long line, String column, String message) {
            rejected.add(line, column, message);
        }

        Loaded finish(CsvDialect dialect, List<String> warnings) throws SQLException {
            long dataRows = accepted + rejected.count();
            if (dataRows == 0) {
                throw new EmptyCsvException("The file has a header but no data rows. Upload a file with at least one "
                        + "data row below the header.");
            }
            rejected.refuseIfMoreThan(settings.maxRejectedShare(), dataRows);
            List<RowError> listed = rejected.listed();
            double rejectedShare = (double) rejected.count() / dataRows;
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
            ColumnStatistics.Summary columns = statistics.summarize();
            QualityReport report = new QualityReport(dataRows, accepted, rejected.count(), blank, rejectedShare,
                    dialect.charset().name(), dialect.delimiterName(), columns.quality(), listed,
                    rejected.count() > listed.size(), List.copyOf(warnings), null,
                    checks.warnings(columns.numericBySlot()));
            return new CsvImport(accepted, columns.columns(), report, columns.summaries());
        }

    }

}
