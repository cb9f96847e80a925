package io.customersegments.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.customersegments.dataset.ColumnRole;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.Datasets;
import io.customersegments.dataset.FeatureTable;
import io.customersegments.expression.Expression;
import io.customersegments.expression.ValueType;

/**
 * A run's features resolved against its dataset: numeric columns, derived features (formulas over the
 * columns, computed as the rows are loaded) and categorical columns. Numeric and derived features come
 * first, in the order the request named them, then the categorical ones.
 */
final class RunFeatures {

    private final long datasetId;

    /** Per numeric feature its column in the loaded table: a catalogue column, or a derived one (no index). */
    private final List<DatasetColumn> numeric;

    private final List<String> numericNames;

    private final List<DatasetColumn> categorical;

    private final List<String> categoricalNames;

    private final DerivedFeatures derived;

    /** What the derived features read, in the dataset. */
    private final List<DatasetColumn> derivedInputs;

    private final List<DerivedFeatures.Input> inputs;

    private RunFeatures(long datasetId, List<DatasetColumn> numeric, List<String> numericNames,
            List<DatasetColumn> categorical, List<String> categoricalNames, DerivedFeatures derived,
            List<DatasetColumn> derivedInputs, List<DerivedFeatures.Input> inputs) {
        this.datasetId = datasetId;
        this.numeric = numeric;
        this.numericNames = numericNames;
        this.categorical = categorical;
        this.categoricalNames = categoricalNames;
        this.derived = derived;
        this.derivedInputs = derivedInputs;
        this.inputs = inputs;
    }

