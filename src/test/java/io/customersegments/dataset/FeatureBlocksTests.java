package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.customersegments.Api;
import io.customersegments.ServiceTest;

/**
 * The columnar copy of a dataset that runs load: written with the upload, read back exactly as the rows
 * (missing values, categories in order of first appearance, more than one block), rebuilt from the rows when
 * it is missing, dropped when a computed column replaces values, and deleted with the dataset.
 */
@ServiceTest
class FeatureBlocksTests {

    /** More than one block, the last one partly filled. */
    static final int ROWS = FeatureBlocks.BLOCK_ROWS + 4_321;

    @LocalServerPort
    int port;

    @Autowired
    Datasets datasets;

    @Autowired
    ComputedColumns computedColumns;

    @Autowired
    DatasetRepository repository;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void anUploadStoresItsColumnsInBlocksThatLoadAsTheRowsDo() {
        long id = upload();
        assertThat(jdbc.queryForList("SELECT kind || slot FROM feature_column WHERE dataset_id = ? ORDER BY 1",
                String.class, id)).containsExactly("C0", "N0", "N1");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_block WHERE dataset_id = ?", Integer.class, id))
            .isEqualTo(3 * 2);
        List<DatasetColumn> features = datasets.resolveColumns(id, List.of("score", "income"));

        FeatureTable fromBlocks = datasets.loadFeatures(id, features);
        jdbc.update("DELETE FROM feature_column WHERE dataset_id = ?", id);
        FeatureTable fromRows = datasets.loadFeatures(id, features);

        assertSameTable(fromBlocks, fromRows);
        assertThat(fromRows.n()).isEqualTo(ROWS);
        // Spot checks against the rows themselves: the second block, a missing value, a missing category.
        assertThat(fromBlocks.values()[(69_000 - 1) * 2 + 1]).isEqualTo(jdbc.queryForObject(
                "SELECT numeric[1] FROM customer WHERE dataset_id = ? AND row_no = 69000", Double.class, id));
        assertThat(fromBlocks.values()[(7 - 1) * 2 + 1]).isNaN();
        FeatureTable.CodedColumn tier = fromBlocks.categorical("tier");
        assertThat(tier.levels()).containsExactly("gold", "silver", "bronze");
        assertThat(tier.codes()[10 - 1]).isEqualTo(-1);
        assertThat(tier.levels().get(tier.codes()[69_001 - 1])).isEqualTo(tierOf(69_001));
        // The load from the rows cached them again.
        assertThat(jdbc.queryForList("SELECT kind || slot FROM feature_column WHERE dataset_id = ? ORDER BY 1",
                String.class, id)).containsExactly("C0", "N0", "N1");
        assertSameTable(datasets.loadFeatures(id, features), fromRows);
    }

