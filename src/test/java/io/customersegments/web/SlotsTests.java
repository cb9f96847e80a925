package io.customersegments.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SlotsTests {

    static final class Busy extends RuntimeException {
    }

    @Test
    void refusesBeyondItsSizeAndGivesEachSlotBackOnce() {
        Slots slots = new Slots(2, Busy::new);

        Slots.Slot first = slots.acquire();
        Slots.Slot second = slots.acquire();
        assertThatThrownBy(slots::acquire).isInstanceOf(Busy.class);
        assertThat(slots.inUse()).isEqualTo(2);

        first.close();
        first.close();
        assertThat(slots.inUse()).isEqualTo(1);
        try (Slots.Slot third = slots.acquire()) {
            assertThat(slots.inUse()).isEqualTo(2);
        }
        second.close();
        assertThat(slots.inUse()).isZero();
    }

}
