package io.customersegments.expression;

/**
 * An expression that cannot be compiled: a syntax error, an unknown column or function, or a value of the
 * wrong type (a date where a number is needed).
 *
 * @see Expression#compile(String, Expression.Resolver)
 */
public class ExpressionException extends RuntimeException {

    private final String expression;

    private final int position;

    ExpressionException(String expression, int position, String message) {
        super(message);
        this.expression = expression;
        this.position = position;
    }

    public String expression() {
        return expression;
    }

    /** Where the problem is: a character offset into the expression, from 0. */
    public int position() {
        return position;
    }

}
