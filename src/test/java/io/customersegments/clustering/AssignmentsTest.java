package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class AssignmentsTest {

    @Test
    void givesTheNearestCentroidAndTheEuclideanDistancesToItAndToTheRunnerUp() {
        double[] centroids = { 0, 0, 10, 0, 0, 10 };
        double[] rows = { 1, 1, 9, 0, 3, 4, 5, 5 };
        Assignments assignments = Assignments.nearest(rows, 4, 2, centroids, 3);

        assertThat(assignments.size()).isEqualTo(4);
        assertThat(assignments.labels()).containsExactly(0, 1, 0, 0); // (5, 5) is equally far from all three: the lowest index wins
        assertThat(assignments.distances()).containsExactly(new double[] { Math.sqrt(2), 1, 5, Math.sqrt(50) },
                within(1e-12));
        assertThat(assignments.secondDistances()).containsExactly(
                new double[] { Math.sqrt(82), 9, Math.sqrt(9 + 36), Math.sqrt(50) }, within(1e-12));
    }

    @Test
    void scoresNewRowsAgainstAFittedModel() {
        GeneratedBlobs blobs = GeneratedBlobs.wellSeparated(3);
        KMeansResult fit = KMeans.fit(blobs.data(), blobs.n(), 3, KMeansOptions.of(4), 3);
        GeneratedBlobs fresh = GeneratedBlobs.wellSeparated(4);
        Assignments assignments = fit.assign(fresh.data(), fresh.n());

        assertThat(AdjustedRandIndex.between(assignments.labels(), fresh.truth())).isEqualTo(1.0);
        for (int i = 0; i < fresh.n(); i++) {
            assertThat(assignments.secondDistances()[i]).isGreaterThan(assignments.distances()[i]);
            assertThat(assignments.distances()[i]).isCloseTo(
                    Math.sqrt(PointSet.squaredDistance(fresh.data(), i * 3, fit.centroids(), assignments.labels()[i] * 3, 3)),
                    within(1e-12));
        }
    }

    @Test
    void aSingleCentroidHasNoRunnerUp() {
        Assignments assignments = Assignments.nearest(new double[] { 3, 4 }, 1, 2, new double[] { 0, 0 }, 1);
        assertThat(assignments.distances()).containsExactly(5.0);
        assertThat(assignments.secondDistances()).containsExactly(Double.POSITIVE_INFINITY);
    }

}
