package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which paths the web server's own 400 blames on an escape: only those that hold one it refuses. */
class ContainerErrorReportTest {

    @Test
    void blamesOnlyTheEscapesTheWebServerRefuses() {
        for (String refused : new String[] { "/api/datasets/a%2Fb", "/api/datasets/a%2fb", "/a%5Cb", "/a%00b", "/a%ZZ",
            "/a%" }) {
            assertThat(ContainerErrorReport.hasRefusedEscape(refused)).as(refused).isTrue();
        }
        for (String fine : new String[] { "/api/datasets/1", "/api/customers/caf%C3%A9/segment", "/a%20b", null }) {
            assertThat(ContainerErrorReport.hasRefusedEscape(fine)).as(fine).isFalse();
        }
    }

}
