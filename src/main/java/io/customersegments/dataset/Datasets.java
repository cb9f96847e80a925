package io.customersegments.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.web.PageView;
import io.customersegments.copy.CopyStreams;

/**
 * The dataset module's public face: stores uploads, and reads datasets, their statistics and their
 * customer rows back.
 */
@Service
public class Datasets {

    private static final Logger log = LoggerFactory.getLogger(Datasets.class);

    /** First key of the advisory lock that serialises the duplicate check of concurrent uploads. */
    private static final int UPLOAD_LOCK_CLASS = 0x5E6D_0001;

    /**
     * First key of the advisory lock that keeps a dataset's deletion and writes derived from it apart (the
     * second is {@code Long.hashCode(datasetId)}); public for whoever inspects {@code pg_locks}.
     */
    public static final int DATASET_LOCK_CLASS = 0x5E6D_0002;

    /** Advisory lock class held while a lineage's next version is stored (second key: the lineage's hash). */
    private static final int VERSION_LOCK_CLASS = 0x5E6D_0011;

    private final DatasetRepository repository;

    private final JdbcTemplate jdbc;

    /** Reads a page's rows {@link #PAGE_ROWS_FETCHED} at a time, so one past the page's budget is never all read. */
    private final JdbcTemplate pagedRows;

    private static final int PAGE_ROWS_FETCHED = 50;

    private final UploadSettings settings;

    /** Looked up when a deletion happens: the dependents themselves depend on this facade. */
    private final ObjectProvider<DatasetDependents> dependents;

    private final OrderLines orderLines;

    private final CopyStreams copies;

    private final UploadMetrics metrics;

    private final PurchaseSummaries purchaseSummaries;

    private final ComputedColumns computedColumns;

    private final CustomerFeatures customerFeatures;

    private final ApplicationEventPublisher events;

    private final FeatureBlocks featureBlocks;

    private final FeatureBlockWriter featureBlockWriter;

    /** Read-only, REPEATABLE READ: the statements of a load see one snapshot. */
    private final TransactionTemplate snapshot;

    Datasets(DatasetRepository repository, JdbcTemplate jdbc, UploadSettings settings,
            ObjectProvider<DatasetDependents> dependents, OrderLines orderLines, CustomerFeatures customerFeatures,
            PurchaseSummaries purchaseSummaries, ComputedColumns computedColumns, CopyStreams copies,
            UploadMetrics metrics, ApplicationEventPublisher events, FeatureBlocks featureBlocks,
            FeatureBlockWriter featureBlockWriter, PlatformTransactionManager transactionManager) {
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setReadOnly(true);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.featureBlocks = featureBlocks;
        this.featureBlockWriter = featureBlockWriter;
        this.events = events;
        this.copies = copies;
        this.metrics = metrics;
        this.purchaseSummaries = purchaseSummaries;
        this.computedColumns = computedColumns;
        this.orderLines = orderLines;
        this.customerFeatures = customerFeatures;
        this.repository = repository;
        this.jdbc = jdbc;
        this.pagedRows = new JdbcTemplate(jdbc.getDataSource());
        this.pagedRows.setFetchSize(PAGE_ROWS_FETCHED);
        this.settings = settings;
        this.dependents = dependents;
    }

    /**
     * Reads a CSV upload and stores it as a new dataset, all in one transaction: rows stream through
     * validation into a COPY, and any failure (a refused file, a lost connection) leaves nothing behind.
     */
    @Transactional
    public DatasetView upload(InputStream body, UploadOptions options) {
        UploadStream input = new UploadStream(body, settings.maxSize());
        long id = nextDatasetId();
        if (options.kind() == DatasetKind.TRANSACTIONS) {
            return uploadTransactions(input, options, id);
        }
        return uploadCustomers(input, options, id, null);
    }

