package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import de.siegmar.fastcsv.reader.CsvReader;

class DateLayoutInferenceTests {

    @Test
    void picksWhatTryingEveryLayoutOnEveryDatePicks() {
        // Mixtures where the layouts compete: US and European dates that read both ways until the day passes 12,
        // ISO dates, compact dates, empty cells and text; in shuffled orders, so the first dates mislead.
        String[][] mixtures = { { "03/04/2011", "25/12/2011" }, { "03/04/2011", "12/25/2011" },
                { "2011-03-04 10:00", "04/03/2011" }, { "20110304", "2011-03-04" }, { "03.04.2011", "3/4/2011" },
                { "1-2-2011", "13-2-2011", "2-13-2011" }, { "", "n/a", "2011-03-04" } };
        SplittableRandom random = new SplittableRandom(7);
        for (String[] kinds : mixtures) {
            for (int trial = 0; trial < 20; trial++) {
                List<RawRecord> sample = new ArrayList<>();
                int size = 1 + random.nextInt(400);
                for (int i = 0; i < size; i++) {
                    sample.add(record("x," + kinds[random.nextInt(kinds.length)]));
                }
                DateLayout expected = everyLayoutOnEveryDate(sample);
                if (expected == null) {
                    assertThatThrownBy(() -> TransactionImporter.inferLayout("date", 1, sample))
                        .isInstanceOf(InvalidUploadParameterException.class);
                }
                else {
                    assertThat(TransactionImporter.inferLayout("date", 1, sample)).as(String.join(" | ", kinds))
                        .isEqualTo(expected);
                }
            }
        }
    }

    /** The reference: every layout on every date, the most read first, the first listed among equals. */
    private static DateLayout everyLayoutOnEveryDate(List<RawRecord> sample) {
        List<DateLayout> layouts = new ArrayList<>(List.of(DateFormat.values()));
        layouts.add(PatternDateLayout.COMPACT);
        DateLayout best = null;
        int bestCount = 0;
        int present = 0;
        for (DateLayout layout : layouts) {
            int count = 0;
            present = 0;
            for (RawRecord record : sample) {
                if (MissingValues.isMissing(record, 1)) {
                    continue;
                }
                present++;
                if (!Double.isNaN(layout.parseEpochSeconds(record.chars(), record.start(1), record.length(1)))) {
                    count++;
                }
            }
            if (count > bestCount) {
                best = layout;
                bestCount = count;
            }
        }
        return best == null || bestCount < ColumnTypeInference.TYPED_SHARE * present ? null : best;
    }

    private static RawRecord record(String line) {
        RawRecord record = new RawRecord();
        CsvReader.builder().allowMissingFields(true).build(record, new StringReader(line + "\n")).iterator().next();
        return record.copy();
    }

}
