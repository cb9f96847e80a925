package io.customersegments.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.customersegments.dataset.DatasetColumn;
import io.customersegments.expression.Expression;
import io.customersegments.expression.ExpressionException;
import io.customersegments.expression.ValueType;

/**
 * A run's derived features compiled against the columns they may read; a later one may use an earlier
 * one by name. Compiled again wherever they are computed (a run's load, a prediction), from the
 * definitions and inputs stored with the run.
 */
public final class DerivedFeatures {

    /** A column a derived feature may read: its header name, key, and whether it holds numbers or dates. */
    public record Input(String name, String key, ValueType type) {
    }

    private final Map<String, Expression> byKey = new LinkedHashMap<>();

    private final Map<String, String> keysByName = new HashMap<>();

    private DerivedFeatures() {
    }

    /**
     * @param columns the columns the formulas may read (a dataset's numeric and date columns)
     * @param unusable other columns by header name and key, with why a formula cannot read them
     * @throws InvalidExpressionException for the first formula that does not compile
     */
    static DerivedFeatures compile(List<DerivedFeature> definitions, List<Input> columns, Map<String, String> unusable) {
        DerivedFeatures derived = new DerivedFeatures();
        Map<String, Input> byName = new HashMap<>();
        for (Input column : columns) {
            byName.putIfAbsent(column.name(), column);
            byName.putIfAbsent(column.key(), column);
        }
        for (DerivedFeature definition : definitions) {
            Expression.Resolver resolver = name -> {
                String earlier = derived.keyOf(name);
                if (earlier != null) {
                    return new Expression.Defined(derived.byKey.get(earlier));
                }
                Input column = byName.containsKey(name) ? byName.get(name) : byName.get(DatasetColumn.keyOf(name));
                if (column != null) {
                    return new Expression.Column(column.key(), column.type());
                }
                String reason = unusable.containsKey(name) ? unusable.get(name) : unusable.get(DatasetColumn.keyOf(name));
                return reason == null ? null : new Expression.Unusable(reason);
            };
            Expression expression;
            try {
                expression = Expression.compile(definition.expression(), resolver);
            }
            catch (ExpressionException ex) {
                throw new InvalidExpressionException(definition.name(), ex,
                        columns.stream().map(Input::name).toList());
            }
            if (expression.type() != ValueType.NUMBER) {
                throw new InvalidRunRequestException(List.of(InvalidRunRequestException.error("derived",
                        "derived feature \"" + definition.name() + "\" gives a date; take days(…) or year(…) of it")));
            }
            String key = DatasetColumn.keyOf(definition.name());
            derived.byKey.put(key, expression);
            derived.keysByName.put(definition.name(), key);
            derived.keysByName.put(key, key);
        }
        return derived;
    }

    /** A run's derived features, compiled for scoring new customers. */
    public static DerivedFeatures of(RunModel model) {
        return compile(model.derived(), model.inputs(), Map.of());
    }

    /**
     * A derived feature's value for one customer's fields, each by the column's header name or key: numbers
     * as numbers, dates as ISO text ({@code 2014-12-31}). NaN when an input is missing or not a number or
     * date, or the formula has no value (a division by zero).
     */
    public double value(String key, Map<String, ?> fields, List<Input> inputs) {
        Expression expression = byKey.get(key);
        List<String> needed = expression.inputs();
        double[] row = new double[needed.size()];
        for (int a = 0; a < row.length; a++) {
            String inputKey = needed.get(a);
            Input input = inputs.stream().filter(i -> i.key().equals(inputKey)).findFirst().orElseThrow();
            Object value = fields.containsKey(input.name()) ? fields.get(input.name()) : fields.get(input.key());
            row[a] = value instanceof Number number && input.type() == ValueType.NUMBER ? number.doubleValue()
                    : value instanceof String text && input.type() == ValueType.DATE ? Expression.epochSeconds(text.strip())
                    : Double.NaN;
        }
        return expression.evaluate(row, 1)[0];
    }

    /** The key of the derived feature of this name (or key), or null when there is none. */
    String keyOf(String name) {
        return keysByName.get(name);
    }

    /** The formula of the derived feature with this key, or null. */
    public Expression expression(String key) {
        return byKey.get(key);
    }

    /** The keys of the columns the formulas of these derived features (by key) read; others are ignored. */
    List<String> inputKeys(List<String> used) {
        List<String> keys = new ArrayList<>();
        byKey.forEach((key, expression) -> {
            if (used.contains(key)) {
                expression.inputs().stream().filter(input -> !keys.contains(input)).forEach(keys::add);
            }
        });
        return keys;
    }

}