    /**
     * Stores a CSV upload as the next version of a customer table (the lineage of {@code datasetId}), like any
     * upload and in one transaction, with the columns of the lineage's latest version (checked after the rows are
     * read: a mismatch stores nothing). The customer id column is the latest version's unless named.
     */
    @Transactional
    public DatasetView uploadVersion(long datasetId, InputStream body, UploadOptions options) {
        long lineage = requireVersionable(datasetId).lineageId();
        // One version at a time per lineage (the next number), and neither the first nor the latest version deleted
        // meanwhile.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, VERSION_LOCK_CLASS, lockKey(lineage));
        if (!lockAgainstDeletion(lineage)) {
            throw new DatasetNotFoundException(lineage);
        }
        Dataset latest = repository.findFirstByLineageIdOrderByVersionDesc(lineage)
            .orElseThrow(() -> new DatasetNotFoundException(datasetId));
        lockAgainstDeletion(latest.getId());
        String idColumn = idColumn(latest);
        UploadOptions chosen = new UploadOptions(options.name() != null ? options.name() : latest.getName(),
                options.filename(), options.encoding(), options.delimiter(),
                options.idColumn() != null && !options.idColumn().isBlank() ? options.idColumn() : idColumn,
                options.force(), options.kind(), options.transactions());
        return uploadCustomers(new UploadStream(body, settings.maxSize()), chosen, nextDatasetId(), latest);
    }

    /**
     * The dataset, which must be an uploaded customer table (the kind that has versions): 400 for order lines and the
     * customers derived from them.
     */
    @Transactional(readOnly = true)
    public DatasetView requireVersionable(long datasetId) {
        Dataset dataset = dataset(datasetId);
        if (dataset.getKind() == DatasetKind.TRANSACTIONS) {
            throw new NotVersionableException(datasetId, "holds order lines, which have no versions: upload the new "
                    + "order lines as a dataset of their own (kind=TRANSACTIONS); versions are of customer tables.");
        }
        if (dataset.getDerivation() != null) {
            throw new NotVersionableException(datasetId, "was derived from order lines and has no versions: derive "
                    + "another with POST /api/datasets/{id}/customer-features; versions are of uploaded customer tables.");
        }
        idColumn(dataset);
        return DatasetView.of(dataset, null);
    }

    /** The name of a customer table's id column; 400 when it has none, since then it has no versions. */
    private static String idColumn(Dataset dataset) {
        return dataset.getColumns().stream()
            .filter(column -> column.role() == ColumnRole.ID)
            .map(DatasetColumn::name)
            .findFirst()
            // Row numbers would stand in for ids, and customers of two versions be matched by their place in the file.
            .orElseThrow(() -> new NotVersionableException(dataset.getId(), "has no customer id column (its customers "
                    + "are numbered by row), so the customers of two versions could not be told apart: upload the "
                    + "table with an id column (idColumn=...) as a new dataset, and its next versions with the same "
                    + "column."));
    }

    /** The versions of the customer table {@code datasetId} belongs to, oldest first. */
    @Transactional(readOnly = true)
    public List<DatasetOverview> versions(long datasetId) {
        return repository.findByLineageIdOrderByVersionAsc(lineageOf(datasetId)).stream()
            .map(DatasetOverview::of)
            .toList();
    }

    /** The lineage a dataset is a version of, named by its first version's id. */
    @Transactional(readOnly = true)
    public long lineageOf(long datasetId) {
        return lineage(datasetId).orElseThrow(() -> new DatasetNotFoundException(datasetId));
    }

    /** The lineage a dataset is a version of; empty for a dataset that does not exist. */
    @Transactional(readOnly = true)
    public Optional<Long> lineage(long datasetId) {
        return repository.findLineageIdById(datasetId);
    }

