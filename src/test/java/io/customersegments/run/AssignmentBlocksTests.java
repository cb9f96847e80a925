package io.customersegments.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/**
 * Assignments stored as blocks read back as rows: pages of every segment and of the whole run, from any offset and
 * across block boundaries, equal the rows the {@code assignment} view gives (a set-based path of its own), and a
 * lookup finds each customer's row or nothing for a customer the run left out.
 */
@ServiceTest
class AssignmentBlocksTests {

    /** More than four blocks; every 13th customer has no spend, so the run leaves them out (gaps in the blocks). */
    private static final int CUSTOMERS = 4_500;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    SegmentStore store;

    @Autowired
    TransactionTemplate transactions;

    private long dataset;

    private long run;

    @BeforeEach
    void storeARun() {
        Api api = new Api(port);
        // Three groups of 70%, 25% and 5% of the customers: the small one's pages read customers by number, the
        // others' by range.
        StringBuilder csv = new StringBuilder("CustomerID,Visits,Spend\n");
        Random random = new Random(7);
        for (int i = 1; i <= CUSTOMERS; i++) {
            double draw = random.nextDouble();
            double centre = draw < 0.70 ? 0 : draw < 0.95 ? 10 : 20;
            csv.append("c").append(i).append(',').append(centre + random.nextGaussian()).append(',')
                .append(i % 13 == 0 ? "" : Double.toString(centre + random.nextGaussian())).append('\n');
        }
        dataset = api.postCsv("/api/datasets?force=true", csv.toString()).json().get("id").asLong();
        run = api.succeededRun("{\"datasetId\": " + dataset + ", \"k\": 3, \"features\": [\"Visits\", \"Spend\"]}");
    }

    @Test
    void pagesOfEverySegmentAndOfTheRunEqualTheRows() {
        List<String> all = expected(null);
        assertThat(all).hasSize(CUSTOMERS - CUSTOMERS / 13);
        assertThat(page(null, 0, null)).isEqualTo(all);
        assertThat(page(null, 1_000, 100L)).isEqualTo(all.subList(1_000, 1_100));
        assertThat(page(null, all.size() - 3, 100L)).isEqualTo(all.subList(all.size() - 3, all.size()));
        assertThat(page(null, all.size(), 100L)).isEmpty();
        for (int ordinal = 0; ordinal < 3; ordinal++) {
            List<String> segment = expected(ordinal);
            assertThat(segment).as("segment %d", ordinal).isNotEmpty();
            assertThat(page(ordinal, 0, null)).isEqualTo(segment);
            for (int offset : new int[] { 1, 199, segment.size() / 2, segment.size() - 1 }) {
                assertThat(page(ordinal, offset, 50L)).as("segment %d from %d", ordinal, offset)
                    .isEqualTo(segment.subList(offset, Math.min(offset + 50, segment.size())));
            }
            assertThat(page(ordinal, segment.size(), 10L)).isEmpty();
        }
    }

    @Test
    void aLookupReadsTheCustomersRowOrNothing() {
        List<String> all = expected(null);
        for (int i = 0; i < all.size(); i += 97) {
            String id = all.get(i).split(" ")[0];
            assertThat(store.assignmentOf(run, dataset, id).map(AssignmentBlocksTests::line)).contains(all.get(i));
        }
        assertThat(store.assignmentOf(run, dataset, "c13")).isEmpty();
        assertThat(store.assignmentOf(run, dataset, "c" + (CUSTOMERS / 13 * 13))).isEmpty();
        assertThat(store.assignmentOf(run, dataset, "nobody")).isEmpty();
    }

    private List<String> page(Integer ordinal, long offset, Long limit) {
        List<String> lines = new ArrayList<>();
        transactions.executeWithoutResult(status -> store.forEachAssignment(run, dataset, ordinal, offset, limit,
                row -> lines.add(line(row))));
        return lines;
    }

    private List<String> expected(Integer ordinal) {
        return jdbc.query("SELECT c.external_id, a.row_no, a.segment_ordinal, a.distance, a.second_distance "
                + "FROM assignment a JOIN customer c ON c.dataset_id = ? AND c.row_no = a.row_no "
                + "WHERE a.segmentation_id = ? AND (a.segment_ordinal = ? OR ?::integer IS NULL) ORDER BY a.row_no",
                (rs, rowNum) -> rs.getString(1) + " " + rs.getInt(2) + " " + rs.getInt(3) + " " + rs.getDouble(4) + " "
                        + rs.getDouble(5), dataset, run, ordinal, ordinal);
    }

    private static String line(AssignmentRow row) {
        return row.externalId() + " " + row.rowNo() + " " + row.ordinal() + " " + row.distance() + " "
                + row.secondDistance();
    }

}
