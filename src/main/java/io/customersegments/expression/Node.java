package io.customersegments.expression;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/** A compiled formula's tree; each node computes a chunk of rows at a time into the array its caller gives it. */
sealed interface Node {

    /**
     * Writes the node's value for rows from .. from + length into out; operands go into the scratch
     * arrays of this depth, and their own operands deeper.
     */
    void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth);

    void collectInputs(Set<String> keys);

    /** An overflow (exp(1000)) is no value: it becomes missing at once, so no later step can turn it into one. */
    static double finite(double value) {
        return Double.isFinite(value) ? value : Double.NaN;
    }

    record Constant(double value) implements Node {

        @Override
        public void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth) {
            java.util.Arrays.fill(out, 0, length, value);
        }

        @Override
        public void collectInputs(Set<String> keys) {
        }

    }

    record Input(String key) implements Node {

        @Override
        public void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth) {
            evaluation.read(key, from, length, out);
        }

        @Override
        public void collectInputs(Set<String> keys) {
            keys.add(key);
        }

    }

    /** Minus, or logical not (1 for a zero, 0 otherwise). */
    record Unary(boolean not, Node operand) implements Node {

        @Override
        public void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth) {
            operand.evaluate(evaluation, from, length, out, depth + 1);
            for (int i = 0; i < length; i++) {
                double x = out[i];
                out[i] = !not ? -x : Double.isNaN(x) ? Double.NaN : x == 0 ? 1 : 0;
            }
        }

        @Override
        public void collectInputs(Set<String> keys) {
            operand.collectInputs(keys);
        }

    }

    record Binary(Operator operator, Node left, Node right) implements Node {

        @Override
        public void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth) {
            left.evaluate(evaluation, from, length, out, depth + 1);
            double[] operand = evaluation.scratch(depth, 0);
            right.evaluate(evaluation, from, length, operand, depth + 1);
            for (int i = 0; i < length; i++) {
                out[i] = finite(operator.apply(out[i], operand[i]));
            }
        }

        @Override
        public void collectInputs(Set<String> keys) {
            left.collectInputs(keys);
            right.collectInputs(keys);
        }

    }

    record Call(Function function, List<Node> arguments) implements Node {

        private static final double SECONDS_PER_DAY = 86_400;

        @Override
        public void evaluate(Expression.Evaluation evaluation, int from, int length, double[] out, int depth) {
            arguments.get(0).evaluate(evaluation, from, length, out, depth + 1);
            switch (function) {
                case IF -> {
                    double[] then = evaluation.scratch(depth, 0);
                    double[] otherwise = evaluation.scratch(depth, 1);
                    arguments.get(1).evaluate(evaluation, from, length, then, depth + 1);
                    arguments.get(2).evaluate(evaluation, from, length, otherwise, depth + 1);
                    for (int i = 0; i < length; i++) {
                        double condition = out[i];
                        out[i] = Double.isNaN(condition) ? Double.NaN : condition != 0 ? then[i] : otherwise[i];
                    }
                }
                case MIN, MAX -> {
                    double[] operand = evaluation.scratch(depth, 0);
                    for (int a = 1; a < arguments.size(); a++) {
                        arguments.get(a).evaluate(evaluation, from, length, operand, depth + 1);
                        for (int i = 0; i < length; i++) {
                            out[i] = function == Function.MIN ? Math.min(out[i], operand[i]) : Math.max(out[i], operand[i]);
                        }
                    }
                }
                default -> {
                    for (int i = 0; i < length; i++) {
                        out[i] = finite(apply(function, out[i]));
                    }
                }
            }
        }

        private static double apply(Function function, double x) {
            if (Double.isNaN(x)) {
                return Double.NaN;
            }
            return switch (function) {
                case ABS -> Math.abs(x);
                case LOG -> x > 0 ? Math.log(x) : Double.NaN;
                case LOG1P -> x > -1 ? Math.log1p(x) : Double.NaN;
                case EXP -> Math.exp(x);
                case SQRT -> x >= 0 ? Math.sqrt(x) : Double.NaN;
                case ROUND -> Math.rint(x);
                case FLOOR -> Math.floor(x);
                case CEIL -> Math.ceil(x);
                case DAYS -> Math.floor(x / SECONDS_PER_DAY);
                case YEAR -> Math.abs(x / SECONDS_PER_DAY) > Expression.MAX_EPOCH_DAY ? Double.NaN
                        : LocalDate.ofEpochDay((long) Math.floor(x / SECONDS_PER_DAY)).getYear();
                case IF, MIN, MAX -> throw new IllegalStateException(function + " takes several arguments");
            };
        }

        @Override
        public void collectInputs(Set<String> keys) {
            arguments.forEach(argument -> argument.collectInputs(keys));
        }

    }

    enum Operator {

        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), REMAINDER("%"), POWER("^"), LESS("<"), LESS_OR_EQUAL("<="),
        GREATER(">"), GREATER_OR_EQUAL(">="), EQUAL("=="), NOT_EQUAL("!="), AND("and"), OR("or");

        final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean comparison() {
            return ordinal() >= LESS.ordinal() && ordinal() <= NOT_EQUAL.ordinal();
        }

        double apply(double a, double b) {
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Double.NaN;
            }
            return switch (this) {
                case ADD -> a + b;
                case SUBTRACT -> a - b;
                case MULTIPLY -> a * b;
                case DIVIDE -> b == 0 ? Double.NaN : a / b;
                case REMAINDER -> b == 0 ? Double.NaN : a % b;
                case POWER -> Math.pow(a, b);
                case LESS -> a < b ? 1 : 0;
                case LESS_OR_EQUAL -> a <= b ? 1 : 0;
                case GREATER -> a > b ? 1 : 0;
                case GREATER_OR_EQUAL -> a >= b ? 1 : 0;
                case EQUAL -> a == b ? 1 : 0;
                case NOT_EQUAL -> a != b ? 1 : 0;
                case AND -> a != 0 && b != 0 ? 1 : 0;
                case OR -> a != 0 || b != 0 ? 1 : 0;
            };
        }

    }

    enum Function {

        IF(3, 3), MIN(1, Integer.MAX_VALUE), MAX(1, Integer.MAX_VALUE), ABS(1, 1), LOG(1, 1), LOG1P(1, 1), EXP(1, 1),
        SQRT(1, 1), ROUND(1, 1), FLOOR(1, 1), CEIL(1, 1), YEAR(1, 1), DAYS(1, 1);

        final int minArguments;

        final int maxArguments;

        Function(int minArguments, int maxArguments) {
            this.minArguments = minArguments;
            this.maxArguments = maxArguments;
        }

        /** Whether the function reads a date (and answers a number). */
        boolean ofDate() {
            return this == YEAR || this == DAYS;
        }

    }

}