    /** @param latest the lineage's latest version when this upload is the next one; else null */
    private DatasetView uploadCustomers(UploadStream input, UploadOptions options, long id, Dataset latest) {
        String partition = Dataset.customerPartition(id);
        jdbc.execute("CREATE TABLE " + partition + " (LIKE customer INCLUDING DEFAULTS)");
        // The constraint lets ATTACH PARTITION skip scanning the rows it already proves.
        jdbc.execute("ALTER TABLE " + partition + " ADD CONSTRAINT " + partition + "_dataset CHECK (dataset_id = " + id
                + ")");
        long started = System.nanoTime();
        CsvImporter.Loaded loaded;
        long copied;
        try (FeatureSpool spool = new FeatureSpool()) {
            loaded = copyRows(input, options, partition, spool, id);
            copied = System.nanoTime();
            spool.finish();
            featureBlockWriter.store(id, spool);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read back the column blocks of the upload", ex);
        }
        long blocked = System.nanoTime();
        // The statistics are sorted on another core while PostgreSQL builds the indexes.
        CompletableFuture<CsvImport> summarized = CompletableFuture.supplyAsync(loaded::summarize);
        // Attaching builds the partition's primary key and unique id index in bulk, after the load.
        jdbc.execute("SET LOCAL maintenance_work_mem = '256MB'");
        jdbc.execute("ALTER TABLE customer ATTACH PARTITION " + partition + " FOR VALUES IN (" + id + ")");
        jdbc.execute(Dataset.analyzeCustomerPartition(partition));
        long attached = System.nanoTime();
        CsvImport imported = summarized.join();
        if (latest != null) {
            checkSameColumns(latest, imported.columns());
        }
        String sha256 = refuseDuplicate(input, options);
        Dataset created = new Dataset(id, name(options, id), options.filename(), sha256, input.count(), imported);
        if (latest != null) {
            created.followVersion(latest);
            events.publishEvent(new DatasetVersionStored(created.getLineageId(), id, created.getVersion()));
        }
        Dataset dataset = repository.save(created);
        metrics.stored(DatasetKind.CUSTOMERS, imported.rowCount(), input.count(), copied - started);
        log.info("Stored dataset {} ({} rows, {} rejected, {} bytes) in {} ms: read and copied in {} ms, column blocks "
                + "in {} ms, indexed in {} ms", id, imported.rowCount(), imported.quality().rejectedRows(), input.count(),
                (System.nanoTime() - started) / 1_000_000, (copied - started) / 1_000_000, (blocked - copied) / 1_000_000,
                (attached - blocked) / 1_000_000);
        return DatasetView.of(dataset, null);
    }

    private static void checkSameColumns(Dataset latest, List<DatasetColumn> columns) {
        Map<String, ColumnRole> before = new LinkedHashMap<>();
        latest.getColumns().forEach(column -> before.put(column.key(), column.role()));
        Map<String, ColumnRole> now = new LinkedHashMap<>();
        columns.forEach(column -> now.put(column.key(), column.role()));
        List<String> missing = before.keySet().stream().filter(key -> !now.containsKey(key)).toList();
        List<String> added = now.keySet().stream().filter(key -> !before.containsKey(key)).toList();
        List<String> changed = before.keySet().stream()
            .filter(key -> now.containsKey(key) && now.get(key) != before.get(key))
            .map(key -> key + " (" + before.get(key) + ", now " + now.get(key) + ")")
            .toList();
        if (!missing.isEmpty() || !added.isEmpty() || !changed.isEmpty()) {
            throw new VersionColumnsException(latest.getId(), latest.getVersion(), missing, added, changed);
        }
    }

    /** Order lines: stored as they are (cleaned), and a customer dataset derived from them in the same transaction. */
    private DatasetView uploadTransactions(UploadStream input, UploadOptions options, long id) {
        OrderLines.Stored lines = orderLines.load(input, options, id);
        String sha256 = refuseDuplicate(input, options);
        String name = name(options, id);
        LocalDate asOf = options.transactions().asOf() != null ? options.transactions().asOf()
                : lines.lastPurchaseDay().plusDays(1);
        long derivedId = nextDatasetId();
        Set<String> fields = lines.streamed().columns().describe().keySet();
        CustomerAggregation aggregated = lines.streamed().aggregation();
        // The streaming pass aggregated every line: as of a day after them all, its customers are the answer.
        CustomerFeatures.Derived derived = aggregated != null && !aggregated.abandoned()
                && asOf.isAfter(lines.lastPurchaseDay())
                ? customerFeatures.store(id, fields, lines.streamed().integerIds(), derivedId, name + " · customers", asOf,
                        aggregated)
                : customerFeatures.derive(id, fields, lines.streamed().integerIds(), derivedId, name + " · customers",
                        asOf, null);
        Dataset source = repository.save(Dataset.ofTransactions(id, name, options.filename(), sha256, input.count(),
                lines.quality(derived.totals())));
        repository.save(derived.dataset());
        metrics.stored(DatasetKind.TRANSACTIONS, lines.streamed().lines(), input.count(), lines.copyNanos());
        return DatasetView.of(source, derivedId);
    }

