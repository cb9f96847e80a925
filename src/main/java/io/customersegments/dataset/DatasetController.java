package io.customersegments.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import io.customersegments.web.PageView;

@RestController
@RequestMapping("/api/datasets")
@Tag(name = "Datasets", description = "Upload customer CSV files and read what was stored")
class DatasetController {

    private static final Map<String, Character> DELIMITER_NAMES = Map.of(",", ',', "comma", ',', ";", ';', "semicolon",
            ';', "|", '|', "pipe", '|', "\t", '\t', "\\t", '\t', "tab", '\t');

    private final Datasets datasets;

    private final UploadSettings settings;

    private final UploadSlots slots;

    DatasetController(Datasets datasets, UploadSettings settings, UploadSlots slots) {
        this.datasets = datasets;
        this.settings = settings;
        this.slots = slots;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDataset", summary = "Upload a CSV file as multipart/form-data",
            description = "Part `file` holds the CSV. The delimiter and encoding are sniffed unless given; the customer id "
                    + "column is found by name unless given. Answers 201 with the dataset, its column catalogue and "
                    + "quality report.")
    @ApiResponse(responseCode = "201", description = "Stored")
    @ApiResponse(responseCode = "400", description = "The file or a parameter cannot be used; nothing was stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The same bytes were uploaded before",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Larger than segmentation.upload.max-size",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "A body of another media type", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every upload slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<DatasetView> uploadFile(MultipartHttpServletRequest multipart, @RequestPart("file") MultipartFile file,
            @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String delimiter, @RequestParam(required = false) String encoding,
            @RequestParam(required = false) String idColumn, @RequestParam(defaultValue = "false") boolean force,
            @ParameterObject TransactionUploadParameters transactions) {
        UploadOptions options = options(name, file.getOriginalFilename(), kind, delimiter, encoding, null, idColumn, force,
                transactions);
        return storeFile(multipart, file, body -> datasets.upload(body, options));
    }

