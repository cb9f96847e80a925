package io.customersegments;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** The service in a process of its own (from the build's classes, in a 512 MB heap), on the test database, in the given schema. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;

    private final int port;

    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance and waits until it is ready; {@code arguments} are extra --property=value settings. */
    public static ServiceProcess start(String name, String schema, String... arguments) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        TestDatabase.Target database = TestDatabase.target();
        // The application's classes and dependencies, without the tests' own (whose configurations would be scanned).
        String classpath = Arrays.stream(System.getProperty("surefire.test.class.path",
                System.getProperty("java.class.path")).split(File.pathSeparator))
            .filter(entry -> !entry.endsWith("test-classes"))
            .collect(Collectors.joining(File.pathSeparator));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", classpath, "io.customersegments.SegmentationServiceApplication",
                "--server.port=" + port, "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(), "--segmentation.database.schema=" + schema));
        command.addAll(List.of(arguments));
        Path log = Path.of("target", "service-" + name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServiceProcess service = new ServiceProcess(process, port, log);
        Api anonymous = new Api(port, null);
        Poll.until(Duration.ofSeconds(90), name + " to be ready", () -> {
            if (!process.isAlive()) {
                throw new AssertionError(name + " stopped; see " + log);
            }
            try {
                return anonymous.get("/actuator/health/readiness").status() == 200 ? true : null;
            }
            catch (IllegalStateException notYet) {
                return null;
            }
        });
        return service;
    }

    public Api api(String key) {
        return new Api(port, key);
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    /** Kills the process without a chance to clean up (kill -9). */
    public void kill() {
        process.destroyForcibly();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

}
