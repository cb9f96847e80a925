package io.customersegments.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import jakarta.annotation.PreDestroy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a k sweep as a Spark application: starts the job's driver as a child process in client mode
 * ({@code java -cp spark-job.jar:lib/* io.customersegments.sparkjob.SegmentationJob SPEC RESULT}, the master from
 * {@link SparkSettings}), follows its progress lines, and reads its result. The driver reads the customers from this
 * service's PostgreSQL itself; it is killed when the run is cancelled or this service stops, and it stops itself
 * when this process dies.
 */
@Component
public class SparkEngine {

    private static final Logger log = LoggerFactory.getLogger(SparkEngine.class);

    /** The job's main class in {@code spark-job/}. */
    static final String JOB_CLASS = "io.customersegments.sparkjob.SegmentationJob";

    /** The options spark-submit gives a driver on Java 17 (Spark's JavaModuleOptions); {@code java -cp} must too. */
    static final List<String> JAVA_OPTIONS = Stream.concat(Stream.of("-XX:+IgnoreUnrecognizedVMOptions"),
            Stream.concat(Stream.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io", "java.net", "java.nio",
                    "java.util", "java.util.concurrent", "java.util.concurrent.atomic", "jdk.internal.ref", "sun.nio.ch",
                    "sun.nio.cs", "sun.security.action", "sun.util.calendar")
                .map(module -> "--add-opens=java.base/" + module + "=ALL-UNNAMED"),
                    Stream.of("--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                            "-Djdk.reflect.useDirectMethodHandle=false", "-Dio.netty.tryReflectionSetAccessible=true")))
        .toList();

    /** How often the waiting run checks whether it was cancelled. */
    private static final long POLL_MILLIS = 100;

    /** How long a driver may take to stop when asked, before it is killed. */
    private static final long STOP_PATIENCE_SECONDS = 10;

    /** Lines of the driver's standard error kept to say why it failed. */
    private static final int ERROR_LINES = 40;

    private final SparkSettings settings;

    private final DataSource dataSource;

    private final JsonMapper json;

    private final Set<Process> drivers = ConcurrentHashMap.newKeySet();

    public SparkEngine(SparkSettings settings, DataSource dataSource, JsonMapper json) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Whether a master is configured. */
    public boolean configured() {
        return this.settings.master() != null;
    }

    /** Datasets of more rows than this go to Spark under {@code engine: AUTO}. */
    public long minRows() {
        return this.settings.minRows();
    }

    /** Why no job can be started here (no master, no job jar), or empty when one can. */
    public Optional<String> unavailable() {
        if (!configured()) {
            return Optional.of("no Spark master is configured (set segmentation.spark.master, e.g. local[4] or "
                    + "spark://host:7077)");
        }
        if (!Files.isRegularFile(this.settings.jobJar())) {
            return Optional.of("the Spark job's jar " + this.settings.jobJar().toAbsolutePath() + " is missing (build it "
                    + "with mvn -f spark-job/pom.xml package, or set segmentation.spark.job-jar)");
        }
        return Optional.empty();
    }

    /**
     * Runs the job and waits for it.
     *
     * @param progress hears the fraction of starts done and the k being fitted, on the calling thread
     * @param cancelled polled while waiting; once true the driver is killed and {@link SparkJobCancelledException}
     *        thrown
     * @throws SparkJobException when the job could not start or failed; the message says why
     */
    public SparkJobResult run(SparkJobRequest request, BiConsumer<Double, Integer> progress, BooleanSupplier cancelled) {
        unavailable().ifPresent(reason -> {
            throw new SparkJobException("The run cannot go to Spark: " + reason + ".");
        });
        Path directory = null;
        Process driver = null;
        try {
            directory = Files.createTempDirectory("segmentation-spark-");
            Path spec = directory.resolve("spec.json");
            Path result = directory.resolve("result.json");
            // Owner-only directory (createTempDirectory's default): the spec holds the database password.
            this.json.writeValue(spec.toFile(), spec(request, directory));
            List<Path> jars = List.of(this.settings.jobJar().toAbsolutePath(),
                    this.settings.jobJar().toAbsolutePath().resolveSibling("lib").resolve("*"));
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.add("-Xmx" + this.settings.driverMemory());
            command.addAll(JAVA_OPTIONS);
            command.add("-cp");
            command.add(String.join(java.io.File.pathSeparator, jars.stream().map(Path::toString).toList()));
            command.add(JOB_CLASS);
            command.add(spec.toString());
            command.add(result.toString());
            driver = new ProcessBuilder(command).directory(directory.toFile()).start();
            this.drivers.add(driver);
            log.info("Run {}: Spark driver {} started on master {} for dataset {} (k = {}..{}, {} starts each)",
                    request.runId(), driver.pid(), this.settings.master(), request.datasetId(), request.kMin(),
                    request.kMax(), request.restarts());
            Deque<String> errors = new ArrayDeque<>();
            Thread errorReader = follow(driver.getErrorStream(), "spark-driver-" + request.runId() + "-stderr", line -> {
                log.info("Run {} Spark driver: {}", request.runId(), line);
                synchronized (errors) {
                    errors.addLast(line);
                    if (errors.size() > ERROR_LINES) {
                        errors.removeFirst();
                    }
                }
            });
            double[] latest = { -1, 0 };
            Thread outputReader = follow(driver.getInputStream(), "spark-driver-" + request.runId() + "-stdout", line -> {
                String[] parts = line.split(" ");
                if (parts.length == 3 && parts[0].equals("PROGRESS")) {
                    synchronized (latest) {
                        latest[0] = Double.parseDouble(parts[1]);
                        latest[1] = Integer.parseInt(parts[2]);
                    }
                }
            });
            double reported = -1;
            while (!driver.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                if (cancelled.getAsBoolean()) {
                    throw new SparkJobCancelledException();
                }
                double fraction;
                int k;
                synchronized (latest) {
                    fraction = latest[0];
                    k = (int) latest[1];
                }
                if (fraction > reported) {
                    reported = fraction;
                    progress.accept(fraction, k);
                }
            }
            outputReader.join(TimeUnit.SECONDS.toMillis(5));
            errorReader.join(TimeUnit.SECONDS.toMillis(5));
            if (driver.exitValue() != 0 || !Files.isRegularFile(result)) {
                throw new SparkJobException("The Spark job failed (driver exit status " + driver.exitValue() + "): "
                        + failureReason(errors) + ".");
            }
            SparkJobResult answer = read(result);
            log.info("Run {}: Spark job done on {} executor(s), {} cores: read {} customers from their {} in {} ms, "
                    + "fitted in {} ms ({} iterations, {} of them in the kept fits{})", request.runId(),
                    answer.executors(), answer.parallelism(), answer.rows(), answer.source(), answer.readMillis(),
                    answer.fitMillis(), answer.iterations(),
                    answer.fits().stream().mapToInt(SparkJobResult.Fit::iterations).sum(),
                    answer.screenedOn() == null ? "" : ", run on everyone after the screening");
            return answer;
        }
        catch (IOException ex) {
            throw new SparkJobException("The Spark job could not be started: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new SparkJobCancelledException();
        }
        finally {
            if (driver != null) {
                stop(driver);
                this.drivers.remove(driver);
            }
            if (directory != null) {
                delete(directory);
            }
        }
    }

    /** The driver's answer; one this service cannot read is the job's failure, said as such. */
    private SparkJobResult read(Path result) {
        try {
            // A newer job may say more than this service reads.
            return this.json.readerFor(SparkJobResult.class)
                .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .readValue(result.toFile());
        }
        catch (RuntimeException ex) {
            throw new SparkJobException("The Spark job's result could not be read (" + ex.getMessage() + "): is the job's "
                    + "jar " + this.settings.jobJar() + " of this service's version?", ex);
        }
    }

    /** The job's spec, as {@code spark-job}'s JobSpec reads it. */
    private Map<String, Object> spec(SparkJobRequest request, Path directory) {
        HikariDataSource pool = unwrap();
        Map<String, Object> spec = new java.util.LinkedHashMap<>();
        spec.put("master", this.settings.master());
        spec.put("conf", conf(directory));
        spec.put("jdbcUrl", pool.getJdbcUrl());
        spec.put("user", pool.getUsername());
        spec.put("password", pool.getPassword());
        spec.put("schema", pool.getSchema() != null ? pool.getSchema() : "public");
        spec.put("datasetId", request.datasetId());
        spec.put("rows", request.rows());
        // 0: the job takes the master's default parallelism (a cluster's cores, not this machine's).
        spec.put("partitions", (int) Math.min(this.settings.partitions(), Math.max(1, request.rows())));
        spec.put("dropMissing", request.dropMissing());
        spec.put("features", request.features());
        spec.put("kMin", request.kMin());
        spec.put("kMax", request.kMax());
        spec.put("restarts", request.restarts());
        spec.put("seed", request.seed());
        spec.put("maxIterations", request.maxIterations());
        spec.put("absoluteTolerance", request.absoluteTolerance());
        spec.put("screeningSample", request.screeningSample());
        spec.put("appName", String.format(Locale.ROOT, "customer-segments run %d", request.runId()));
        spec.put("servicePid", ProcessHandle.current().pid());
        return spec;
    }

    /**
     * The configured Spark settings, in local mode a local directory inside the run's own, and unless the settings
     * name their own {@code spark.jars}, the job's jar and the
     * PostgreSQL driver from its {@code lib/}: a cluster's executors fetch them from the driver, since they run the
     * row preparation and the JDBC reads.
     */
    private Map<String, String> conf(Path directory) {
        Map<String, String> conf = new java.util.LinkedHashMap<>(this.settings.conf());
        if (this.settings.master().startsWith("local")) {
            // In local mode the driver's scratch space (cached blocks spilled to disk) goes inside the run's directory,
            // deleted with it even when the driver was killed. (A cluster's executors keep to their own directories.)
            conf.putIfAbsent("spark.local.dir", directory.resolve("local").toString());
        }
        if (!conf.containsKey("spark.jars")) {
            Path jar = this.settings.jobJar().toAbsolutePath();
            List<String> jars = new ArrayList<>(List.of(jar.toString()));
            try (Stream<Path> lib = Files.list(jar.resolveSibling("lib"))) {
                lib.filter(path -> path.getFileName().toString().startsWith("postgresql-"))
                    .forEach(path -> jars.add(path.toString()));
            }
            catch (IOException ex) {
                log.warn("The Spark job's lib/ beside {} could not be listed: {}", jar, ex.toString());
            }
            conf.put("spark.jars", String.join(",", jars));
        }
        return conf;
    }

    private HikariDataSource unwrap() {
        try {
            return this.dataSource.unwrap(HikariDataSource.class);
        }
        catch (java.sql.SQLException ex) {
            throw new SparkJobException("The Spark job needs the service's connection settings, which a "
                    + this.dataSource.getClass().getSimpleName() + " does not give", ex);
        }
    }

    /** The driver's own last word ("JOB FAILED: ..."), else the last lines it wrote. */
    private static String failureReason(Deque<String> errors) {
        synchronized (errors) {
            List<String> lines = new ArrayList<>(errors);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("JOB FAILED: ")) {
                    return lines.get(i).substring("JOB FAILED: ".length());
                }
            }
            if (lines.isEmpty()) {
                return "it wrote nothing (killed?)";
            }
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        }
    }

    private static Thread follow(InputStream stream, String name, java.util.function.Consumer<String> lines) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    try {
                        lines.accept(line);
                    }
                    catch (RuntimeException ex) {
                        // The stream must be drained whatever a line holds, or the driver blocks on a full pipe.
                        log.debug("Ignored a line of the Spark driver's {}: {} ({})", name, line, ex.toString());
                    }
                }
            }
            catch (IOException ex) {
                log.debug("Stopped reading the Spark driver's {}: {}", name, ex.toString());
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    /** Stops a driver, killing it (and whatever it started) when it does not stop in time. */
    private static void stop(Process driver) {
        if (!driver.isAlive()) {
            return;
        }
        // Asked first (SIGTERM): Spark's shutdown hooks stop the application on the cluster and delete its files.
        driver.destroy();
        try {
            if (!driver.waitFor(STOP_PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                driver.descendants().forEach(ProcessHandle::destroyForcibly);
                driver.destroyForcibly();
                driver.waitFor(STOP_PATIENCE_SECONDS, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            driver.destroyForcibly();
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                }
                catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (IOException | UncheckedIOException ex) {
            log.warn("Could not delete the Spark job's directory {}: {}", directory, ex.toString());
        }
    }

    /** Kills the drivers of runs still going when the service stops (their runs are taken over or restarted). */
    @PreDestroy
    void stopAll() {
        for (Process driver : this.drivers) {
            log.info("Stopping the Spark driver {} with the service", driver.pid());
            stop(driver);
        }
    }

}
