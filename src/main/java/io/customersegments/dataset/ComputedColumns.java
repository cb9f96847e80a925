package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds numeric columns computed by the service (a model's predictions) to a customer dataset, or replaces
 * them when computed again: one UPDATE writes every row's new values, and the catalogue and summaries
 * gain the columns' statistics, so they can be summarised, clustered on and profiled like uploaded ones.
 */
@Component
class ComputedColumns {

    private final JdbcTemplate jdbc;

    private final UploadSettings settings;

    private final FeatureBlockWriter featureBlocks;

    ComputedColumns(JdbcTemplate jdbc, UploadSettings settings, FeatureBlockWriter featureBlocks) {
        this.jdbc = jdbc;
        this.featureBlocks = featureBlocks;
        this.settings = settings;
    }

    /**
     * @param keys the columns' keys (and names); an existing NUMERIC column of that key is replaced
     * @param rowNos the rows that get values; every other row's value is missing
     * @param values per column, the value of each row in {@code rowNos} (NaN for missing)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void store(Dataset dataset, List<String> keys, int[] rowNos, double[][] values) {
        List<DatasetColumn> catalogue = dataset.getColumns();
        int nextSlot = catalogue.stream()
            .filter(c -> c.role() == ColumnRole.NUMERIC || c.role() == ColumnRole.DATE)
            .mapToInt(DatasetColumn::index)
            .max()
            .orElse(-1) + 1;
        int[] slots = new int[keys.size()];
        List<ColumnPlan> plans = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            String key = keys.get(k);
            DatasetColumn existing = catalogue.stream().filter(c -> c.key().equals(key)).findFirst().orElse(null);
            if (existing != null && existing.role() != ColumnRole.NUMERIC) {
                throw new IllegalArgumentException("Column " + key + " exists and is not numeric");
            }
            slots[k] = existing != null ? existing.index() : nextSlot++;
            plans.add(new ColumnPlan(key, key, ColumnRole.NUMERIC, k, k, null, '.'));
        }
        StringBuilder array = new StringBuilder("ARRAY[");
        for (int slot = 0; slot < nextSlot; slot++) {
            int computed = indexOf(slots, slot);
            array.append(slot == 0 ? "" : ", ").append(computed >= 0 ? "t.v" + computed : "c.numeric[" + (slot + 1) + "]");
        }
        array.append("]::float8[]");
        StringBuilder unnest = new StringBuilder("unnest(?::int[]");
        StringBuilder names = new StringBuilder("row_no");
        Object[] parameters = new Object[keys.size() + 1];
        parameters[0] = rowNos;
        for (int k = 0; k < keys.size(); k++) {
            unnest.append(", ?::float8[]");
            names.append(", v").append(k);
            parameters[k + 1] = values[k];
        }
        unnest.append(") AS t(").append(names).append(')');
        String partition = dataset.partition();
        featureBlocks.invalidate(dataset.getId(), slots);
        jdbc.update("UPDATE " + partition + " u SET numeric = n.numeric FROM (SELECT c.row_no, " + array + " AS numeric FROM "
                + partition + " c LEFT JOIN " + unnest + " ON t.row_no = c.row_no) n WHERE u.row_no = n.row_no",
                parameters);
        ColumnStatistics statistics = new ColumnStatistics(plans, settings);
        double[] row = new double[keys.size()];
        for (int i = 0; i < rowNos.length; i++) {
            for (int k = 0; k < keys.size(); k++) {
                row[k] = values[k][i];
            }
            statistics.add(row, new String[0]);
        }
        Arrays.fill(row, Double.NaN);
        for (long i = rowNos.length; i < dataset.getRowCount(); i++) {
            statistics.add(row, new String[0]);
        }
        ColumnStatistics.Summary summary = statistics.summarize();
        List<DatasetColumn> columns = new ArrayList<>();
        for (int k = 0; k < keys.size(); k++) {
            DatasetColumn computed = summary.columns().get(k);
            columns.add(new DatasetColumn(computed.name(), computed.key(), computed.role(), slots[k], null,
                    computed.missing(), computed.distinct(), computed.distinctExact()));
        }
        dataset.putColumns(columns, summary.quality(), summary.summaries().numeric());
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }

}
