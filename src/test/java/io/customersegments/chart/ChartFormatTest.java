package io.customersegments.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Which format an Accept header asks a chart in (RFC 9110: quality values, case-insensitive types, wildcards). */
class ChartFormatTest {

    @Test
    void followsTheQualityValuesAndIgnoresCase() {
        assertThat(ChartFormat.of(null, "image/svg+xml;q=0.1, image/png;q=0.9")).isEqualTo(ChartFormat.PNG);
        assertThat(ChartFormat.of(null, "IMAGE/PNG")).isEqualTo(ChartFormat.PNG);
        assertThat(ChartFormat.of(null, "image/png, image/svg+xml")).isEqualTo(ChartFormat.SVG);
        assertThat(ChartFormat.of(null, "image/*;q=0.5, image/png")).isEqualTo(ChartFormat.PNG);
        assertThat(ChartFormat.of(null, "*/*")).isEqualTo(ChartFormat.SVG);
        assertThat(ChartFormat.of(null, null)).isEqualTo(ChartFormat.SVG);
        assertThat(ChartFormat.of("png", "image/svg+xml")).isEqualTo(ChartFormat.PNG);
    }

    @Test
    void refusesAnAcceptHeaderThatAdmitsNeither() {
        for (String accept : new String[] { "image/gif", "application/json", "image/png;q=0, image/svg+xml;q=0" }) {
            assertThatThrownBy(() -> ChartFormat.of(null, accept)).as(accept)
                .isInstanceOf(ChartNotAcceptableException.class);
        }
    }

}
