package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;

class RawRecordTests {

    @Test
    void theHashPassFindsEveryUnstorableCharacterThatTheScanFinds() {
        // Fields of 1 to 9 characters put the character in the four-at-a-time part and in the tail of the loop.
        List<String> lines = new ArrayList<>();
        for (String bad : List.of("\u0000", "\uDC80", "\uDCFF", "\uDCC3")) {
            for (int length = 1; length <= 9; length++) {
                for (int at = 0; at < length; at++) {
                    lines.add("a," + "x".repeat(at) + bad + "x".repeat(length - at - 1) + ",z");
                }
            }
        }
        // Neighbours of the escaped range and other characters that are stored as they are.
        for (String good : List.of("\uDC7F", "\uDD00", "\u0001", "\uFFFF", "é", "\uD83D\uDE00")) {
            lines.add("a,xx" + good + "xx,z");
        }

        for (String line : lines) {
            RawRecord record = record(line);
            record.hash();
            assertThat(record.storable()).as(line).isEqualTo(record.firstUnstorable() < 0);
        }
        assertThat(lines.stream().map(RawRecordTests::record).filter(record -> {
            record.hash();
            return record.storable();
        }).count()).isEqualTo(6);
    }

    @Test
    void recordsShareAHashOnlyWhenEveryFieldIsTheSame() {
        assertThat(hash("1001,A1,2,2.50")).isEqualTo(hash("1001,A1,2,2.50"));
        assertThat(hash("1001,A1,2,2.50")).isNotEqualTo(hash("1001,A1,2,2.5"));
        // The fields' lengths count: the same characters split differently are another record.
        assertThat(hash("1001,A12,2.50")).isNotEqualTo(hash("1001A,12,2.50"));
        assertThat(hash("ab,")).isNotEqualTo(hash(",ab"));
    }

    @Test
    void recordsThatDifferInAnyOneCharacterDoNotShareAHash() {
        // Every character of a typical order line replaced by each of 73 others: a multiply carries bits only upwards,
        // and a hash that did not mix them back down gave the characters at some places only 16 bits of effect
        // (two such records collided within a hundred tries).
        String line = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850.0,UK";
        java.util.Set<String> records = new java.util.HashSet<>();
        for (int at = 0; at < line.length(); at++) {
            for (char other = '0'; other < '0' + 75; other++) {
                if (line.charAt(at) != ',' && other != ',' && other != '"') {
                    records.add(line.substring(0, at) + other + line.substring(at + 1));
                }
            }
        }
        java.util.Set<Long> hashes = new java.util.HashSet<>();
        for (String record : records) {
            hashes.add(hash(record));
        }
        assertThat(hashes).hasSameSizeAs(records);
    }

    private static long hash(String line) {
        return record(line).hash();
    }

    private static RawRecord record(String line) {
        RawRecord record = new RawRecord();
        CsvReader.builder().build(record, new StringReader(line + "\n")).iterator().next();
        return record;
    }

}
