package io.customersegments.run;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.Datasets;
import io.customersegments.expression.Expression;

/**
 * A run's features as an export writes them beside each customer, in their own units and in the order the
 * run named them: stored numbers and categories read with the assignment, derived features computed
 * from the columns they read, row by row as the rows stream past.
 */
final class FeatureValues {

    /** One feature's cell: a stored column's value (number or text), or a formula over stored numbers. */
    private record Cell(String name, int sqlColumn, boolean text, Expression expression, int[] inputColumns) {
    }

    private final List<Cell> cells;

    private final List<String> selects;

    private FeatureValues(List<Cell> cells, List<String> selects) {
        this.cells = cells;
        this.selects = selects;
    }

    static FeatureValues of(RunParameters params, Datasets datasets) {
        RunFeatures features = params.resolve(datasets);
        List<String> selects = new ArrayList<>();
        List<String> selectedKeys = new ArrayList<>();
        List<Cell> cells = new ArrayList<>();
        for (String name : params.features()) {
            int numeric = features.numericNames().indexOf(name);
            if (numeric < 0) {
                DatasetColumn column = features.categorical().get(features.categoricalNames().indexOf(name));
                cells.add(new Cell(name, select(selects, selectedKeys, column), true, null, null));
                continue;
            }
            DatasetColumn column = features.numeric().get(numeric);
            if (column.index() != null) {
                cells.add(new Cell(name, select(selects, selectedKeys, column), false, null, null));
                continue;
            }
            Expression expression = features.derived().expression(column.key());
            int[] inputs = expression.inputs()
                .stream()
                .mapToInt(key -> select(selects, selectedKeys, features.requiredColumns()
                    .stream()
                    .filter(input -> input.key().equals(key))
                    .findFirst()
                    .orElseThrow()))
                .toArray();
            cells.add(new Cell(name, -1, false, expression, inputs));
        }
        return new FeatureValues(List.copyOf(cells), List.copyOf(selects));
    }

    /** The column's place among the selected ones, selecting it once. */
    private static int select(List<String> selects, List<String> keys, DatasetColumn column) {
        int at = keys.indexOf(column.key());
        if (at >= 0) {
            return at;
        }
        keys.add(column.key());
        selects.add(column.role() == ColumnRole.CATEGORICAL
                ? "c.categorical[" + (column.index() + 1) + "]" : "c.numeric[" + (column.index() + 1) + "]");
        return selects.size() - 1;
    }

    List<String> header() {
        return cells.stream().map(Cell::name).toList();
    }

    /** What the query selects beside the assignment, from {@code customer c}. */
    List<String> selects() {
        return selects;
    }

    /** Whether a value may be text (a category), whose length nothing bounds but the upload's size. */
    boolean hasText() {
        return cells.stream().anyMatch(Cell::text);
    }

    /**
     * The row's feature values: a Double (null when missing) or a String per feature.
     *
     * @param first the result set's column of the first selected value
     */
    Object[] values(ResultSet rs, int first) throws SQLException {
        Object[] selected = new Object[selects.size()];
        for (int s = 0; s < selected.length; s++) {
            selected[s] = rs.getObject(first + s);
        }
        Object[] values = new Object[cells.size()];
        for (int f = 0; f < values.length; f++) {
            Cell cell = cells.get(f);
            if (cell.text()) {
                values[f] = selected[cell.sqlColumn()];
            }
            else if (cell.expression() == null) {
                values[f] = selected[cell.sqlColumn()] == null ? null : ((Number) selected[cell.sqlColumn()]).doubleValue();
            }
            else {
                double[] inputs = new double[cell.inputColumns().length];
                for (int a = 0; a < inputs.length; a++) {
                    Object input = selected[cell.inputColumns()[a]];
                    inputs[a] = input == null ? Double.NaN : ((Number) input).doubleValue();
                }
                double value = cell.expression().evaluate(inputs, 1)[0];
                values[f] = Double.isNaN(value) ? null : value;
            }
        }
        return values;
    }

}
