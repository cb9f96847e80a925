package io.customersegments.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;

import org.junit.jupiter.api.Test;

/** Segment colours: every segment of the largest run (k = 30) is told apart, where ten colours repeated from the 11th. */
class SegmentColourTest {

    @Test
    void thirtySegmentsHaveThirtyColoursApart() {
        for (int a = 0; a < 30; a++) {
            for (int b = a + 1; b < 30; b++) {
                Color one = Charts.colour(a);
                Color other = Charts.colour(b);
                double distance = Math.sqrt(Math.pow(one.getRed() - other.getRed(), 2)
                        + Math.pow(one.getGreen() - other.getGreen(), 2) + Math.pow(one.getBlue() - other.getBlue(), 2));
                assertThat(distance).as("segments %d and %d", a, b).isGreaterThan(45);
            }
        }
        assertThat(Charts.colour(3)).isEqualTo(new Color(0xd62728));
    }

}
