package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExternalIdSetTests {

    @Test
    void tellsNewIdsFromRepeatsAndWhereTheyFirstAppeared() {
        ExternalIdSet ids = new ExternalIdSet();
        for (int i = 0; i < 300_000; i++) {
            char[] id = ("C" + i).toCharArray();
            assertThat(ids.add(id, 0, id.length, i + 2)).isZero();
        }
        char[] repeat = "xxC123yy".toCharArray();

        assertThat(ids.add(repeat, 2, 4, 999_999)).isEqualTo(125);
        assertThat(ids.size()).isEqualTo(300_000);
    }

}
