package io.customersegments.dataset;

import java.nio.charset.Charset;

/**
 * What the uploader told us about a file; null leaves the choice to the service.
 *
 * @param name the dataset's name (default: the file name)
 * @param filename the uploaded file's name, if known
 * @param encoding the file's character encoding (default: sniffed)
 * @param delimiter the field delimiter (default: sniffed)
 * @param idColumn the header name or key of the customer id column (default: found by name, else row numbers)
 * @param force store the file even if the same bytes were uploaded before
 * @param kind what the rows are: customers, or order lines to derive customers from
 * @param transactions for order lines, the columns and date layout the uploader named
 */
record UploadOptions(String name, String filename, Charset encoding, Character delimiter, String idColumn,
        boolean force, DatasetKind kind, TransactionOptions transactions) {
}
