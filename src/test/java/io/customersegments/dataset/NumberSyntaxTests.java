package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NumberSyntaxTests {

    @Test
    void readsEveryDoubleExactlyAsTheJdkDoes() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double value = switch (i % 4) {
                case 0 -> random.nextDouble() * 1000;
                case 1 -> Math.round(random.nextDouble() * 1_000_000) / 100.0;
                case 2 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-30, 30));
                default -> random.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
            };
            String text = Double.toString(value);
            assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "12", "-3.5", "+7", ".5", "5.", "1e3", "2.5E-3", "00012.50", "12345678901234567890123" })
    void acceptsPlainDecimalNotation(String text) {
        assertThat(parse(text)).isEqualTo(Double.parseDouble(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "-", ".", "1.2.3", "1e", "e5", "12a", "NaN", "Infinity", "0x1F", "1_000", "1,5", "1e999",
            "1d" })
    void rejectsAnythingElse(String text) {
        assertThat(parse(text)).isNaN();
    }

    @Test
    void readsDecimalCommasWhenAsked() {
        char[] chars = "-1234,25".toCharArray();

        assertThat(NumberSyntax.parse(chars, 0, chars.length, ',')).isEqualTo(-1234.25);
    }

    private static double parse(String text) {
        char[] chars = ("  " + text + "  ").toCharArray();
        return NumberSyntax.parse(chars, 2, text.length(), '.');
    }

}
