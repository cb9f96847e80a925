package io.customersegments.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpressionTest {

    /** Columns of the marketing-campaign file, by header name; keys are the lower-case names. */
    private static final Map<String, ValueType> COLUMNS = Map.of("Year_Birth", ValueType.NUMBER, "Kidhome",
            ValueType.NUMBER, "Teenhome", ValueType.NUMBER, "Dt_Customer", ValueType.DATE, "NumWebPurchases",
            ValueType.NUMBER, "NumStorePurchases", ValueType.NUMBER, "Annual Income (k$)", ValueType.NUMBER);

    private static final Expression.Resolver RESOLVER = name -> COLUMNS.entrySet()
        .stream()
        .filter(column -> column.getKey().equals(name) || column.getKey().toLowerCase().equals(name))
        .findFirst()
        .map(column -> (Expression.Reference) new Expression.Column(column.getKey().toLowerCase(), column.getValue()))
        .orElse(null);

    private static double[] evaluate(String source, double... row) {
        Expression expression = Expression.compile(source, RESOLVER);
        return expression.evaluate(row, row.length / Math.max(1, expression.inputs().size()));
    }

    private static double value(String source) {
        return Expression.compile(source, RESOLVER).evaluate(new double[0], 1)[0];
    }

    @Test
    void arithmeticFollowsTheUsualPrecedence() {
        assertThat(value("1 + 2 * 3")).isEqualTo(7);
        assertThat(value("(1 + 2) * 3")).isEqualTo(9);
        assertThat(value("2 ^ 3 ^ 2")).isEqualTo(512);
        assertThat(value("-2 ^ 2")).isEqualTo(-4);
        assertThat(value("10 - 4 - 3")).isEqualTo(3);
        assertThat(value("7 % 4")).isEqualTo(3);
        assertThat(value("1.5e3 / 3")).isEqualTo(500);
    }

    @Test
    void comparisonsAndLogicGiveOneOrZero() {
        assertThat(value("2 > 1 and 1 >= 1")).isEqualTo(1);
        assertThat(value("2 < 1 or not (1 == 1)")).isEqualTo(0);
        assertThat(value("!(1 != 1) && 3 <= 2")).isEqualTo(0);
        assertThat(value("if(3 > 2, 10, 20)")).isEqualTo(10);
        assertThat(value("if(0, 10, 20)")).isEqualTo(20);
    }

    @Test
    void functions() {
        assertThat(value("min(3, 1, 2) + max(4, 5)")).isEqualTo(6);
        assertThat(value("abs(-2) + sqrt(9) + round(2.5) + floor(1.7) + ceil(1.2)")).isEqualTo(2 + 3 + 2 + 1 + 2);
        assertThat(value("log(exp(2))")).isCloseTo(2, within(1e-12));
        assertThat(value("log1p(0)")).isZero();
        assertThat(value("year('2014-12-31')")).isEqualTo(2014);
        assertThat(value("days('1970-01-11')")).isEqualTo(10);
        assertThat(value("days('2014-12-31') - days('2014-01-01')")).isEqualTo(364);
    }

    @Test
    void theMarketingCampaignFeatures() {
        double joined = LocalDate.parse("2012-09-04").toEpochDay() * 86_400.0;
        assertThat(evaluate("2014 - Year_Birth", 1957, 1990)).containsExactly(57, 24);
        assertThat(evaluate("Kidhome + Teenhome", 1, 2, 0, 0)).containsExactly(3, 0);
        assertThat(evaluate("days('2014-12-31') - days(Dt_Customer)", joined)).containsExactly(848);
        assertThat(evaluate("NumWebPurchases / max(1, NumWebPurchases + NumStorePurchases)", 2, 6, 0, 0))
            .containsExactly(0.25, 0);
        assertThat(evaluate("`Annual Income (k$)` * 1000", 15)).containsExactly(15_000);
        assertThat(evaluate("year(Dt_Customer)", joined)).containsExactly(2012);
        assertThat(evaluate("if(Dt_Customer < '2013-01-01', 1, 0)", joined)).containsExactly(1);
    }

    @Test
    void columnsAreNamedByHeaderOrKey() {
        Expression expression = Expression.compile("kidhome + Kidhome + teenhome", RESOLVER);
        assertThat(expression.inputs()).containsExactly("kidhome", "teenhome");
        assertThat(expression.evaluate(new double[] { 1, 5 }, 1)).containsExactly(7);
    }

    @Test
    void missingInputsDivisionByZeroAndNonFiniteResultsAreMissing() {
        assertThat(evaluate("Kidhome + Teenhome", Double.NaN, 1)).containsExactly(Double.NaN);
        assertThat(evaluate("Kidhome / Teenhome", 1, 0)).containsExactly(Double.NaN);
        assertThat(evaluate("Kidhome % Teenhome", 1, 0)).containsExactly(Double.NaN);
        assertThat(value("log(0)")).isNaN();
        assertThat(value("sqrt(-1)")).isNaN();
        assertThat(value("exp(1000)")).isNaN();
        assertThat(value("10 ^ 400")).isNaN();
        assertThat(evaluate("max(1, Kidhome)", Double.NaN)).containsExactly(Double.NaN);
        assertThat(evaluate("if(Kidhome > 0, 1, 2)", Double.NaN)).containsExactly(Double.NaN);
    }

    @Test
    void manyRowsAreEvaluatedInChunks() {
        int n = 5_000;
        double[] rows = new double[n * 2];
        for (int i = 0; i < n; i++) {
            rows[i * 2] = i;
            rows[i * 2 + 1] = 2 * i;
        }
        double[] values = Expression.compile("if(Kidhome > 10, Kidhome * Teenhome, -(Kidhome + Teenhome))", RESOLVER)
            .evaluate(rows, n);
        for (int i = 0; i < n; i++) {
            assertThat(values[i]).isEqualTo(i > 10 ? 2.0 * i * i : -3.0 * i);
        }
    }

    @Test
    void anEarlierDefinitionIsUsedInPlace() {
        Expression children = Expression.compile("Kidhome + Teenhome", RESOLVER);
        Expression.Resolver withChildren = name -> name.equals("Children") ? new Expression.Defined(children)
                : RESOLVER.resolve(name);
        Expression perChild = Expression.compile("NumWebPurchases / Children", withChildren);
        assertThat(perChild.inputs()).containsExactly("numwebpurchases", "kidhome", "teenhome");
        assertThat(perChild.evaluate(new double[] { 6, 1, 2 }, 1)).containsExactly(2);
    }

    @Test
    void errorsSayWhatAndWhere() {
        assertError("Kidhome + ", 10, "ends where a value was expected");
        assertError("Kidhome + Income", 10, "unknown column \"Income\"");
        assertError("2014 - Year_Birth)", 17, "unexpected \")\"");
        assertError("sum(Kidhome)", 0, "unknown function \"sum\"");
        assertError("max()", 0, "max takes at least 1 argument, not 0");
        assertError("if(1, 2)", 0, "if takes 3 arguments, not 2");
        assertError("Dt_Customer + 1", 12, "needs a number, not a date");
        assertError("days(Kidhome)", 0, "takes a date column");
        assertError("days('31/12/2014')", 5, "is not a date");
        assertError("`Annual Income", 0, "not closed");
        assertError("(".repeat(100) + "1" + ")".repeat(100), 40, "nests more than");
        assertError("-".repeat(100) + "1", 40, "nests more than");
        assertError("", 0, "empty");
        assertError("Kidhome @ 2", 8, "unexpected \"@\"");
        assertError("Dt_Customer < 3", 12, "compares a date with a number");
    }

    @Test
    void nothingButArithmeticCanBeReached() {
        assertError("T(java.lang.Runtime).getRuntime()", 0, "unknown function \"T\"");
        assertError("Kidhome.getClass()", 7, "unexpected \".\"");
        assertError("#root", 0, "unexpected \"#\"");
        assertError("new java.io.File('x')", 0, "unknown column \"new\"");
    }

    @Test
    void formulasBuiltFromEarlierOnesCannotGrowWithoutBound() {
        // Each formula doubles the one before: the tree passes its size limit after about ten.
        java.util.Map<String, Expression> defined = new java.util.HashMap<>();
        Expression.Resolver resolver = name -> defined.containsKey(name) ? new Expression.Defined(defined.get(name))
                : RESOLVER.resolve(name);
        defined.put("a0", Expression.compile("Kidhome + Kidhome", resolver));
        int compiled = 0;
        try {
            for (int i = 1; i < 50; i++) {
                defined.put("a" + i, Expression.compile("a" + (i - 1) + " + a" + (i - 1), resolver));
                compiled = i;
            }
        }
        catch (ExpressionException ex) {
            assertThat(ex.getMessage()).contains("more than 2000 parts");
        }
        assertThat(compiled).isBetween(8, 11);
        // A long chain is deep rather than nested: its depth is bounded too, so evaluating it never overflows the stack.
        assertThatThrownBy(() -> Expression.compile("Kidhome" + " + 1".repeat(300), RESOLVER))
            .isInstanceOf(ExpressionException.class)
            .hasMessageContaining("nests more than 200 operations deep");
        assertThat(Expression.compile("Kidhome" + " + 1".repeat(150), RESOLVER).evaluate(new double[] { 1 }, 1))
            .containsExactly(151);
    }

    @Test
    void anOverflowAnywhereIsMissingAndDatesStayInTheCalendar() {
        assertThat(value("exp(1000) > 1")).isNaN();
        assertThat(value("min(exp(1000), 5)")).isNaN();
        assertThat(Expression.epochSeconds("+999999999-12-31T23:59:59-18:00")).isNaN();
        assertThat(Expression.epochSeconds("2014-12-31 08:30")).isEqualTo(Expression.epochSeconds("2014-12-31T08:30"));
        assertThat(evaluate("year(Dt_Customer)", 1e18)).containsExactly(Double.NaN);
        assertError("year('+999999999-12-31')", 5, "is not a date");
    }

    private static void assertError(String source, int position, String message) {
        assertThatThrownBy(() -> Expression.compile(source, RESOLVER)).isInstanceOfSatisfying(ExpressionException.class,
                ex -> {
                    assertThat(ex.getMessage()).contains(message);
                    assertThat(ex.position()).as(ex.getMessage()).isEqualTo(position);
                    assertThat(ex.expression()).isEqualTo(source);
                });
    }

}