    @PostMapping(path = "/csv", consumes = { "text/csv", "application/csv", "text/plain", "text/tab-separated-values" })
    @Operation(operationId = "uploadDatasetCsv", summary = "Upload a CSV file as the raw request body",
            description = "Streams the body straight into the database; the options are query parameters. A charset "
                    + "in the Content-Type header is used unless `encoding` is given. The body may be gzip-compressed "
                    + "(Content-Encoding: gzip).")
    // A string, so generated clients send the text as it is (the file itself goes by the multipart operation).
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
            description = "The CSV file's text, with its header")))
    @ApiResponse(responseCode = "201", description = "Stored")
    @ApiResponse(responseCode = "400", description = "The file or a parameter cannot be used; nothing was stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The same bytes were uploaded before",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Larger than segmentation.upload.max-size",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "415", description = "A body of another media type", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every upload slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<DatasetView> uploadBody(HttpServletRequest request, @RequestParam(required = false) String name,
            @RequestParam(required = false) String kind, @RequestParam(required = false) String delimiter,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String idColumn,
            @Parameter(description = "File name to record with the dataset") @RequestParam(required = false) String filename,
            @RequestParam(defaultValue = "false") boolean force,
            @ParameterObject TransactionUploadParameters transactions) {
        return storeBody(request, declared -> options(name, filename, kind, delimiter, encoding, declared, idColumn,
                force, transactions), datasets::upload);
    }

    /**
     * A raw body posted to /api/datasets itself, as before the two uploads were told apart in the API contract (one
     * path cannot hold two operations): the same upload as POST /api/datasets/csv.
     */
    @Hidden
    // Not in the document; named for the audit like the multipart upload to the same resource.
    @Operation(operationId = "uploadDataset")
    @PostMapping(consumes = { "text/csv", "application/csv", "text/plain", "text/tab-separated-values" })
    ResponseEntity<DatasetView> uploadBodyToCollection(HttpServletRequest request,
            @RequestParam(required = false) String name, @RequestParam(required = false) String kind,
            @RequestParam(required = false) String delimiter, @RequestParam(required = false) String encoding,
            @RequestParam(required = false) String idColumn, @RequestParam(required = false) String filename,
            @RequestParam(defaultValue = "false") boolean force, @ParameterObject TransactionUploadParameters transactions) {
        return uploadBody(request, name, kind, delimiter, encoding, idColumn, filename, force, transactions);
    }

    @PostMapping(path = "/{id}/versions", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(operationId = "uploadDatasetVersion", summary = "Upload the next version of a customer table (multipart)",
            description = "Part `file` holds the CSV, with the columns of the table's latest version. The new dataset "
                    + "has its own id and rows, and joins the lineage of dataset `id`: what is published for any "
                    + "version (live segments, segment events, history, webhooks) goes by the lineage, named by the "
                    + "first version's id. The customer id column is the latest version's unless `idColumn` is given. "
                    + "Score it with a run's model (POST /api/segmentations/{id}/score) or run on it afresh.")
    @ApiResponse(responseCode = "201", description = "Stored as the next version")
    @ApiResponse(responseCode = "400", description = "Other columns than the latest version's, a dataset of order lines "
            + "or derived from them, or a file that cannot be used; nothing was stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The same bytes were uploaded before",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Larger than segmentation.upload.max-size",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every upload slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<DatasetView> uploadVersionFile(@PathVariable long id, MultipartHttpServletRequest multipart,
            @RequestPart("file") MultipartFile file, @RequestParam(required = false) String name,
            @RequestParam(required = false) String delimiter, @RequestParam(required = false) String encoding,
            @RequestParam(required = false) String idColumn, @RequestParam(defaultValue = "false") boolean force) {
        UploadOptions options = options(name, file.getOriginalFilename(), null, delimiter, encoding, null, idColumn, force,
                null);
        return storeFile(multipart, file, body -> datasets.uploadVersion(id, body, options));
    }

    @PostMapping(path = "/{id}/versions/csv", consumes = { "text/csv", "application/csv", "text/plain",
            "text/tab-separated-values" })
    @Operation(operationId = "uploadDatasetVersionCsv", summary = "Upload the next version of a customer table (raw body)",
            description = "As the multipart version upload, with the CSV as the request body (gzip allowed) and the "
                    + "options as query parameters.")
    @RequestBody(required = true, content = @Content(mediaType = "text/csv", schema = @Schema(type = "string",
            description = "The CSV file's text, with its header")))
    @ApiResponse(responseCode = "201", description = "Stored as the next version")
    @ApiResponse(responseCode = "400", description = "Other columns than the latest version's, a dataset of order lines "
            + "or derived from them, or a file that cannot be used; nothing was stored",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The same bytes were uploaded before",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "413", description = "Larger than segmentation.upload.max-size",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "Every upload slot is taken (Retry-After)", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<DatasetView> uploadVersionBody(@PathVariable long id, HttpServletRequest request,
            @RequestParam(required = false) String name, @RequestParam(required = false) String delimiter,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String idColumn,
            @Parameter(description = "File name to record with the dataset") @RequestParam(required = false) String filename,
            @RequestParam(defaultValue = "false") boolean force) {
        return storeBody(request, declared -> options(name, filename, null, delimiter, encoding, declared, idColumn,
                force, null), (body, options) -> datasets.uploadVersion(id, body, options));
    }

    /** A raw body posted to the versions themselves: the same as POST /api/datasets/{id}/versions/csv. */
    @Hidden
    @Operation(operationId = "uploadDatasetVersion")
    @PostMapping(path = "/{id}/versions", consumes = { "text/csv", "application/csv", "text/plain",
            "text/tab-separated-values" })
    ResponseEntity<DatasetView> uploadVersionBodyToCollection(@PathVariable long id, HttpServletRequest request,
            @RequestParam(required = false) String name, @RequestParam(required = false) String delimiter,
            @RequestParam(required = false) String encoding, @RequestParam(required = false) String idColumn,
            @RequestParam(required = false) String filename, @RequestParam(defaultValue = "false") boolean force) {
        return uploadVersionBody(id, request, name, delimiter, encoding, idColumn, filename, force);
    }

    @GetMapping("/{id}/versions")
    @Operation(operationId = "listDatasetVersions", summary = "The versions of the customer table a dataset belongs to",
            description = "Oldest first; any version's id lists them all.")
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The versions", useReturnTypeSchema = true)
    List<DatasetOverview> versions(@PathVariable long id) {
        return datasets.versions(id);
    }

    /** Stores a multipart upload's one file (in part {@code file}) under an upload slot. */
    private ResponseEntity<DatasetView> storeFile(MultipartHttpServletRequest multipart, MultipartFile file,
            Function<InputStream, DatasetView> store) {
        int files = multipart.getMultiFileMap().values().stream().mapToInt(List::size).sum();
        if (files > 1) {
            throw new InvalidUploadParameterException("file", files + " files were sent; an upload takes exactly one, "
                    + "in the part named \"file\". Upload them one by one.");
        }
        try (UploadSlots.Slot slot = slots.acquire(); InputStream body = file.getInputStream()) {
            return created(store.apply(body));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading the uploaded part failed", ex);
        }
    }

    /**
     * Stores a raw-body upload under an upload slot, its options made with the charset its Content-Type declares
     * (read from the header itself: the request's character encoding is forced to UTF-8 by a filter).
     */
    private ResponseEntity<DatasetView> storeBody(HttpServletRequest request, Function<String, UploadOptions> options,
            BiFunction<InputStream, UploadOptions, DatasetView> store) {
        if (request.getContentLengthLong() > settings.maxSize().toBytes()) {
            throw new UploadTooLargeException(settings.maxSize());
        }
        String declared = request.getContentType() == null ? null
                : MediaType.parseMediaType(request.getContentType()).getParameter("charset");
        UploadOptions chosen = options.apply(declared);
        try (UploadSlots.Slot slot = slots.acquire()) {
            return created(store.apply(decoded(request), chosen));
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Reading the request body failed", ex);
        }
    }

    /** The body, inflated when sent with Content-Encoding: gzip (the size limit then applies to the inflated bytes). */
    private static InputStream decoded(HttpServletRequest request) throws IOException {
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return request.getInputStream();
        }
        if (encoding.equalsIgnoreCase("gzip") || encoding.equalsIgnoreCase("x-gzip")) {
            try {
                return GzipBody.of(request.getInputStream());
            }
            catch (GzipBody.Truncated ex) {
                throw new InvalidUploadParameterException("Content-Encoding", "The gzip-compressed body ends inside its "
                        + "header: the upload was cut short. Upload the whole file.");
            }
            catch (ZipException ex) {
                throw new InvalidUploadParameterException("Content-Encoding", "The body is not gzip data although "
                        + "Content-Encoding says gzip.");
            }
        }
        throw new InvalidUploadParameterException("Content-Encoding", "Content-Encoding \"" + encoding
                + "\" is not supported; send the CSV as is or gzip-compressed.");
    }

    private static ResponseEntity<DatasetView> created(DatasetView dataset) {
        URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
            .path("/api/datasets/{id}")
            .buildAndExpand(dataset.id())
            .toUri();
        return ResponseEntity.created(location).body(dataset);
    }

    private static UploadOptions options(String name, String filename, String kind, String delimiter, String encoding,
            String contentTypeCharset, String idColumn, boolean force, TransactionUploadParameters transactions) {
        DatasetKind datasetKind = kind(kind);
        if (datasetKind == DatasetKind.CUSTOMERS && transactions != null && !transactions.isEmpty()) {
            throw new InvalidUploadParameterException("kind", "The column parameters of order lines (customerColumn, "
                    + "timeColumn, dateFormat, asOf, ...) only apply to kind=TRANSACTIONS; add it, or leave them out for "
                    + "a file of customers.");
        }
        if (datasetKind == DatasetKind.TRANSACTIONS && idColumn != null && !idColumn.isBlank()) {
            throw new InvalidUploadParameterException("idColumn", "idColumn names the id of a customer file; for order "
                    + "lines (kind=TRANSACTIONS) use customerColumn.");
        }
        if (name != null && name.length() > 200) {
            throw new InvalidUploadParameterException("name", "name is " + name.length()
                    + " characters long; at most 200 are allowed.");
        }
        // Query parameters with a NUL never get here (web.NulParameterFilter); a multipart form's fields do.
        for (String[] text : new String[][] { { "name", name }, { "filename", filename } }) {
            if (text[1] != null && text[1].indexOf('\0') >= 0) {
                throw new InvalidUploadParameterException(text[0], text[0] + " holds a NUL character, which no stored "
                        + "text can hold.");
            }
        }
        Character separator = null;
        if (delimiter != null && !delimiter.isEmpty()) {
            separator = DELIMITER_NAMES.get(delimiter.length() == 1 ? delimiter : delimiter.strip().toLowerCase(Locale.ROOT));
            if (separator == null) {
                throw new InvalidUploadParameterException("delimiter", "delimiter \"" + delimiter
                        + "\" is not supported; use one of , ; | or tab (or leave it out to have it detected).");
            }
        }
        String charsetName = encoding != null && !encoding.isBlank() ? encoding.strip() : contentTypeCharset;
        return new UploadOptions(name, filename, charset(charsetName, encoding != null), separator, idColumn, force,
                datasetKind, datasetKind == DatasetKind.TRANSACTIONS && transactions != null ? transactions.options()
                        : TransactionOptions.NONE);
    }

    private static DatasetKind kind(String kind) {
        if (kind == null || kind.isBlank()) {
            return DatasetKind.CUSTOMERS;
        }
        for (DatasetKind candidate : DatasetKind.values()) {
            if (candidate.name().equalsIgnoreCase(kind.strip())) {
                return candidate;
            }
        }
        throw new InvalidUploadParameterException("kind", "kind \"" + kind + "\" is not known: use CUSTOMERS for one "
                + "row per customer, or TRANSACTIONS for order lines (one row per purchased item).");
    }

    private static Charset charset(String name, boolean fromParameter) {
        if (name == null) {
            return null;
        }
        try {
            return Charset.forName(name);
        }
        catch (IllegalCharsetNameException | UnsupportedCharsetException ex) {
            throw new InvalidUploadParameterException(fromParameter ? "encoding" : "Content-Type", "encoding \"" + name
                    + "\" is not a known character encoding; use e.g. UTF-8, windows-1252 or ISO-8859-1.");
        }
    }

    @GetMapping
    @Operation(operationId = "listDatasets", summary = "List datasets, newest first")
    @ApiResponse(responseCode = "200", description = "A page of datasets", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "400", description = "A page or size out of range", content = @Content(mediaType = "application/problem+json"))
    PageView<DatasetOverview> list(@RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(1000) int size) {
        return datasets.list(page, size);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDataset", summary = "A dataset with its column catalogue and quality report")
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "The dataset", useReturnTypeSchema = true)
    DatasetView find(@PathVariable long id) {
        return datasets.find(id);
    }

    @GetMapping("/{id}/summary")
    @Operation(operationId = "getDatasetSummary", summary = "Descriptive statistics per column",
            description = "Numeric columns: count, missing, mean, std, min, p25, median, p75, max, IQR outliers. "
                    + "Categorical columns: distinct values and the most frequent ones.")
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "Each column's statistics", useReturnTypeSchema = true)
    DatasetSummary summary(@PathVariable long id) {
        return datasets.summary(id);
    }

    @GetMapping("/{id}/customers")
    @Operation(operationId = "listDatasetCustomers", summary = "A page of the dataset's customer rows, in file order",
            description = "A page holds at most about 8 MB of values as held in memory: for rows of many columns or long "
                    + "texts a size that would hold more is a 400 naming the size that fits.")
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "200", description = "A page of rows", useReturnTypeSchema = true)
    PageView<CustomerView> customers(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) @Max(PageView.MAX_PAGE) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(1000) int size) {
        return datasets.customers(id, page, size);
    }

    @PostMapping(path = "/{id}/customer-features", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "deriveCustomerFeatures", summary = "Derive another customer dataset from a dataset of order lines",
            description = "Aggregates the order lines of a TRANSACTIONS dataset per customer as of a snapshot date "
                    + "(recency, frequency, monetary value, tenure, returns, favourite category and the purchase-history "
                    + "summary for lifetime-value models up to calibrationEnd). Every upload of order lines already "
                    + "derives one as of the day after its last purchase.")
    @ApiResponse(responseCode = "201", description = "Derived")
    @ApiResponse(responseCode = "400", description = "Not order lines, or dates that leave no customer",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<DatasetView> deriveCustomerFeatures(@PathVariable long id,
            @org.springframework.web.bind.annotation.RequestBody(required = false) CustomerFeaturesRequest request) {
        CustomerFeaturesRequest body = request != null ? request : new CustomerFeaturesRequest(null, null, null);
        if (body.name() != null && body.name().length() > 200) {
            throw new InvalidUploadParameterException("name", "name is " + body.name().length()
                    + " characters long; at most 200 are allowed.");
        }
        return created(datasets.deriveCustomerFeatures(id, body.asOf(), body.calibrationEnd(), body.name()));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteDataset", summary = "Delete a dataset, its rows and its runs",
            description = "A dataset whose run is published (its segments are live for marketing apps) is kept unless "
                    + "force=true, which unpublishes the run first.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No such dataset", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "A run of the dataset is published, or it is the first version of "
            + "a table with later ones", content = @Content(mediaType = "application/problem+json"))
    ResponseEntity<Void> delete(@PathVariable long id, @RequestParam(defaultValue = "false") boolean force) {
        datasets.delete(id, force);
        return ResponseEntity.noContent().build();
    }

}
