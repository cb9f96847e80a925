package io.customersegments.expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.customersegments.expression.Node.Function;
import io.customersegments.expression.Node.Operator;

/**
 * Recursive descent over the grammar, lowest precedence first:
 * {@code or < and < not < comparison < + - < * / % < unary minus < ^ < primary}.
 * Nesting is bounded, so no expression can exhaust the stack.
 */
final class Parser {

    static final int MAX_LENGTH = 2_000;

    static final int MAX_DEPTH = 40;

    /** The most nodes a formula's tree may have, earlier derived features it uses included. */
    static final int MAX_NODES = 2_000;

    /** The deepest a formula's tree may be, so evaluating it never runs out of stack. */
    static final int MAX_TREE_DEPTH = 200;

    /** A sub-expression with its type, its size in nodes and the depth of its tree (earlier definitions included). */
    record Typed(Node node, ValueType type, int size, int depth) {

        Typed(Node leaf, ValueType type) {
            this(leaf, type, 1, 1);
        }

    }

    /** A node over the given operands, refused when the tree grows past the limits (a formula built from earlier ones can). */
    private Typed tree(Node node, ValueType type, int at, Typed... operands) {
        int size = 1;
        int depth = 0;
        for (Typed operand : operands) {
            size += operand.size();
            depth = Math.max(depth, operand.depth());
        }
        if (size > MAX_NODES) {
            throw error(at, "the expression (with the derived features it uses) has more than " + MAX_NODES + " parts");
        }
        if (depth + 1 > MAX_TREE_DEPTH) {
            throw error(at, "the expression (with the derived features it uses) nests more than " + MAX_TREE_DEPTH
                    + " operations deep");
        }
        return new Typed(node, type, size, depth + 1);
    }

    private final String source;

    private final Expression.Resolver resolver;

    private int position;

    private int depth;

    Parser(String source, Expression.Resolver resolver) {
        this.source = source;
        this.resolver = resolver;
    }

    Typed parse() {
        if (source == null || source.isBlank()) {
            throw error(0, "the expression is empty");
        }
        if (source.length() > MAX_LENGTH) {
            throw error(MAX_LENGTH, "the expression is longer than " + MAX_LENGTH + " characters");
        }
        Typed typed = or();
        skipSpace();
        if (position < source.length()) {
            throw error(position, "unexpected \"" + source.charAt(position) + "\"; an operator or the end was expected");
        }
        return typed;
    }

    private Typed or() {
        if (++depth > MAX_DEPTH) {
            throw error(position, "the expression nests more than " + MAX_DEPTH + " levels deep");
        }
        Typed left = and();
        while (word("or") || symbol("||")) {
            int at = position;
            left = arithmetic(Operator.OR, left, and(), at);
        }
        depth--;
        return left;
    }

    private Typed and() {
        Typed left = not();
        while (word("and") || symbol("&&")) {
            int at = position;
            left = arithmetic(Operator.AND, left, not(), at);
        }
        return left;
    }

    private Typed not() {
        int at = skipSpace();
        if (word("not") || (peek('!') && !lookingAt("!=") && symbol("!"))) {
            Typed operand = nested(this::not);
            return tree(new Node.Unary(true, number(operand, at, "not").node()), ValueType.NUMBER, at, operand);
        }
        return comparison();
    }

    private Typed comparison() {
        Typed left = additive();
        int at = skipSpace();
        Operator operator = symbol("<=") ? Operator.LESS_OR_EQUAL : symbol(">=") ? Operator.GREATER_OR_EQUAL
                : symbol("==") ? Operator.EQUAL : symbol("!=") || symbol("<>") ? Operator.NOT_EQUAL
                : symbol("<") ? Operator.LESS : symbol(">") ? Operator.GREATER : symbol("=") ? Operator.EQUAL : null;
        if (operator == null) {
            return left;
        }
        Typed right = additive();
        if (left.type() != right.type()) {
            throw error(at, "\"" + operator.symbol + "\" compares a " + word(left.type()) + " with a "
                    + word(right.type()));
        }
        return tree(new Node.Binary(operator, left.node(), right.node()), ValueType.NUMBER, at, left, right);
    }

    private Typed additive() {
        Typed left = multiplicative();
        while (true) {
            int at = skipSpace();
            Operator operator = symbol("+") ? Operator.ADD : symbol("-") ? Operator.SUBTRACT : null;
            if (operator == null) {
                return left;
            }
            left = arithmetic(operator, left, multiplicative(), at);
        }
    }

