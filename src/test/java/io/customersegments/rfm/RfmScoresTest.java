package io.customersegments.rfm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RfmScoresTest {

    @Test
    void scoresLikePandasQcutAndFirstComeRanks() {
        double[] recency = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        // Six customers with one order: ranked in row order, they spread over three bins instead of collapsing.
        double[] frequency = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 10 };
        double[] monetary = { 50, 10, 40, 20, 30, 100, 90, 60, 80, 70 };

        RfmScores scores = RfmScores.score(recency, frequency, monetary);

        // pd.qcut(recency, 5, labels=[5, 4, 3, 2, 1])
        assertThat(scores.r()).containsExactly(5, 5, 4, 4, 3, 3, 2, 2, 1, 1);
        // pd.qcut(frequency.rank(method="first"), 5, labels=[1, 2, 3, 4, 5])
        assertThat(scores.f()).containsExactly(1, 1, 2, 2, 3, 3, 4, 4, 5, 5);
        // pd.qcut(monetary, 5, labels=[1, 2, 3, 4, 5])
        assertThat(scores.m()).containsExactly(3, 1, 2, 1, 2, 5, 5, 3, 4, 4);
        assertThat(scores.recencyEdges()).containsExactly(2.8, 4.6, 6.4, 8.2);
    }

    @Test
    void scoresNewCustomersWithTheEdges() {
        double[] frequency = { 1, 1, 1, 1, 1, 1, 2, 2, 3, 10 };
        RfmScores scores = RfmScores.score(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, frequency,
                new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 });

        // The six one-order customers fill bins 1 to 3: the edges after bins 1 and 2 split them, the others split none.
        assertThat(scores.frequencyEdges()).containsExactly(1, 1, 1, 2);
        assertThat(scores.frequencySplit()).containsExactly(true, true, false, false);
        // One order: the lowest bin it was seen in (first among equals); 2 orders: bin 4; 4 orders: bin 5.
        assertThat(RfmScores.scoreNew(1, 1, 1, scores.recencyEdges(), scores.frequencyEdges(), scores.monetaryEdges()))
            .containsExactly(5, 1, 1);
        assertThat(RfmScores.scoreNew(9.5, 2, 5.5, scores.recencyEdges(), scores.frequencyEdges(), scores.monetaryEdges()))
            .containsExactly(1, 4, 3);
        assertThat(RfmScores.scoreNew(3, 4, 100, scores.recencyEdges(), scores.frequencyEdges(), scores.monetaryEdges()))
            .containsExactly(4, 5, 5);
    }

    @Test
    void namesTheTenCellsOfTheGridAsTheNotebooksDo() {
        String[] expected = {
                // f = 1 ... 5 for r = 1
                "hibernating", "hibernating", "at-risk", "at-risk", "cant-lose",
                "hibernating", "hibernating", "at-risk", "at-risk", "cant-lose",
                "about-to-sleep", "about-to-sleep", "need-attention", "loyal-customers", "loyal-customers",
                "promising", "potential-loyalists", "potential-loyalists", "loyal-customers", "loyal-customers",
                "new-customers", "potential-loyalists", "potential-loyalists", "champions", "champions" };
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                assertThat(RfmSegment.of(r, f).key()).as("r = %d, f = %d", r, f).isEqualTo(expected[(r - 1) * 5 + f - 1]);
            }
        }
    }

}
