package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.customersegments.clustering.InvalidClusteringInputException.Reason;

class ValidationTest {

    private static final double[] SIX_POINTS = { 0, 0, 1, 1, 2, 2, 10, 10, 11, 11, 12, 12 };

    @Test
    void rejectsFewerThanTwoClusters() {
        assertThatThrownBy(() -> KMeansOptions.of(1)).isInstanceOf(InvalidClusteringInputException.class)
            .hasMessageContaining("k must be at least 2 but was 1")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.K_TOO_SMALL));
        assertThatThrownBy(() -> SweepOptions.defaults().withRange(1, 5))
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.K_TOO_SMALL));
    }

    @Test
    void rejectsMoreClustersThanRows() {
        assertThatThrownBy(() -> KMeans.fit(SIX_POINTS, 6, 2, KMeansOptions.of(7), 1))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("k = 7 exceeds the number of rows (6)")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.K_EXCEEDS_ROWS));
        assertThatThrownBy(() -> KSweep.run(SIX_POINTS, 6, 2, SweepOptions.defaults(), 1))
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.K_EXCEEDS_ROWS));
    }

    @Test
    void rejectsRowsWithoutFeatures() {
        assertThatThrownBy(() -> KMeans.fit(new double[0], 6, 0, KMeansOptions.of(2), 1))
            .hasMessageContaining("d must be at least 1 but was 0")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.NO_FEATURES));
    }

    @Test
    void rejectsAnArrayThatIsNotNTimesD() {
        assertThatThrownBy(() -> KMeans.fit(SIX_POINTS, 5, 2, KMeansOptions.of(2), 1))
            .hasMessageContaining("data has 12 values but n × d = 5 × 2 = 10")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.SHAPE_MISMATCH));
        assertThatThrownBy(() -> KMeans.fit(SIX_POINTS, 0, 2, KMeansOptions.of(2), 1))
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.SHAPE_MISMATCH));
        assertThatThrownBy(() -> KMeans.fit(null, 6, 2, KMeansOptions.of(2), 1))
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.SHAPE_MISMATCH));
    }

    @Test
    void namesTheRowAndColumnOfANaN() {
        double[] data = SIX_POINTS.clone();
        data[7] = Double.NaN;
        assertThatThrownBy(() -> KMeans.fit(data, 6, 2, KMeansOptions.of(2), 1))
            .isInstanceOfSatisfying(NonFiniteValueException.class, ex -> {
                assertThat(ex.row()).isEqualTo(3);
                assertThat(ex.column()).isEqualTo(1);
                assertThat(ex.reason()).isEqualTo(Reason.NON_FINITE_VALUE);
            })
            .hasMessageContaining("row 3, column 1 is NaN");
    }

    @Test
    void namesTheRowAndColumnOfAnInfinity() {
        double[] data = SIX_POINTS.clone();
        data[10] = Double.NEGATIVE_INFINITY;
        assertThatThrownBy(() -> KSweep.run(data, 6, 2, SweepOptions.defaults().withRange(2, 3), 1))
            .isInstanceOfSatisfying(NonFiniteValueException.class, ex -> {
                assertThat(ex.row()).isEqualTo(5);
                assertThat(ex.column()).isEqualTo(0);
            })
            .hasMessageContaining("row 5, column 0 is -Infinity");
    }

    @Test
    void rejectsFewerDistinctPointsThanClusters() {
        double[] data = { 1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2 };
        assertThatThrownBy(() -> KMeans.fit(data, 6, 2, KMeansOptions.of(3), 1))
            .hasMessageContaining("only 2 distinct points, fewer than k = 3")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.TOO_FEW_DISTINCT_POINTS));
        assertThat(KMeans.fit(data, 6, 2, KMeansOptions.of(2), 1).sizes()).containsExactly(3, 3);
    }

    @Test
    void rejectsOptionsOutOfRange() {
        KMeansOptions options = KMeansOptions.of(2);
        assertThatThrownBy(() -> options.withRestarts(0)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> options.withMaxIterations(0)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> options.withTolerance(-1)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> options.withTolerance(Double.NaN)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> options.withThreads(0)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> SweepOptions.defaults().withRange(5, 4)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> SweepOptions.defaults().withStabilityFits(-1)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
        assertThatThrownBy(() -> SilhouetteOptions.defaults().withSampleSize(1)).satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_OPTION));
    }

    @Test
    void rejectsLabelsTheSilhouetteCannotUse() {
        SilhouetteOptions options = SilhouetteOptions.defaults();
        assertThatThrownBy(() -> Silhouette.of(SIX_POINTS, 6, 2, new int[] { 0, 0, 0, 0, 0, 0 }, 2, options, 1))
            .hasMessageContaining("at least two non-empty clusters")
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_LABELS));
        assertThatThrownBy(() -> Silhouette.of(SIX_POINTS, 6, 2, new int[] { 0, 0, 0, 1, 1, 2 }, 2, options, 1))
            .hasMessageContaining("row 5 has label 2, outside [0, 2)");
        assertThatThrownBy(() -> Silhouette.of(SIX_POINTS, 6, 2, new int[] { 0, 1 }, 2, options, 1))
            .satisfies(ex -> assertThat(reason(ex)).isEqualTo(Reason.INVALID_LABELS));
    }

    @Test
    void rejectsCentroidsOfTheWrongShape() {
        assertThatThrownBy(() -> Assignments.nearest(SIX_POINTS, 6, 2, new double[] { 0, 0, 1 }, 2))
            .hasMessageContaining("centroids must hold k × d = 2 × 2 values but held 3");
    }

    private static Reason reason(Throwable ex) {
        return ((InvalidClusteringInputException) ex).reason();
    }

}
