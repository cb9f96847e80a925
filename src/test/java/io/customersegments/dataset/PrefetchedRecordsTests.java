package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;

class PrefetchedRecordsTests {

    @Test
    void handsOverEveryRecordInOrderWithItsFieldsAndLine() {
        // Enough records for many batches, some long enough to fill a batch by their characters, some quoted over
        // two lines, and records of varying field counts.
        StringBuilder csv = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Every 997th record alone fills a batch by its characters; every 1,009th by its empty fields.
            List<String> fields = new ArrayList<>(List.of("r" + i, "x".repeat(i % 997 == 0 ? 140_000 : i % 7)));
            for (int extra = 0; extra < (i % 1009 == 0 ? 20_000 : i % 3); extra++) {
                fields.add(i % 1009 == 0 ? "" : "e" + extra);
            }
            expected.add(fields);
            csv.append(i % 101 == 0 ? "\"" + fields.get(0) + "\n\"" : fields.get(0));
            if (i % 101 == 0) {
                fields.set(0, fields.get(0) + "\n");
            }
            for (String field : fields.subList(1, fields.size())) {
                csv.append(',').append(field);
            }
            csv.append('\n');
        }
        List<List<String>> actual = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (PrefetchedRecords records = new PrefetchedRecords(records(csv.toString()))) {
            while (records.hasNext()) {
                RawRecord record = records.next();
                List<String> fields = new ArrayList<>();
                for (int field = 0; field < record.fields(); field++) {
                    fields.add(record.text(field));
                }
                actual.add(fields);
                lines.add(record.line());
            }
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(lines.get(0)).isEqualTo(1);
        assertThat(lines.get(1)).isEqualTo(3);
        assertThat(lines.get(lines.size() - 1)).isEqualTo(20_000 + 199);
    }

    @Test
    void aFailureOfTheReadingComesAfterTheRecordsBeforeIt() {
        IllegalStateException failure = new IllegalStateException("bad bytes");
        CloseableIterator<RawRecord> source = failingAfter(records(lines(5_000)), 4_321, failure);
        List<String> seen = new ArrayList<>();
        try (PrefetchedRecords records = new PrefetchedRecords(source)) {
            assertThatThrownBy(() -> {
                while (records.hasNext()) {
                    seen.add(records.next().text(0));
                }
            }).isSameAs(failure);
        }
        assertThat(seen).hasSize(4_321).endsWith("r4320");
    }

    @Test
    void closingWaitsUntilTheReaderHasLeftTheSourceThenNothingReadsIt() throws Exception {
        java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch resume = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger read = new AtomicInteger();
        CloseableIterator<RawRecord> source = endless(() -> {
            if (read.incrementAndGet() == 3_000) {
                // A client that stops sending in the middle of its upload.
                stalled.countDown();
                try {
                    resume.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        PrefetchedRecords records = new PrefetchedRecords(source);
        records.next();
        stalled.await();
        // The consumer fails and closes while the reader waits for bytes.
        java.util.concurrent.CompletableFuture<Void> closing = java.util.concurrent.CompletableFuture
            .runAsync(records::close);
        assertThatThrownBy(() -> closing.get(200, java.util.concurrent.TimeUnit.MILLISECONDS))
            .as("close() returned while the reader was still in the source")
            .isInstanceOf(java.util.concurrent.TimeoutException.class);
        resume.countDown();
        closing.get(10, java.util.concurrent.TimeUnit.SECONDS);
        // close() has waited for the reader's task to end: no read can follow.
        assertThat(read.get()).isEqualTo(3_000);
    }

    @Test
    void closingStopsTheReadingAndWaitsForIt() {
        AtomicInteger read = new AtomicInteger();
        CloseableIterator<RawRecord> endless = endless(read::incrementAndGet);
        PrefetchedRecords records = new PrefetchedRecords(endless);
        for (int i = 0; i < 10; i++) {
            assertThat(records.next().text(0)).isEqualTo("r");
        }
        records.close();
        int afterClose = read.get();

        assertThat(afterClose).as("reads at most the batches it may hold ahead, and one more")
            .isLessThanOrEqualTo((PrefetchedRecords.BATCHES_AHEAD + 3) * RawRecord.Batch.CAPACITY);
        assertThat(read.get()).isEqualTo(afterClose);
    }

    /** Records "r" without end; {@code onRead} runs as each is read. */
    private static CloseableIterator<RawRecord> endless(Runnable onRead) {
        return new CloseableIterator<>() {
            private final RawRecord record = records("r").next();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public RawRecord next() {
                onRead.run();
                return record;
            }

            @Override
            public void close() {
            }
        };
    }

    private static String lines(int count) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < count; i++) {
            csv.append('r').append(i).append(",a,b\n");
        }
        return csv.toString();
    }

    private static CloseableIterator<RawRecord> records(String csv) {
        return CsvReader.builder().allowExtraFields(true).allowMissingFields(true).build(new RawRecord(),
                new StringReader(csv)).iterator();
    }

    private static CloseableIterator<RawRecord> failingAfter(CloseableIterator<RawRecord> source, int count,
            RuntimeException failure) {
        return new CloseableIterator<>() {
            private int given;

            @Override
            public boolean hasNext() {
                if (given == count) {
                    throw failure;
                }
                return source.hasNext();
            }

            @Override
            public RawRecord next() {
                given++;
                return source.next();
            }

            @Override
            public void close() {
            }
        };
    }

}
