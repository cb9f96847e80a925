package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/**
 * What the service does with a Spark job's answer it must not trust: a stand-in job (compiled here into a jar of the
 * real job's name) answers unreadable JSON, centres of the wrong shape, or centres whose cost on its rows is not what
 * the service measures on its own (a job that prepared the customers differently). Each fails the run saying why.
 */
@ServiceTest
class SparkJobResultTests {

    /** The stand-in: picks its answer by the run's kMin (2, 3 or 4), as the spec file gives it. */
    private static final String STAND_IN = """
            package io.customersegments.sparkjob;

            import java.nio.file.Files;
            import java.nio.file.Path;

            public final class SegmentationJob {
                public static void main(String[] args) throws Exception {
                    String spec = Files.readString(Path.of(args[0]));
                    int kMin = Integer.parseInt(spec.replaceAll("(?s).*\\"kMin\\":(\\\\d+).*", "$1"));
                    String answer = switch (kMin) {
                        case 2 -> "{not json";
                        case 3 -> "{\\"executors\\":1,\\"parallelism\\":1,\\"rows\\":200,\\"readMillis\\":1,"
                                + "\\"source\\":\\"rows\\",\\"fitMillis\\":1,\\"iterations\\":1,\\"fits\\":[{\\"k\\":3,"
                                + "\\"centres\\":[[0,0],[1,1]],\\"cost\\":1,\\"iterations\\":1}]}";
                        default -> "{\\"executors\\":1,\\"parallelism\\":1,\\"rows\\":200,\\"readMillis\\":1,"
                                + "\\"source\\":\\"rows\\",\\"fitMillis\\":1,\\"iterations\\":1,\\"fits\\":[{\\"k\\":4,"
                                + "\\"centres\\":[[-1,-1],[-1,1],[1,-1],[1,1]],\\"cost\\":1.5,\\"iterations\\":1}]}";
                    };
                    Files.writeString(Path.of(args[1]), answer);
                }
            }
            """;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void standInJob(DynamicPropertyRegistry registry) {
        registry.add("segmentation.spark.master", () -> "local[1]");
        registry.add("segmentation.spark.job-jar", () -> standInJar().toString());
    }

    @Test
    void anAnswerTheServiceCannotTrustFailsTheRunSayingWhy() {
        Api api = new Api(port);
        long dataset = api.uploadMallCustomers();
        String request = "{\"datasetId\": " + dataset + ", \"features\": [\"Annual Income (k$)\", "
                + "\"Spending Score (1-100)\"], \"k\": %d, \"engine\": \"SPARK\"}";

        assertThat(failed(api, request.formatted(2))).startsWith("The Spark job's result could not be read");
        assertThat(failed(api, request.formatted(3))).startsWith("The Spark job's result has no 3 centres for k = 3");
        assertThat(failed(api, request.formatted(4))).startsWith("The Spark job's fit of k = 4 costs 1.50000 on its rows")
            .contains("the job prepared the customers differently");
    }

    private static String failed(Api api, String request) {
        Answer started = api.postJson("/api/segmentations", request);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode run = api.awaitRun(started.json().get("id").asLong());
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        return run.get("error").asString();
    }

    /** The stand-in compiled into {@code spark-job.jar}, with the {@code lib/} the service expects beside it. */
    private static Path standInJar() {
        try {
            Path directory = Files.createTempDirectory("stand-in-spark-job-");
            Path source = directory.resolve("src/io/customersegments/sparkjob/SegmentationJob.java");
            Files.createDirectories(source.getParent());
            Files.writeString(source, STAND_IN);
            Path classes = Files.createDirectories(directory.resolve("classes"));
            JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
            int status = compiler.run(null, null, null, "-d", classes.toString(), source.toString());
            if (status != 0) {
                throw new IllegalStateException("the stand-in job did not compile");
            }
            Files.createDirectories(directory.resolve("lib"));
            Path jar = directory.resolve("spark-job.jar");
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
                for (String name : List.of("io/customersegments/sparkjob/SegmentationJob.class")) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(classes.resolve(name), out);
                    out.closeEntry();
                }
            }
            return jar;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