    @Test
    void aCategoricalColumnThatOutgrowsItsDictionaryAfterTheFirstBlockIsReadFromTheRows() {
        StringBuilder csv = new StringBuilder("id,income,code\n");
        for (int i = 1; i <= ROWS; i++) {
            // 100 codes in the first block, then a new one on every row.
            csv.append('c').append(i).append(',').append(i).append(',')
                .append(i <= FeatureBlocks.BLOCK_ROWS ? "k" + i % 100 : "n" + i).append('\n');
        }
        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        long id = answer.json().get("id").asLong();
        assertThat(jdbc.queryForList("SELECT kind || slot FROM feature_column WHERE dataset_id = ? ORDER BY 1",
                String.class, id)).containsExactly("N0");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_block WHERE dataset_id = ? AND kind = 'C'",
                Integer.class, id)).isZero();

        FeatureTable table = datasets.loadFeatures(id, datasets.resolveColumns(id, List.of("income")));

        FeatureTable.CodedColumn code = table.categorical("code");
        assertThat(code.levels()).hasSize(100 + ROWS - FeatureBlocks.BLOCK_ROWS);
        assertThat(code.levels().get(code.codes()[ROWS - 1])).isEqualTo("n" + ROWS);
        assertThat(code.levels().get(code.codes()[0])).isEqualTo("k1");
        // Too many categories to cache after the load either.
        assertThat(jdbc.queryForList("SELECT kind || slot FROM feature_column WHERE dataset_id = ? ORDER BY 1",
                String.class, id)).containsExactly("N0");
    }

    @Test
    void aFileTooWideToSpoolIsCachedByItsFirstLoad() {
        int columns = FeatureSpool.MAX_COLUMNS + 1;
        StringBuilder csv = new StringBuilder("id");
        for (int j = 0; j < columns; j++) {
            csv.append(",x").append(j);
        }
        csv.append('\n');
        for (int i = 1; i <= 300; i++) {
            csv.append('c').append(i);
            for (int j = 0; j < columns; j++) {
                csv.append(',').append(i * (j + 1));
            }
            csv.append('\n');
        }
        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        long id = answer.json().get("id").asLong();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_column WHERE dataset_id = ?", Integer.class, id))
            .isZero();

        FeatureTable first = datasets.loadFeatures(id, datasets.resolveColumns(id, List.of("x0", "x64")));

        assertThat(first.values()).startsWith(1.0, 65.0, 2.0, 130.0);
        assertThat(jdbc.queryForList("SELECT kind || slot FROM feature_column WHERE dataset_id = ? ORDER BY slot",
                String.class, id)).containsExactly("N0", "N64");
        assertSameTable(datasets.loadFeatures(id, datasets.resolveColumns(id, List.of("x0", "x64"))), first);
    }

    @Test
    void replacingAColumnsValuesDropsItsCopySoNoLoadSeesTheOldValues() {
        long id = upload();
        List<DatasetColumn> income = datasets.resolveColumns(id, List.of("income"));
        assertThat(datasets.loadFeatures(id, income).values()[0]).isEqualTo(1.0);
        int[] rowNos = { 1, 2 };
        transactions.executeWithoutResult(status -> computedColumns.store(repository.findById(id).orElseThrow(),
                List.of("income"), rowNos, new double[][] { { 500.0, 600.0 } }));

        FeatureTable replaced = datasets.loadFeatures(id, datasets.resolveColumns(id, List.of("income")));

        assertThat(replaced.values()[0]).isEqualTo(500.0);
        assertThat(replaced.values()[1]).isEqualTo(600.0);
        assertThat(replaced.values()[2]).isNaN();
        assertSameTable(datasets.loadFeatures(id, datasets.resolveColumns(id, List.of("income"))), replaced);
    }

    @Test
    void completeRowsAreCountedFromTheCatalogueWhenAtMostOneColumnHasGaps() {
        long id = upload();
        long withIncome = jdbc.queryForObject("SELECT count(*) FROM customer WHERE dataset_id = ? AND numeric[1] IS NOT NULL",
                Long.class, id);

        assertThat(datasets.countComplete(id, datasets.resolveColumns(id, List.of("score")))).isEqualTo(ROWS);
        assertThat(datasets.countComplete(id, datasets.resolveColumns(id, List.of("score", "income"))))
            .isEqualTo(withIncome)
            .isEqualTo(ROWS - ROWS / 7);
    }

    @Test
    void deletingADatasetDeletesItsBlocks() {
        long id = upload();

        datasets.delete(id, true);

        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_block WHERE dataset_id = ?", Integer.class, id))
            .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM feature_column WHERE dataset_id = ?", Integer.class, id))
            .isZero();
    }

    private long upload() {
        StringBuilder csv = new StringBuilder("id,income,tier,score\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append('c').append(i).append(',').append(i % 7 == 0 ? "" : String.valueOf(i)).append(',')
                .append(i % 10 == 0 ? "" : tierOf(i)).append(',').append(i % 100 / 4.0).append('\n');
        }
        Api.Answer answer = api.postCsv("/api/datasets?force=true", csv.toString());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        return answer.json().get("id").asLong();
    }

    private static String tierOf(int i) {
        return i % 3 == 1 ? "gold" : i % 3 == 2 ? "silver" : "bronze";
    }

    private static void assertSameTable(FeatureTable actual, FeatureTable expected) {
        assertThat(actual.n()).isEqualTo(expected.n());
        assertThat(actual.values()).isEqualTo(expected.values());
        assertThat(actual.rowNos()).isEqualTo(expected.rowNos());
        assertThat(actual.categorical()).hasSameSizeAs(expected.categorical());
        for (int c = 0; c < actual.categorical().size(); c++) {
            assertThat(actual.categorical().get(c).levels()).isEqualTo(expected.categorical().get(c).levels());
            assertThat(actual.categorical().get(c).codes()).isEqualTo(expected.categorical().get(c).codes());
        }
    }

}
