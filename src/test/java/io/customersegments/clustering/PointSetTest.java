package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PointSetTest {

    @Test
    void meanFeatureVarianceIsNumpysMeanOfPopulationVariancesEvenFarFromZero() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 1e6, -3e5, 1e6 + 4, -3e5 + 1 }, 2, 5000, 1.5, 4);
        double expected = 0;
        for (int f = 0; f < 2; f++) {
            double mean = 0;
            for (int i = 0; i < blobs.n(); i++) {
                mean += blobs.data()[i * 2 + f];
            }
            mean /= blobs.n();
            double variance = 0;
            for (int i = 0; i < blobs.n(); i++) {
                variance += Math.pow(blobs.data()[i * 2 + f] - mean, 2);
            }
            expected += variance / blobs.n();
        }
        expected /= 2;
        try (Workers workers = new Workers(2)) {
            assertThat(PointSet.of(blobs.data(), blobs.n(), 2).meanFeatureVariance(workers))
                .isCloseTo(expected, within(1e-9 * expected));
        }
    }

    @Test
    void tilesHoldEveryRowFeatureByFeature() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 0 }, 3, 4500, 1.0, 1);
        try (Workers workers = new Workers(2)) {
            double[][][] tiles = PointSet.of(blobs.data(), blobs.n(), 3).tiles(workers);
            assertThat(tiles.length).isEqualTo((4500 + RowTile.ROWS - 1) / RowTile.ROWS);
            assertThat(tiles[tiles.length - 1][0]).hasSize(4500 % RowTile.ROWS);
            for (int i = 0; i < 4500; i++) {
                for (int f = 0; f < 3; f++) {
                    assertThat(tiles[i / RowTile.ROWS][f][i % RowTile.ROWS]).isEqualTo(blobs.data()[i * 3 + f]);
                }
            }
        }
    }

}