    private Typed multiplicative() {
        Typed left = unary();
        while (true) {
            int at = skipSpace();
            Operator operator = symbol("*") ? Operator.MULTIPLY : symbol("/") ? Operator.DIVIDE
                    : symbol("%") ? Operator.REMAINDER : null;
            if (operator == null) {
                return left;
            }
            left = arithmetic(operator, left, unary(), at);
        }
    }

    private Typed unary() {
        int at = skipSpace();
        if (symbol("-")) {
            Typed operand = nested(this::unary);
            return tree(new Node.Unary(false, number(operand, at, "-").node()), ValueType.NUMBER, at, operand);
        }
        if (symbol("+")) {
            return number(nested(this::unary), at, "+");
        }
        return power();
    }

    private Typed power() {
        Typed base = primary();
        int at = skipSpace();
        if (symbol("^")) {
            return arithmetic(Operator.POWER, base, nested(this::unary), at);
        }
        return base;
    }

    private Typed primary() {
        int at = skipSpace();
        if (position >= source.length()) {
            throw error(at, "the expression ends where a value was expected");
        }
        char c = source.charAt(position);
        if (c == '(') {
            position++;
            Typed inner = or();
            expect(')', "a closing \")\"");
            return inner;
        }
        if (Character.isDigit(c) || c == '.') {
            return numberLiteral();
        }
        if (c == '\'' || c == '"') {
            return dateLiteral(c);
        }
        if (c == '`') {
            int end = source.indexOf('`', position + 1);
            if (end < 0) {
                throw error(at, "the backquoted name is not closed with a \"`\"");
            }
            String name = source.substring(position + 1, end);
            position = end + 1;
            return reference(name, at);
        }
        if (Character.isLetter(c) || c == '_') {
            String name = identifier();
            skipSpace();
            if (peek('(')) {
                return call(name, at);
            }
            return reference(name, at);
        }
        throw error(at, "unexpected \"" + c + "\"; a number, a column, a date or \"(\" was expected");
    }

    private Typed call(String name, int at) {
        Function function;
        try {
            function = Function.valueOf(name.toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw error(at, "unknown function \"" + name + "\"; the functions are " + Arrays.stream(Function.values())
                .map(f -> f.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", ")));
        }
        position++;
        List<Typed> arguments = new ArrayList<>();
        if (!symbol(")")) {
            do {
                arguments.add(nested(this::or));
            }
            while (symbol(","));
            expect(')', "\",\" or a closing \")\"");
        }
        String lower = function.name().toLowerCase(Locale.ROOT);
        if (arguments.size() < function.minArguments || arguments.size() > function.maxArguments) {
            throw error(at, lower + " takes " + (function.minArguments == function.maxArguments
                    ? function.minArguments + " argument" + (function.minArguments == 1 ? "" : "s")
                    : "at least " + function.minArguments + " argument") + ", not " + arguments.size());
        }
        List<Node> nodes = arguments.stream().map(Typed::node).toList();
        Typed[] operands = arguments.toArray(Typed[]::new);
        if (function.ofDate()) {
            if (arguments.get(0).type() != ValueType.DATE) {
                throw error(at, lower + "(…) takes a date column or a date such as '2014-12-31', not a number");
            }
            return tree(new Node.Call(function, nodes), ValueType.NUMBER, at, operands);
        }
        if (function == Function.IF) {
            number(arguments.get(0), at, "if's condition");
            if (arguments.get(1).type() != arguments.get(2).type()) {
                throw error(at, "if(…) gives a " + word(arguments.get(1).type()) + " or a "
                        + word(arguments.get(2).type()) + "; both must be numbers (or both dates)");
            }
            return tree(new Node.Call(function, nodes), arguments.get(1).type(), at, operands);
        }
        arguments.forEach(argument -> number(argument, at, lower));
        return tree(new Node.Call(function, nodes), ValueType.NUMBER, at, operands);
    }

    private Typed reference(String name, int at) {
        Expression.Reference reference = resolver.resolve(name);
        if (reference == null) {
            throw error(at, "unknown column \"" + name + "\"");
        }
        if (reference instanceof Expression.Unusable unusable) {
            throw error(at, "\"" + name + "\" " + unusable.reason());
        }
        if (reference instanceof Expression.Defined defined) {
            // The earlier formula's tree is used as it is: nodes are immutable, so sharing one is safe.
            Expression earlier = defined.expression();
            return new Typed(earlier.root(), earlier.type(), earlier.size(), earlier.depth());
        }
        Expression.Column column = (Expression.Column) reference;
        return new Typed(new Node.Input(column.key()), column.type());
    }

