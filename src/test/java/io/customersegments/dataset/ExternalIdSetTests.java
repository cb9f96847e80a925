package io.customersegments.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

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
        assertThat(ids.sorted()).as("C0, C1, ..., C9, C10: shorter ids first").isTrue();
    }

    /** Orders ids come in: sorted as customer exports usually are, and not. */
    enum Order {
        SORTED, SORTED_WITH_STRAGGLERS, SORTED_WITH_MANY_REPEATS, REVERSED, RANDOM, SORTED_THEN_RANDOM
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void answersAsASetOfEveryIdBeforeWhateverTheOrder(Order order) {
        Random random = new Random(order.ordinal());
        List<String> unique = new ArrayList<>();
        for (int i = 1; i <= 60_000; i++) {
            unique.add(i % 3 == 0 ? "C" + String.format("%06d", i) : Integer.toString(i));
        }
        List<String> ids = new ArrayList<>(unique);
        switch (order) {
            case SORTED, SORTED_WITH_MANY_REPEATS -> ids.sort(ExternalIdSetTests::shortlex);
            case SORTED_WITH_STRAGGLERS -> {
                ids.sort(ExternalIdSetTests::shortlex);
                // one id in 200 moved far back: below the end of the run when it comes
                for (int i = 0; i < ids.size(); i += 200) {
                    int to = Math.min(ids.size() - 1, i + 5_000);
                    ids.add(to, ids.remove(i));
                }
            }
            case REVERSED -> ids.sort((a, b) -> shortlex(b, a));
            case RANDOM -> Collections.shuffle(ids, random);
            case SORTED_THEN_RANDOM -> {
                ids.sort(ExternalIdSetTests::shortlex);
                Collections.shuffle(ids.subList(30_000, ids.size()), random);
            }
        }
        // Repeats: of the last id (as a sorted export repeats a row), and of any id before (one in 200, or one in 20:
        // then a sorted run is given up for the hash table, which finds repeats without a binary search).
        int repeatOneIn = order == Order.SORTED_WITH_MANY_REPEATS ? 20 : 200;
        List<String> stream = new ArrayList<>();
        for (String id : ids) {
            stream.add(id);
            if (random.nextInt(50) == 0) {
                stream.add(id);
            }
            if (random.nextInt(repeatOneIn) == 0) {
                stream.add(stream.get(random.nextInt(stream.size())));
            }
        }
        ExternalIdSet set = new ExternalIdSet();
        Map<String, Long> expected = new HashMap<>();
        for (int i = 0; i < stream.size(); i++) {
            long line = i + 2;
            char[] chars = ("|" + stream.get(i) + "|").toCharArray();
            Long first = expected.putIfAbsent(stream.get(i), line);
            assertThat(set.add(chars, 1, chars.length - 2, line)).as("line %d, id %s", line, stream.get(i))
                .isEqualTo(first == null ? 0 : first);
        }
        assertThat(set.size()).isEqualTo(expected.size());
        assertThat(set.sorted()).isEqualTo(order == Order.SORTED || order == Order.SORTED_WITH_STRAGGLERS);
    }

    private static int shortlex(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }

}
