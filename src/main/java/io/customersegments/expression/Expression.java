package io.customersegments.expression;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A formula over a row's columns, such as {@code MntWines + MntFruits} or
 * {@code days('2014-12-31') - days(Dt_Customer)}: compiled once, then evaluated over many rows at a time.
 * <p>
 * Numbers, arithmetic ({@code + - * / % ^}), comparisons ({@code < <= > >= == !=}), {@code and or not},
 * and the functions {@code if min max abs log log1p exp sqrt round floor ceil year days}. Columns are
 * named by header name or key, in backquotes when the name has spaces or symbols; dates are written
 * {@code '2014-12-31'}. A missing input, a division by zero or a result that is not a finite number
 * (log of 0) makes the row's value missing (NaN).
 * <p>
 * Hand-written: an expression may only compute, never call a method, reach a file or loop, and the
 * expression languages at hand (SpEL, JEXL, MVEL) are built to call methods and must be locked down to
 * stop them; a grammar this small is safer to own.
 */
public final class Expression {

    /** Finds what a name in an expression refers to. */
    @FunctionalInterface
    public interface Resolver {

        /** A column (by header name or key) or an earlier-defined expression; null when the name is unknown. */
        Reference resolve(String name);

    }

    /** What a name refers to. */
    public sealed interface Reference {
    }

    /** An input column: its key, under which {@link #evaluate} expects its values, and what it holds. */
    public record Column(String key, ValueType type) implements Reference {
    }

    /** An expression defined before this one (a derived feature used in another); its formula is used in place. */
    public record Defined(Expression expression) implements Reference {
    }

    /** A name that is known but cannot be computed with (a text column); the reason says why. */
    public record Unusable(String reason) implements Reference {
    }

    private final String source;

    private final Node root;

    private final List<String> inputs;

    private final ValueType type;

    private final int size;

    private final int depth;

    private Expression(String source, Node root, ValueType type, int size, int depth) {
        this.source = source;
        this.root = root;
        this.type = type;
        this.size = size;
        this.depth = depth;
        Set<String> keys = new LinkedHashSet<>();
        root.collectInputs(keys);
        this.inputs = List.copyOf(keys);
    }

    /**
     * Compiles a formula.
     *
     * @throws ExpressionException with the position of a syntax error, an unknown name or a type error
     */
    public static Expression compile(String source, Resolver resolver) {
        Parser parser = new Parser(source, resolver);
        Parser.Typed typed = parser.parse();
        return new Expression(source, typed.node(), typed.type(), typed.size(), typed.depth());
    }

    public String source() {
        return source;
    }

    Node root() {
        return root;
    }

    int size() {
        return size;
    }

    int depth() {
        return depth;
    }

    /** Whether the formula computes a number, or a date. */
    public ValueType type() {
        return type;
    }

    /** The keys of the columns the formula reads, in order of first use: the columns of {@link #evaluate}'s rows. */
    public List<String> inputs() {
        return inputs;
    }

    /**
     * The formula's value for each row.
     *
     * @param rows row-major n × inputs().size() input values, in the order of {@link #inputs()}; a DATE as
     *        seconds since the epoch; NaN for missing
     * @return per row the value, NaN where it is missing
     */
    public double[] evaluate(double[] rows, int n) {
        double[] out = new double[n];
        int[] columns = new int[inputs.size()];
        Arrays.setAll(columns, a -> a);
        evaluate(rows, inputs.size(), columns, n, out, 1, 0);
        return out;
    }

    /**
     * The formula's value for each row of a wider table, written into another: no copy of the inputs is made.
     *
     * @param table row-major n × stride values
     * @param columns for each of {@link #inputs()}, its column in the table
     * @param out receives row i's value at {@code outOffset + i * outStride}
     */
    public void evaluate(double[] table, int stride, int[] columns, int n, double[] out, int outStride, int outOffset) {
        int chunkSize = Math.max(1, Math.min(Evaluation.CHUNK, n));
        Evaluation evaluation = new Evaluation(table, stride, columns, inputs, chunkSize);
        double[] chunk = new double[chunkSize];
        for (int from = 0; from < n; from += chunkSize) {
            int length = Math.min(chunkSize, n - from);
            root.evaluate(evaluation, from, length, chunk, 0);
            for (int i = 0; i < length; i++) {
                double value = chunk[i];
                out[outOffset + (from + i) * outStride] = Double.isFinite(value) ? value : Double.NaN;
            }
        }
    }

    /**
     * A date as a formula sees it, seconds since the epoch (UTC), from ISO text: {@code 2014-12-31},
     * {@code 2014-12-31T08:30} (or {@code 2014-12-31 08:30}) or with an offset; NaN when the text is no such date
     * or lies beyond the years a calendar holds.
     */
    public static double epochSeconds(String text) {
        // "2014-12-31 08:30" as a dataset writes it is the ISO "2014-12-31T08:30".
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        double seconds;
        try {
            seconds = LocalDate.parse(iso).toEpochDay() * 86_400.0;
        }
        catch (DateTimeParseException notADate) {
            try {
                seconds = LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
            }
            catch (DateTimeParseException notADateTime) {
                try {
                    seconds = OffsetDateTime.parse(iso).toEpochSecond();
                }
                catch (DateTimeParseException ex) {
                    return Double.NaN;
                }
            }
        }
        return Math.abs(seconds / 86_400) > MAX_EPOCH_DAY ? Double.NaN : seconds;
    }

    /** Dates are years 1 to 9999 or so: about three million days either side of 1970. */
    static final double MAX_EPOCH_DAY = 3_000_000;

    @Override
    public String toString() {
        return source;
    }

    /** The inputs of one evaluation, and scratch space per nesting depth so that no chunk allocates. */
    static final class Evaluation {

        static final int CHUNK = 1024;

        private final double[] rows;

        private final int stride;

        private final int[] columns;

        private final List<String> inputs;

        private final List<double[][]> scratch = new ArrayList<>();

        private final int chunk;

        Evaluation(double[] rows, int stride, int[] columns, List<String> inputs, int chunk) {
            this.rows = rows;
            this.stride = stride;
            this.columns = columns;
            this.inputs = inputs;
            this.chunk = chunk;
        }

        void read(String key, int from, int length, double[] out) {
            int slot = columns[inputs.indexOf(key)];
            for (int i = 0; i < length; i++) {
                out[i] = rows[(from + i) * stride + slot];
            }
        }

        /** One of two scratch arrays of a depth: a node at depth t writes its operands into these, its own result into its caller's. */
        double[] scratch(int depth, int which) {
            while (scratch.size() <= depth) {
                scratch.add(new double[][] { new double[chunk], new double[chunk] });
            }
            return scratch.get(depth)[which];
        }

    }

}