    private Typed numberLiteral() {
        int start = position;
        while (position < source.length() && (Character.isDigit(source.charAt(position)) || source.charAt(position) == '.')) {
            position++;
        }
        if (position < source.length() && (source.charAt(position) == 'e' || source.charAt(position) == 'E')) {
            int mark = position++;
            if (position < source.length() && (source.charAt(position) == '+' || source.charAt(position) == '-')) {
                position++;
            }
            if (position >= source.length() || !Character.isDigit(source.charAt(position))) {
                position = mark;
            }
            while (position < source.length() && Character.isDigit(source.charAt(position))) {
                position++;
            }
        }
        String text = source.substring(start, position);
        try {
            double value = Double.parseDouble(text);
            if (!Double.isFinite(value)) {
                throw error(start, "the number " + text + " is too large");
            }
            return new Typed(new Node.Constant(value), ValueType.NUMBER);
        }
        catch (NumberFormatException ex) {
            throw error(start, "\"" + text + "\" is not a number");
        }
    }

    private Typed dateLiteral(char quote) {
        int start = position;
        int end = source.indexOf(quote, position + 1);
        if (end < 0) {
            throw error(start, "the date is not closed with " + quote);
        }
        String text = source.substring(position + 1, end).strip();
        position = end + 1;
        return new Typed(new Node.Constant(epochSeconds(text, start)), ValueType.DATE);
    }

    private double epochSeconds(String text, int at) {
        double seconds = Expression.epochSeconds(text);
        if (Double.isNaN(seconds)) {
            throw error(at, "'" + text + "' is not a date; write dates as '2014-12-31' (or '2014-12-31T08:30')");
        }
        return seconds;
    }

    private String identifier() {
        int start = position;
        while (position < source.length()
                && (Character.isLetterOrDigit(source.charAt(position)) || source.charAt(position) == '_')) {
            position++;
        }
        return source.substring(start, position);
    }

    private Typed nested(java.util.function.Supplier<Typed> parse) {
        if (++depth > MAX_DEPTH) {
            throw error(position, "the expression nests more than " + MAX_DEPTH + " levels deep");
        }
        Typed typed = parse.get();
        depth--;
        return typed;
    }

    private Typed arithmetic(Operator operator, Typed left, Typed right, int at) {
        number(left, at, operator.symbol);
        number(right, at, operator.symbol);
        return tree(new Node.Binary(operator, left.node(), right.node()), ValueType.NUMBER, at, left, right);
    }

    private Typed number(Typed typed, int at, String what) {
        if (typed.type() != ValueType.NUMBER) {
            throw error(at, "\"" + what + "\" needs a number, not a date; take days(…) or year(…) of a date");
        }
        return typed;
    }

    private void expect(char c, String what) {
        skipSpace();
        if (position >= source.length() || source.charAt(position) != c) {
            throw error(position, position >= source.length() ? "the expression ends where " + what + " was expected"
                    : "unexpected \"" + source.charAt(position) + "\"; " + what + " was expected");
        }
        position++;
    }

    private int skipSpace() {
        while (position < source.length() && Character.isWhitespace(source.charAt(position))) {
            position++;
        }
        return position;
    }

    private boolean peek(char c) {
        return position < source.length() && source.charAt(position) == c;
    }

    private boolean lookingAt(String text) {
        return source.startsWith(text, position);
    }

    private boolean symbol(String text) {
        skipSpace();
        if (lookingAt(text)) {
            position += text.length();
            return true;
        }
        return false;
    }

    /** A keyword (and, or, not), in any case, not followed by more of a name. */
    private boolean word(String keyword) {
        skipSpace();
        int end = position + keyword.length();
        if (source.regionMatches(true, position, keyword, 0, keyword.length())
                && (end >= source.length() || !(Character.isLetterOrDigit(source.charAt(end)) || source.charAt(end) == '_'))) {
            position = end;
            return true;
        }
        return false;
    }

    private static String word(ValueType type) {
        return type == ValueType.DATE ? "date" : "number";
    }

    private ExpressionException error(int at, String message) {
        return new ExpressionException(source, at, message + " (at position " + at + ", counted from 0)");
    }

}
