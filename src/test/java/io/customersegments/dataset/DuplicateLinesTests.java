package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;

class DuplicateLinesTests {

    @Test
    void aRepeatOfARecentLineIsLeftOutWithoutACandidate() {
        DuplicateLines lines = new DuplicateLines();

        assertThat(keeps(lines, "1001,A1,2,2.50")).isTrue();
        assertThat(keeps(lines, "1001,B2,1,10.00")).isTrue();
        assertThat(keeps(lines, "1001,A1,2,2.50")).isFalse();
        assertThat(keeps(lines, "1001,A1,2,2.50")).isFalse();
        assertThat(keeps(lines, "1001,A1,2,2.5")).isTrue();

        assertThat(lines.candidates()).isEmpty();
    }

    @Test
    void linesThatOnlyShareAHashAreBothKeptAndLeftToTheExactCheck() {
        DuplicateLines lines = new DuplicateLines();
        long hash = 42;

        assertThat(lines.repeatsKept(record("1001,A1,2,2.50"), hash)).isFalse();
        assertThat(lines.repeatsKept(record("1001,A1,2,2.51"), hash)).isFalse();
        // The same characters split into other fields are another line.
        assertThat(lines.repeatsKept(record("1001,A12,2.50"), 7)).isFalse();
        assertThat(lines.repeatsKept(record("1001A,12,2.50"), 7)).isFalse();
        assertThat(lines.repeatsKept(record("1001,A12,2.50,"), 7)).isFalse();

        assertThat(lines.candidates()).containsExactly(hash, 7L, 7L);
    }

    @Test
    void aRepeatOfALineThatLeftTheCacheBecomesACandidate() {
        DuplicateLines lines = new DuplicateLines(8);
        assertThat(keeps(lines, "1001,A1,2,2.50")).isTrue();
        for (int i = 0; i < 100; i++) {
            assertThat(keeps(lines, "1002," + i + ",1,1.00")).isTrue();
        }

        assertThat(keeps(lines, "1001,A1,2,2.50")).as("kept, for the check after the load").isTrue();
        // The kept repeat is now recent: a third copy is left out.
        assertThat(keeps(lines, "1001,A1,2,2.50")).isFalse();

        assertThat(lines.candidates()).containsExactly(record("1001,A1,2,2.50").hash());
    }

    @Test
    void theOldestLineOfASetMakesRoomSoRecentLinesStay() {
        DuplicateLines lines = new DuplicateLines(DuplicateLines.RECENT_SLOTS);
        int window = 500;
        int missed = 0;
        for (int i = 0; i < 100_000; i++) {
            keeps(lines, "line," + i);
            if (i >= window && keeps(lines, "line," + (i - window))) {
                missed++;
            }
        }
        assertThat(missed).as("repeats 500 lines later that the cache had let go").isZero();
    }

    @Test
    void pastTheExactSetEveryHashSeenStillCountsAsSeen() {
        DuplicateLines lines = new DuplicateLines(8);
        SplittableRandom random = new SplittableRandom(1);
        long[] hashes = new long[DuplicateLines.MAX_EXACT + 10];
        RawRecord record = record("x");
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = random.nextLong();
            lines.repeatsKept(record, hashes[i]);
        }
        RawRecord other = record("y");
        for (int i = 0; i < hashes.length; i += 100_000) {
            assertThat(lines.repeatsKept(other, hashes[i])).isFalse();
        }
        assertThat(lines.repeatsKept(other, hashes[hashes.length - 10])).isFalse();
        assertThat(lines.candidates()).contains(hashes[0], hashes[100_000], hashes[hashes.length - 10]);
    }

    private static boolean keeps(DuplicateLines lines, String line) {
        RawRecord record = record(line);
        return !lines.repeatsKept(record, record.hash());
    }

    private static RawRecord record(String line) {
        RawRecord record = new RawRecord();
        CsvReader.builder().build(record, new StringReader(line + "\n")).iterator().next();
        return record;
    }

}