    /**
     * Derives another customer dataset from the order lines of a TRANSACTIONS dataset, as of a snapshot date.
     *
     * @param asOf the snapshot date; null for the day after the last purchase
     * @param calibrationEnd the last day of the purchase-history summary; null for the day before asOf
     * @param name the new dataset's name; null for one made of the source's name and the date
     */
    @Transactional
    public DatasetView deriveCustomerFeatures(long sourceId, LocalDate asOf, LocalDate calibrationEnd, String name) {
        if (!lockAgainstDeletion(sourceId)) {
            throw new DatasetNotFoundException(sourceId);
        }
        Dataset source = dataset(sourceId);
        if (source.getKind() != DatasetKind.TRANSACTIONS) {
            throw new NotTransactionsException(source.getId(), source.getSourceDatasetId());
        }
        TransactionReport lines = source.getQuality().transactions();
        LocalDate snapshot = asOf != null ? asOf : lines.lastPurchaseDay().plusDays(1);
        String derivedName = name != null && !name.isBlank() ? name.strip()
                : source.getName() + " · customers as of " + snapshot;
        long id = nextDatasetId();
        Dataset derived = customerFeatures.derive(sourceId, lines.columns().keySet(), lines.integerIds(), id,
                derivedName, snapshot, calibrationEnd).dataset();
        return DatasetView.of(repository.save(derived), null);
    }

    /**
     * The purchase histories of a derived customer dataset's customers up to a calibration end, in days: from
     * its own columns when the calibration end is the one it was derived with, else from its source's order
     * lines (which a holdout period always needs).
     *
     * @param calibrationEnd null for the one the dataset was derived with
     * @param holdoutEnd null for no holdout period
     */
    @Transactional
    public PurchaseSummary purchaseSummary(long id, LocalDate calibrationEnd, LocalDate holdoutEnd) {
        if (!lockAgainstDeletion(id)) {
            throw new DatasetNotFoundException(id);
        }
        Dataset dataset = customerDataset(id);
        Derivation derivation = dataset.getDerivation();
        if (derivation == null) {
            throw new NotDerivedException(id);
        }
        LocalDate calibration = calibrationEnd != null ? calibrationEnd : derivation.calibrationEnd();
        if (!calibration.isBefore(derivation.asOf())) {
            throw new InvalidDerivationException("calibrationEnd", "calibrationEnd " + calibration + " must be before "
                    + "the snapshot date " + derivation.asOf() + " of dataset " + id + ": its customers are those who "
                    + "bought before it. Derive another snapshot (POST /api/datasets/{source}/customer-features) to "
                    + "calibrate later.");
        }
        if (holdoutEnd != null && !holdoutEnd.isAfter(calibration)) {
            throw new InvalidDerivationException("holdoutEnd", "holdoutEnd " + holdoutEnd + " must be after the "
                    + "calibration end " + calibration + ".");
        }
        if (calibration.equals(derivation.calibrationEnd()) && holdoutEnd == null) {
            return storedSummary(dataset, calibration);
        }
        Long sourceId = dataset.getSourceDatasetId();
        Dataset source = sourceId == null || !lockAgainstDeletion(sourceId) ? null
                : repository.findById(sourceId).orElse(null);
        if (source == null) {
            throw new SourceDeletedException(id, derivation.calibrationEnd());
        }
        TransactionReport lines = source.getQuality().transactions();
        LocalDate first = lines.firstPurchaseDay();
        LocalDate last = lines.lastPurchaseDay();
        if (calibration.isBefore(first) || !calibration.isBefore(last)) {
            throw new InvalidDerivationException("calibrationEnd", "calibrationEnd " + calibration + " is outside the "
                    + "purchases of dataset " + sourceId + ", which run from " + first + " to " + last + ": choose a day "
                    + "from " + first + " to " + last.minusDays(1) + ".");
        }
        if (holdoutEnd != null && holdoutEnd.isAfter(last)) {
            throw new InvalidDerivationException("holdoutEnd", "holdoutEnd " + holdoutEnd + " is after the last "
                    + "purchase of dataset " + sourceId + " (" + last + "): the holdout period must be covered by data.");
        }
        return purchaseSummaries.summarise(dataset, calibration, holdoutEnd);
    }

    private PurchaseSummary storedSummary(Dataset dataset, LocalDate calibration) {
        List<DatasetColumn> history = resolveColumns(dataset.getId(),
                List.of("repeat_purchases", "recency_repeat", "age", "repeat_avg_value"));
        FeatureTable table = loadFeatures(dataset.getId(), history);
        int complete = 0;
        for (int i = 0; i < table.n(); i++) {
            complete += Double.isNaN(table.values()[i * 4]) ? 0 : 1;
        }
        int[] rowNos = new int[complete];
        double[][] columns = new double[4][complete];
        int j = 0;
        for (int i = 0; i < table.n(); i++) {
            if (!Double.isNaN(table.values()[i * 4])) {
                rowNos[j] = table.rowNos()[i];
                for (int c = 0; c < 4; c++) {
                    columns[c][j] = table.values()[i * 4 + c];
                }
                j++;
            }
        }
        return new PurchaseSummary(rowNos, columns[0], columns[1], columns[2], columns[3], null, calibration);
    }

