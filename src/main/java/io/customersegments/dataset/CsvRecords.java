package io.customersegments.dataset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.sql.SQLException;
import java.util.zip.ZipException;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;

import io.customersegments.web.ProblemException;

/**
 * The records of an uploaded CSV file, whatever its rows mean: sniffs the dialect, checks the header, and
 * turns what can go wrong while reading (bad quoting, bytes of another encoding, corrupt gzip) into
 * problems that name the line.
 */
final class CsvRecords {

    private static final int SNIFF_BYTES = 64 * 1024;

    private CsvRecords() {
    }

    /**
     * The longest field a file may hold, in characters (FastCSV's default is 16 million): the parser's buffer and the
     * row's copies grow to it, and four uploads at once of fields that long would not fit a small heap.
     */
    static final int MAX_FIELD_CHARS = 4 << 20;

    /** What is done with the records after the header; it drives the iteration. */
    @FunctionalInterface
    interface Reading<T> {

        T read(ColumnTypeInference.Header header, CloseableIterator<RawRecord> records, CsvDialect dialect)
                throws SQLException;

    }

    /**
     * Reads the file's header and hands the data records to {@code reading}.
     *
     * @param encoding the file's encoding, or null to sniff it
     * @param delimiter the field delimiter, or null to sniff it
     */
    static <T> T read(InputStream input, Charset encoding, Character delimiter, int maxColumns, Reading<T> reading)
            throws IOException, SQLException {
        byte[] prefix;
        try {
            prefix = input.readNBytes(SNIFF_BYTES);
        }
        catch (ZipException ex) {
            throw corruptGzip(ex, 1);
        }
        if (prefix.length == 0) {
            throw new EmptyCsvException("The file is empty. Upload a CSV file with a header line and at least one data row.");
        }
        CsvDialect dialect = CsvDialect.sniff(prefix, prefix.length, prefix.length < SNIFF_BYTES, encoding, delimiter);
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
            .maxBufferSize(MAX_FIELD_CHARS)
            .build(record, reader);
        try (CloseableIterator<RawRecord> records = csv.iterator()) {
            if (!records.hasNext()) {
                throw new EmptyCsvException("The file has no header line and no data. Upload a CSV file with a header "
                        + "line and at least one data row.");
            }
            RawRecord headerRecord = records.next();
            if (headerRecord.isBlank()) {
                throw new EmptyCsvException("The file has no header line: its first line is blank. Upload a CSV file "
                        + "whose first line names the columns.");
            }
            ColumnTypeInference.Header header = ColumnTypeInference.header(headerRecord, maxColumns);
            // Closed first, so the reader thread has left the records before they are closed.
            try (PrefetchedRecords prefetched = new PrefetchedRecords(records)) {
                return reading.read(header, prefetched, dialect);
            }
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
            if (reason.contains("maximum buffer size")) {
                reason = "a field of more than " + MAX_FIELD_CHARS + " characters";
                throw new InvalidCsvException("The file has " + reason + " near line " + record.line() + " (or a "
                        + "quote that opens there and never closes); fields are limited to 4 million characters. "
                        + "Nothing was stored.", new RowError(record.line(), null, reason));
            }
            throw new InvalidCsvException("The file is not valid CSV near line " + record.line() + ": " + reason
                    + ". Check the quoting: a field that contains the delimiter, a quote or a line break must be "
                    + "enclosed in double quotes, and quotes inside it doubled.",
                    new RowError(record.line(), null, reason));
        }
        catch (UncheckedIOException ex) {
            throw decodingOrRethrow(ex, dialect, reader);
        }
    }

    private static InvalidCsvException corruptGzip(ZipException ex, long line) {
        if (ex instanceof GzipBody.Truncated) {
            return truncatedGzip(line);
        }
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
        if (ex.getCause() instanceof ZipException zip) {
            return corruptGzip(zip, reader.line());
        }
        return ex;
    }

    /** A gzip body cut short: the client's to mend (400), not a failure of the service. */
    private static InvalidCsvException truncatedGzip(long line) {
        return new InvalidCsvException("The gzip-compressed body ends early near line " + line + ": the upload was cut "
                + "short, or the file was compressed only in part; nothing was stored. Upload the whole file.",
                new RowError(line, null, "gzip data ends early"));
    }

}
