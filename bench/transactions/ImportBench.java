package io.customersegments.dataset;

import java.io.ByteArrayInputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.unit.DataSize;

import io.customersegments.copy.NullCopy;

/**
 * The order-line importer alone, on a file held in memory, its COPY stream counted and dropped: per upload the wall
 * time and the CPU time of the thread that cleans and encodes the lines (the reader thread's is apart).
 * Usage: ImportBench FILE REPEATS
 */
public final class ImportBench {

    public static void main(String[] args) throws Exception {
        byte[] file = Files.readAllBytes(Path.of(args[0]));
        int repeats = Integer.parseInt(args[1]);
        UploadSettings settings = new UploadSettings(DataSize.ofGigabytes(1), 0.10, 1000, 10_000, 8_000_000, 10_000,
                100, 2_000_000, 4);
        UploadOptions options = new UploadOptions("bench", "bench.csv", null, null, null, true,
                DatasetKind.TRANSACTIONS, TransactionOptions.NONE);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < repeats; i++) {
            long cpu = threads.getCurrentThreadCpuTime();
            long started = System.nanoTime();
            TransactionImporter.Streamed streamed = new TransactionImporter(settings)
                .read(new ByteArrayInputStream(file), options, options.transactions(), NullCopy.writer());
            long[] candidates = streamed.duplicateCandidates();
            System.out.printf("import\t%d\twall %d ms\tcpu %d ms\tstored %d\tduplicates %d\tcandidates %s%n", i,
                    (System.nanoTime() - started) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu) / 1_000_000,
                    streamed.stored(), streamed.duplicates().count(), candidates == null ? "all" : candidates.length);
        }
    }

}