    /**
     * @param features as the request named them: columns by header name or key, and derived features by name
     * @throws InvalidExpressionException when a formula does not compile
     * @throws InvalidRunRequestException when a derived feature's name is taken, or a feature is an id
     */
    static RunFeatures resolve(Datasets datasets, long datasetId, List<String> features, List<DerivedFeature> definitions) {
        List<DatasetColumn> catalogue = datasets.customerColumns(datasetId);
        List<Map<String, String>> errors = new ArrayList<>();
        List<DerivedFeatures.Input> readable = new ArrayList<>();
        Map<String, String> unusable = new HashMap<>();
        for (DatasetColumn column : catalogue) {
            if (column.role() == ColumnRole.NUMERIC || column.role() == ColumnRole.DATE) {
                readable.add(new DerivedFeatures.Input(column.name(), column.key(),
                        column.role() == ColumnRole.DATE ? ValueType.DATE : ValueType.NUMBER));
            }
            else {
                String reason = column.role() == ColumnRole.ID ? "is the customer id, not a number"
                        : "is a categorical (text) column; a formula computes with numbers and dates";
                unusable.put(column.name(), reason);
                unusable.put(column.key(), reason);
            }
        }
        DerivedFeatures derived = DerivedFeatures.compile(definitions, readable, unusable);
        List<DatasetColumn> numeric = new ArrayList<>();
        List<String> numericNames = new ArrayList<>();
        List<DatasetColumn> categorical = new ArrayList<>();
        List<String> categoricalNames = new ArrayList<>();
        List<String> plain = features.stream().filter(name -> derived.keyOf(name) == null).toList();
        Map<String, DatasetColumn> columns = new LinkedHashMap<>();
        List<DatasetColumn> resolved = datasets.resolveColumns(datasetId, plain);
        for (int j = 0; j < plain.size(); j++) {
            columns.put(plain.get(j), resolved.get(j));
        }
        for (String name : features) {
            String derivedKey = derived.keyOf(name);
            if (derivedKey != null) {
                String derivedName = definitions.stream()
                    .filter(definition -> DatasetColumn.keyOf(definition.name()).equals(derivedKey))
                    .findFirst()
                    .orElseThrow()
                    .name();
                numeric.add(new DatasetColumn(derivedName, derivedKey, ColumnRole.NUMERIC, null, null, 0, 0, false));
                numericNames.add(name);
                continue;
            }
            DatasetColumn column = columns.get(name);
            if (column.role() == ColumnRole.CATEGORICAL) {
                categorical.add(column);
                categoricalNames.add(name);
            }
            else if (column.role() == ColumnRole.NUMERIC) {
                numeric.add(column);
                numericNames.add(name);
            }
            else {
                errors.add(InvalidRunRequestException.error("features", "feature \"" + name + "\" is " + column.role()
                        + "; cluster on NUMERIC and CATEGORICAL columns and derived features"
                        + (column.role() == ColumnRole.DATE ? " (a date can be used as days(" + name + ") in a derived feature)"
                                : "")));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunRequestException(errors);
        }
        List<String> inputKeys = derived.inputKeys(numeric.stream().map(DatasetColumn::key).toList());
        List<DatasetColumn> derivedInputs = inputKeys.stream()
            .map(key -> catalogue.stream().filter(column -> column.key().equals(key)).findFirst().orElseThrow())
            .toList();
        // A prediction compiles every definition (a used one may build on an unused one), so it is told all their inputs.
        List<String> allInputKeys = derived.inputKeys(definitions.stream().map(d -> DatasetColumn.keyOf(d.name())).toList());
        List<DerivedFeatures.Input> inputs = readable.stream().filter(input -> allInputKeys.contains(input.key())).toList();
        return new RunFeatures(datasetId, List.copyOf(numeric), List.copyOf(numericNames), List.copyOf(categorical),
                List.copyOf(categoricalNames), derived, derivedInputs, inputs);
    }

    /**
     * Refuses derived features named like a column of the dataset or like each other. Checked when a run is
     * submitted only: a column added later (a lifetime-value fit's) does not unmake a stored run.
     */
    static void checkNames(Datasets datasets, long datasetId, List<DerivedFeature> definitions) {
        List<DatasetColumn> catalogue = datasets.customerColumns(datasetId);
        List<Map<String, String>> errors = new ArrayList<>();
        Map<String, String> seenNames = new HashMap<>();
        for (DerivedFeature definition : definitions) {
            String key = DatasetColumn.keyOf(definition.name());
            if (DatasetColumn.find(catalogue, definition.name()).isPresent()) {
                errors.add(InvalidRunRequestException.error("derived", "derived feature \"" + definition.name()
                        + "\" has the name of a column of the dataset; name it differently"));
            }
            else if (seenNames.putIfAbsent(key, definition.name()) != null) {
                errors.add(InvalidRunRequestException.error("derived", "derived feature \"" + definition.name()
                        + "\" is defined twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRunRequestException(errors);
        }
    }

    /** The key of a feature as the request named it. */
    String key(String name) {
        int j = numericNames.indexOf(name);
        return j >= 0 ? numeric.get(j).key() : categorical.get(categoricalNames.indexOf(name)).key();
    }

    /** The numeric features' columns, as those of the loaded table (a derived feature's has no index). */
    List<DatasetColumn> numeric() {
        return numeric;
    }

    /** The numeric features as the request named them. */
    List<String> numericNames() {
        return numericNames;
    }

    List<DatasetColumn> categorical() {
        return categorical;
    }

    List<String> categoricalNames() {
        return categoricalNames;
    }

    /** The dataset columns derived features read, with their types, as a run's model keeps them for predictions. */
    List<DerivedFeatures.Input> derivedInputs() {
        return inputs;
    }

    /** The run's derived features, compiled. */
    DerivedFeatures derived() {
        return derived;
    }

    /** The columns whose values must all be present for every numeric feature to have one. */
    List<DatasetColumn> requiredColumns() {
        List<DatasetColumn> required = new ArrayList<>(numeric.stream().filter(column -> column.index() != null).toList());
        derivedInputs.stream().filter(column -> !required.contains(column)).forEach(required::add);
        return required;
    }

    /**
     * The rows with the numeric features as columns (derived ones computed) and every categorical column
     * coded, in file order.
     */
    FeatureTable load(Datasets datasets) {
        boolean anyDerived = numeric.stream().anyMatch(column -> column.index() == null);
        if (!anyDerived) {
            return datasets.loadFeatures(datasetId, numeric);
        }
        List<DatasetColumn> read = requiredColumns();
        FeatureTable raw = datasets.loadFeatures(datasetId, read);
        int n = raw.n();
        int d = numeric.size();
        int width = read.size();
        double[] values = new double[n * d];
        for (int j = 0; j < d; j++) {
            DatasetColumn column = numeric.get(j);
            if (column.index() != null) {
                int source = read.indexOf(column);
                for (int i = 0; i < n; i++) {
                    values[i * d + j] = raw.values()[i * width + source];
                }
                continue;
            }
            Expression expression = derived.expression(column.key());
            int[] sources = expression.inputs().stream().mapToInt(key -> indexOfKey(read, key)).toArray();
            expression.evaluate(raw.values(), width, sources, n, values, d, j);
        }
        return new FeatureTable(datasetId, numeric, n, values, raw.rowNos(), raw.categorical());
    }

    private static int indexOfKey(List<DatasetColumn> columns, String key) {
        for (int j = 0; j < columns.size(); j++) {
            if (columns.get(j).key().equals(key)) {
                return j;
            }
        }
        throw new IllegalStateException("column " + key + " was not loaded");
    }

}
