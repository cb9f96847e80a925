package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A sweep completed from centres fitted elsewhere (a Spark job) measures and chooses as a sweep of this engine. */
class FitsFromCentresTest {

    private static final GeneratedBlobs BLOBS = GeneratedBlobs.wellSeparated(5);

    private static final SweepOptions OPTIONS = SweepOptions.defaults().withRange(2, 6).withRestarts(3)
        .withStabilityFits(0);

    @Test
    void theEnginesOwnCentresGiveItsOwnSweepBack() {
        SweepResult own = KSweep.run(BLOBS.data(), BLOBS.n(), 3, OPTIONS, 1);
        List<double[]> centres = new ArrayList<>();
        int[] iterations = new int[own.fits().size()];
        for (int f = 0; f < iterations.length; f++) {
            // Another engine numbers its clusters its own way: reversed here.
            KMeansResult model = own.fits().get(f).model();
            double[] reversed = new double[model.centroids().length];
            for (int c = 0; c < model.k(); c++) {
                System.arraycopy(model.centroids(), c * 3, reversed, (model.k() - 1 - c) * 3, 3);
            }
            centres.add(reversed);
            iterations[f] = model.iterations();
        }

        SweepResult rebuilt = KSweep.fromCentres(BLOBS.data(), BLOBS.n(), 3, OPTIONS, 1, centres, iterations,
                fraction -> {
                }, () -> false);

        assertThat(rebuilt.chosenK()).isEqualTo(own.chosenK()).isEqualTo(4);
        assertThat(rebuilt.reason()).isEqualTo(own.reason());
        for (int f = 0; f < iterations.length; f++) {
            KFit mine = own.fits().get(f);
            KFit theirs = rebuilt.fits().get(f);
            assertThat(theirs.model().labels()).containsExactly(mine.model().labels());
            assertThat(theirs.model().centroids()).containsExactly(mine.model().centroids());
            assertThat(theirs.inertia()).isCloseTo(mine.inertia(), within(1e-9 * mine.inertia()));
            assertThat(theirs.calinskiHarabasz()).isEqualTo(mine.calinskiHarabasz());
            assertThat(theirs.daviesBouldin()).isEqualTo(mine.daviesBouldin());
            assertThat(theirs.silhouetteMean()).isEqualTo(mine.silhouetteMean());
            assertThat(theirs.model().iterations()).isEqualTo(mine.model().iterations());
        }
        assertThat(rebuilt.stability()).isNaN();
    }

    @Test
    void aCentreNoRowIsNearestTakesTheFarthestRow() {
        double[] data = { 0, 0, 1, 0, 0, 1, 10, 10, 11, 10, 10, 11 };
        // The third centre is far from every row: it ends up on the row farthest from its own centre.
        double[] centres = { 0.3, 0.3, 10.3, 10.3, 100, 100 };
        SweepOptions three = SweepOptions.defaults().withRange(3, 3).withStabilityFits(0);

        SweepResult sweep = KSweep.fromCentres(data, 6, 2, three, 1, List.of(centres), new int[] { 5 }, fraction -> {
        }, () -> false);

        KMeansResult model = sweep.chosen().model();
        assertThat(model.sizes()).containsExactly(3, 2, 1);
        assertThat(model.converged()).isTrue();
    }

    @Test
    void refusesCentresThatDoNotFitTheSweep() {
        assertThatThrownBy(() -> KSweep.fromCentres(BLOBS.data(), BLOBS.n(), 3, OPTIONS, 1, List.of(new double[6]),
                new int[] { 1 }, fraction -> {
                }, () -> false)).isInstanceOf(InvalidClusteringInputException.class)
            .hasMessageContaining("each of the 5 k of 2..6");
        assertThatThrownBy(() -> KSweep.fromCentres(BLOBS.data(), BLOBS.n(), 3, OPTIONS.withStabilityFits(3), 1,
                List.of(), new int[0], fraction -> {
                }, () -> false)).isInstanceOf(InvalidClusteringInputException.class)
            .hasMessageContaining("stabilityFits");
        SweepOptions two = SweepOptions.defaults().withRange(2, 2).withStabilityFits(0);
        assertThatThrownBy(() -> KSweep.fromCentres(BLOBS.data(), BLOBS.n(), 3, two, 1,
                List.of(new double[] { 0, 0, 0, Double.NaN, 0, 0 }), new int[] { 1 }, fraction -> {
                }, () -> false)).isInstanceOf(InvalidClusteringInputException.class)
            .hasMessageContaining("NaN");
        assertThatThrownBy(() -> KSweep.fromCentres(BLOBS.data(), BLOBS.n(), 3, two, 1, List.of(new double[5]),
                new int[] { 1 }, fraction -> {
                }, () -> false)).isInstanceOf(InvalidClusteringInputException.class)
            .hasMessageContaining("needs 6 centre coordinates");
    }

}