    /**
     * Adds numeric columns computed from a customer dataset (a model's predictions) to it, or replaces those of
     * the same keys; rows not in {@code rowNos} get missing values.
     */
    @Transactional
    public DatasetView storeComputedColumns(long id, List<String> keys, int[] rowNos, double[][] values) {
        if (!lockAgainstDeletion(id)) {
            throw new DatasetNotFoundException(id);
        }
        Dataset dataset = customerDataset(id);
        computedColumns.store(dataset, keys, rowNos, values);
        return DatasetView.of(repository.save(dataset), null);
    }

    /** A new dataset's id, taken before its rows are stored (they carry it). */
    private long nextDatasetId() {
        return jdbc.queryForObject("SELECT nextval('dataset_id_seq')", Long.class);
    }

    /** Answers the upload's SHA-256, unless the same bytes were stored before and the upload is not forced. */
    private String refuseDuplicate(UploadStream input, UploadOptions options) {
        String sha256 = input.sha256();
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, UPLOAD_LOCK_CLASS,
                sha256.substring(0, 8).hashCode());
        if (!options.force()) {
            repository.findFirstBySha256OrderByIdAsc(sha256).ifPresent(existing -> {
                throw new DuplicateUploadException(existing.getId(), sha256);
            });
        }
        return sha256;
    }

    private static String name(UploadOptions options, long id) {
        return options.name() != null && !options.name().isBlank() ? options.name().strip()
                : options.filename() != null && !options.filename().isBlank()
                        ? options.filename().replaceFirst("\\.(csv|tsv|txt)$", "") : "Dataset " + id;
    }

    private CsvImporter.Loaded copyRows(UploadStream input, UploadOptions options, String partition,
            FeatureSpool spool, long id) {
        return copies.in(partition, CustomerRows.COLUMNS, "the upload",
                writer -> new CsvImporter(settings).read(input, options, writer, spool, id));
    }

    @Transactional(readOnly = true)
    public DatasetView find(long id) {
        Dataset dataset = dataset(id);
        Long derivedId = dataset.getKind() != DatasetKind.TRANSACTIONS ? null
                : repository.findFirstBySourceDatasetIdOrderByIdAsc(id).map(Dataset::getId).orElse(null);
        return DatasetView.of(dataset, derivedId);
    }

    @Transactional(readOnly = true)
    public PageView<DatasetOverview> list(int page, int size) {
        var found = repository.findAll(PageRequest.of(page, size, Sort.by(Sort.Direction.DESC, "id")));
        return PageView.of(found.map(DatasetOverview::of).getContent(), page, size, found.getTotalElements());
    }

    @Transactional(readOnly = true)
    public DatasetSummary summary(long id) {
        Dataset dataset = dataset(id);
        ColumnSummaries columns = dataset.getSummaries();
        return new DatasetSummary(id, dataset.getRowCount(), columns.numeric(), columns.categorical(), columns.dates());
    }

    /**
     * One page of a dataset's customer rows, in file order. A page holds at most {@link #PAGE_BUDGET} bytes of values
     * (estimated as held in memory): a table of a thousand columns, or of long texts, is paged in fewer rows, and a
     * larger size is a 400 that says which size fits.
     */
    @Transactional(readOnly = true)
    public PageView<CustomerView> customers(long id, int page, int size) {
        Dataset dataset = customerDataset(id);
        List<DatasetColumn> columns = dataset.getColumns().stream().filter(c -> c.role() != ColumnRole.ID).toList();
        List<CustomerView> rows = new ArrayList<>();
        long[] bytes = { 0 };
        // A cursor (the transaction is open): rows come a few at a time, so a page past its budget stops early.
        pagedRows.query("SELECT row_no, external_id, numeric, categorical FROM customer WHERE dataset_id = ? "
                + "AND row_no > ? AND row_no <= ? ORDER BY row_no", rs -> {
                    Double[] numeric = (Double[]) rs.getArray("numeric").getArray();
                    String[] categorical = (String[]) rs.getArray("categorical").getArray();
                    String externalId = rs.getString("external_id");
                    Map<String, Object> values = new LinkedHashMap<>();
                    long rowBytes = VALUE_BYTES + 2L * externalId.length();
                    for (DatasetColumn column : columns) {
                        Object value = switch (column.role()) {
                            case CATEGORICAL -> categorical[column.index()];
                            case DATE -> DateFormat.isoDateTime(numeric[column.index()]);
                            default -> numeric[column.index()];
                        };
                        values.put(column.key(), value);
                        rowBytes += VALUE_BYTES + (value instanceof String text ? 2L * text.length() : 0);
                    }
                    bytes[0] += rowBytes;
                    if (bytes[0] > PAGE_BUDGET && !rows.isEmpty()) {
                        long fits = Math.max(1, PAGE_BUDGET * (rows.size() + 1) / bytes[0]);
                        throw new PageTooLargeException("The rows of dataset " + id + " are large ("
                                + (bytes[0] / (rows.size() + 1) / 1024) + " KB each as held in memory: many columns "
                                + "or long texts), so a page of " + size + " would hold more than the "
                                + PAGE_BUDGET / (1024 * 1024) + " MB a page may; ask for size=" + fits + " or fewer");
                    }
                    rows.add(new CustomerView(rs.getLong("row_no"), externalId, values));
                }, id, (long) page * size, (long) page * size + size);
        return PageView.of(rows, page, size, dataset.getRowCount());
    }

    /** The most a page of customer rows may hold, in bytes as held in memory (a value and its map entry, or a text). */
    static final long PAGE_BUDGET = 8L * 1024 * 1024;

    /** A value of a page's row as held in memory: its map entry, the boxed number and their references. */
    private static final int VALUE_BYTES = 64;

    /** The dataset's column catalogue. */
    @Transactional(readOnly = true)
    public List<DatasetColumn> columns(long id) {
        return dataset(id).getColumns();
    }

    /**
     * The catalogue of a customer dataset.
     *
     * @throws NotCustomersException for a TRANSACTIONS dataset (which names its derived customers)
     */
    @Transactional(readOnly = true)
    public List<DatasetColumn> customerColumns(long id) {
        return customerDataset(id).getColumns();
    }

    /**
     * The stored rows, in file order, for the given catalogue columns plus every categorical column, read in one
     * snapshot from the dataset's columnar copy where it has one (see {@link FeatureBlocks}). Columns read from the
     * rows instead are cached afterwards when no transaction is open around this call (a run's load), so that the
     * cache write never needs a second connection beside a caller's.
     */
    public FeatureTable loadFeatures(long id, List<DatasetColumn> features) {
        for (DatasetColumn feature : features) {
            if (feature.role() != ColumnRole.NUMERIC && feature.role() != ColumnRole.DATE) {
                throw new IllegalArgumentException(feature.name() + " is not numeric");
            }
        }
        boolean onItsOwn = !TransactionSynchronizationManager.isActualTransactionActive();
        FeatureBlocks.Loaded loaded = snapshot.execute(status -> {
            Dataset dataset = dataset(id);
            List<DatasetColumn> categorical = dataset.getColumns()
                .stream()
                .filter(column -> column.role() == ColumnRole.CATEGORICAL)
                .toList();
            return featureBlocks.load(dataset, features, categorical);
        });
        if (onItsOwn) {
            featureBlocks.cacheRowsRead(loaded);
        }
        return loaded.table();
    }

    /**
     * Every value of a numeric (or date) column, NaN where missing, in no particular order: streamed, so however
     * many rows the dataset has, only a block of them is in memory.
     */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public void forEachValue(long id, DatasetColumn column, DoubleConsumer each) {
        dataset(id);
        if (column.role() != ColumnRole.NUMERIC && column.role() != ColumnRole.DATE) {
            throw new IllegalArgumentException(column.name() + " is not numeric");
        }
        featureBlocks.forEachValue(id, column, each);
    }

    /** The customer ids of the given rows of a dataset, in the order given (null for a row it does not have). */
    @Transactional(readOnly = true)
    public String[] externalIds(long id, int[] rowNos) {
        Map<Integer, String> found = new HashMap<>();
        // A join with the numbers, not = ANY(...): the planner then looks each row up by its key, not scans them all.
        jdbc.query("SELECT c.row_no, c.external_id FROM unnest(?::int[]) AS r(row_no) JOIN customer c "
                + "ON c.dataset_id = ? AND c.row_no = r.row_no", rs -> {
                    found.put(rs.getInt(1), rs.getString(2));
                }, rowNos, id);
        String[] ids = new String[rowNos.length];
        for (int i = 0; i < rowNos.length; i++) {
            ids[i] = found.get(rowNos[i]);
        }
        return ids;
    }

    /** Rows in which none of the given numeric columns is missing. */
    @Transactional(readOnly = true)
    public long countComplete(long id, List<DatasetColumn> features) {
        Dataset dataset = dataset(id);
        // The catalogue counts each column's missing values: with at most one column that has any, no rows are read.
        List<DatasetColumn> gappy = features.stream()
            .map(feature -> DatasetColumn.find(dataset.getColumns(), feature.key()).orElse(feature))
            .filter(column -> column.missing() > 0)
            .distinct()
            .toList();
        if (gappy.size() <= 1) {
            return dataset.getRowCount() - (gappy.isEmpty() ? 0 : gappy.get(0).missing());
        }
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM customer WHERE dataset_id = ?");
        features.forEach(feature -> sql.append(" AND numeric[").append(feature.index() + 1).append("] IS NOT NULL"));
        return jdbc.queryForObject(sql.toString(), Long.class, id);
    }

    /**
     * The catalogue columns named, by header name or key, in the order given.
     *
     * @throws UnknownColumnException when a name matches no column
     */
    @Transactional(readOnly = true)
    public List<DatasetColumn> resolveColumns(long id, List<String> names) {
        List<DatasetColumn> columns = customerDataset(id).getColumns();
        List<DatasetColumn> resolved = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            DatasetColumn.find(columns, name).ifPresentOrElse(resolved::add, () -> unknown.add(name));
        }
        if (!unknown.isEmpty()) {
            throw new UnknownColumnException(id, unknown, columns);
        }
        return resolved;
    }

    /**
     * Holds off the dataset's deletion until the current transaction ends (another module storing what
     * it derived from the dataset takes this first), and answers whether the dataset still exists.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean lockAgainstDeletion(long id) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock_shared(?, ?)", Object.class, DATASET_LOCK_CLASS, lockKey(id));
        return repository.existsById(id);
    }

    private static int lockKey(long id) {
        return Long.hashCode(id);
    }

    /**
     * Deletes a dataset and all its rows, once what other modules keep for it allows (or, with
     * {@code force}, after they have let go of it).
     */
    @Transactional
    public void delete(long id, boolean force) {
        // Exclusive: waits for whatever is being stored for the dataset, and keeps new stores out until done.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?, ?)", Object.class, DATASET_LOCK_CLASS, lockKey(id));
        Dataset dataset = dataset(id);
        if (dataset.getLineageId() == id) {
            List<Long> later = repository.findByLineageIdOrderByVersionAsc(id).stream()
                .map(Dataset::getId)
                .filter(version -> version != id)
                .toList();
            if (!later.isEmpty()) {
                throw new DatasetHasVersionsException(id, later);
            }
        }
        dependents.orderedStream().forEach(dependent -> dependent.datasetDeleting(id, force));
        jdbc.execute("DROP TABLE " + dataset.partition());
        repository.delete(dataset);
        log.info("Deleted dataset {}", id);
    }

    /**
     * The customer dataset to segment for {@code id}: itself, or for a TRANSACTIONS dataset the customer
     * dataset its upload derived.
     */
    @Transactional(readOnly = true)
    public long customersOf(long id) {
        Dataset dataset = dataset(id);
        if (dataset.getKind() != DatasetKind.TRANSACTIONS) {
            return id;
        }
        return repository.findFirstBySourceDatasetIdOrderByIdAsc(id).map(Dataset::getId)
            .orElseThrow(() -> new NotCustomersException(id, null));
    }

    /** The dataset, which must hold customers. */
    private Dataset customerDataset(long id) {
        Dataset dataset = dataset(id);
        if (dataset.getKind() == DatasetKind.TRANSACTIONS) {
            throw new NotCustomersException(id,
                    repository.findFirstBySourceDatasetIdOrderByIdAsc(id).map(Dataset::getId).orElse(null));
        }
        return dataset;
    }

    private Dataset dataset(long id) {
        return repository.findById(id).orElseThrow(() -> new DatasetNotFoundException(id));
    }

}
