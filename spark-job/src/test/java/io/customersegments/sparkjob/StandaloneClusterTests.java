package io.customersegments.sparkjob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The job on a real standalone cluster on loopback: a Spark master and one worker, each a JVM of its own started from
 * this project's Maven dependencies (no downloaded distribution). The worker launches executors with a command it
 * builds from {@code SPARK_HOME}: here a directory whose {@code jars/} links to the same dependency jars but the
 * PostgreSQL driver, which the job ships with its own jar through {@code spark.jars}, as the service does. The job
 * must run its reads and fits on the worker's executor: its log is in the worker's directory, and the job saw one
 * executor besides the driver.
 */
class StandaloneClusterTests {

    private static final List<Process> processes = new ArrayList<>();

    private static Path home;

    private static int masterPort;

    private static int masterUiPort;

    private static Path postgresDriver;

    @BeforeAll
    static void startMasterAndWorker() throws Exception {
        SegmentationJobTests.storeCustomers();
        home = Files.createTempDirectory("spark-home-");
        Path jars = Files.createDirectory(home.resolve("jars"));
        // The layout Spark's launcher takes for a binary distribution: a RELEASE file and the jars beside it.
        Files.writeString(home.resolve("RELEASE"), "Spark 4.2.0 (the spark-job project's Maven dependencies)\n");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path path = Path.of(entry);
            if (path.getFileName().toString().startsWith("postgresql-")) {
                // Not on the cluster (the apache/spark image has no PostgreSQL driver): the job brings it.
                postgresDriver = path.toAbsolutePath();
            }
            else if (entry.endsWith(".jar") && Files.isRegularFile(path) && !Files.exists(jars.resolve(path.getFileName()))) {
                Files.createSymbolicLink(jars.resolve(path.getFileName()), path.toAbsolutePath());
            }
        }
        masterPort = freePort();
        masterUiPort = freePort();
        processes.add(start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
                Integer.toString(masterPort), "--webui-port", Integer.toString(masterUiPort)));
        awaitMaster("\"status\":\"ALIVE\"");
        processes.add(start("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2",
                "--memory", "1g", "--webui-port", Integer.toString(freePort()), "--work-dir",
                home.resolve("work").toString(), "spark://127.0.0.1:" + masterPort));
        awaitMaster("\"aliveworkers\":1");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process process : processes) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void theJobRunsOnTheWorkersExecutor() throws Exception {
        List<JobSpec.Feature> features = List.of(new JobSpec.Feature(1, 0, null, null, false, 0, 10),
                new JobSpec.Feature(2, 0, null, null, false, 0, 10));
        // The job's classes in a jar, shipped with the PostgreSQL driver through spark.jars as the service ships them:
        // the executor deserialises the row preparation and runs the JDBC reads.
        Path jobJar = jar(Path.of("target", "classes"), home.resolve("spark-job-under-test.jar"));
        JobSpec spec = new JobSpec("spark://127.0.0.1:" + masterPort,
                Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                        "spark.executor.memory", "512m", "spark.cores.max", "2",
                        "spark.jars", jobJar + "," + postgresDriver),
                SegmentationJobTests.URL, SegmentationJobTests.USER, SegmentationJobTests.PASSWORD,
                SegmentationJobTests.SCHEMA, 7, SegmentationJobTests.BLOCKED_ROWS, 2, true, features, 2, 3, 1, 42, 100, 1e-6, 0,
                "standalone test", null);

        JobResult result = SegmentationJob.run(spec);

        // Dataset 7 has its columnar copy: the executor read and put together its blocks.
        assertEquals("blocks", result.source());
        assertEquals(SegmentationJobTests.BLOCKED_ROWS - SegmentationJobTests.BLOCKED_ROWS / 100, result.rows());
        assertEquals(List.of(2, 3), result.fits().stream().map(JobResult.Fit::k).toList());
        assertEquals(1, result.executors(), "one executor besides the driver: the worker's");
        // The worker's directory for the application holds its executor's log: the executor was the worker's.
        List<Path> executorLogs;
        try (Stream<Path> files = Files.walk(home.resolve("work"))) {
            executorLogs = files.filter(path -> path.getFileName().toString().equals("stderr")).toList();
        }
        assertFalse(executorLogs.isEmpty(), "no executor log in the worker's directory");
        String log = Files.readString(executorLogs.get(0));
        assertTrue(log.contains("CoarseGrainedExecutorBackend"), log);
    }

    /** A jar of the classes under {@code classes}. */
    private static Path jar(Path classes, Path target) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target));
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, out);
                out.closeEntry();
            }
        }
        return target.toAbsolutePath();
    }

    private static Process start(String name, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of(System.getProperty("spark.test.javaOptions", "").split(" ")));
        command.removeIf(String::isBlank);
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(home.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        return builder.start();
    }

    private static void awaitMaster(String expected) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                last = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                if (last.replaceAll("\\s", "").contains(expected)) {
                    return;
                }
            }
            catch (IOException ex) {
                last = ex.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the master never answered " + expected + "; last: " + last + "; logs: "
                + Files.readString(home.resolve("master.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

}
