package io.customersegments.clustering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class KSweepTest {

    private static final GeneratedBlobs BLOBS = GeneratedBlobs.wellSeparated(5);

    private static final SweepOptions QUICK = SweepOptions.defaults().withRange(2, 6).withRestarts(3);

    @Test
    void measuresEveryKAndChoosesTheGeneratingOne() {
        SweepResult sweep = KSweep.run(BLOBS.data(), BLOBS.n(), 3, QUICK, 1);

        assertThat(sweep.fits()).extracting(KFit::k).containsExactly(2, 3, 4, 5, 6);
        for (KFit fit : sweep.fits()) {
            assertThat(fit.model().k()).isEqualTo(fit.k());
            assertThat(fit.model().labels()).hasSize(BLOBS.n());
            assertThat(fit.inertia()).isPositive();
            assertThat(fit.calinskiHarabasz()).isPositive();
            assertThat(fit.daviesBouldin()).isPositive();
            assertThat(fit.silhouette().exact()).isTrue();
        }
        assertThat(sweep.fits()).extracting(KFit::inertia).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(sweep.silhouetteK()).isEqualTo(4);
        assertThat(sweep.elbow().k()).hasValue(4);
        assertThat(sweep.elbow().difference()).hasSize(5);
        assertThat(sweep.chosenK()).isEqualTo(4);
        assertThat(sweep.criterion()).isEqualTo(KCriterion.SILHOUETTE);
        assertThat(AdjustedRandIndex.between(sweep.chosen().model().labels(), BLOBS.truth())).isEqualTo(1.0);
        assertThat(sweep.stability()).isEqualTo(1.0);
        assertThat(sweep.stabilityScores()).containsExactly(1.0, 1.0, 1.0);
    }

    @Test
    void keepsEachFitSoTheChosenKNeedsNoRefit() {
        SweepResult sweep = KSweep.run(BLOBS.data(), BLOBS.n(), 3, QUICK, 77);
        KMeansResult refit = KMeans.fit(BLOBS.data(), BLOBS.n(), 3, QUICK.kMeans(5), 77);

        assertThat(sweep.fit(5).model().labels()).containsExactly(refit.labels());
        assertThat(sweep.fit(5).model().centroids()).containsExactly(refit.centroids());
    }

    @Test
    void reportsProgressThatRisesToOne() {
        List<Double> progress = new ArrayList<>();
        KSweep.run(BLOBS.data(), BLOBS.n(), 3, QUICK, 1, progress::add, () -> false);

        assertThat(progress).isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(1.0);
        assertThat(progress).filteredOn(fraction -> fraction > 0 && fraction < 1).hasSizeGreaterThan(10);
        assertThat(progress).allMatch(fraction -> fraction >= 0 && fraction <= 1);
    }

    @Test
    void stopsWhenCancelled() {
        AtomicBoolean cancel = new AtomicBoolean();
        List<Double> progress = new ArrayList<>();
        assertThatThrownBy(() -> KSweep.run(BLOBS.data(), BLOBS.n(), 3, QUICK, 1, fraction -> {
            progress.add(fraction);
            cancel.set(fraction > 0.3);
        }, cancel::get)).isInstanceOf(ClusteringCancelledException.class);

        assertThat(progress.get(progress.size() - 1)).isGreaterThan(0.3).isLessThan(0.6);
    }

    @Test
    void choosesByElbowWhenAskedAndSaysWhenThereIsNone() {
        SweepResult byElbow = KSweep.run(BLOBS.data(), BLOBS.n(), 3, QUICK.withCriterion(KCriterion.ELBOW), 1);
        assertThat(byElbow.chosenK()).isEqualTo(4);
        assertThat(byElbow.reason())
            .isEqualTo("k = 4 is the elbow (Kneedle) of the inertia curve over k = 2..6; the silhouette peaks there too (%s).",
                    String.format(java.util.Locale.ROOT, "%.3f", byElbow.fit(4).silhouetteMean()));

        SweepResult tooShort = KSweep.run(BLOBS.data(), BLOBS.n(), 3,
                QUICK.withRange(3, 4).withCriterion(KCriterion.ELBOW).withStabilityFits(1), 1);
        assertThat(tooShort.elbow().k()).isEmpty();
        assertThat(tooShort.chosenK()).isEqualTo(4);
        assertThat(tooShort.reason()).startsWith("The inertia curve over k = 3..4 shows no elbow, so k = 4 was chosen by its highest mean silhouette");
        assertThat(tooShort.stabilityScores()).hasSize(1);
    }

    @Test
    void samplesTheSilhouetteAboveTheExactLimit() {
        SweepOptions sampled = QUICK.withRange(3, 5)
            .withSilhouette(SilhouetteOptions.defaults().withExactLimit(500).withSampleSize(400))
            .withStabilityFits(0);
        SweepResult sweep = KSweep.run(BLOBS.data(), BLOBS.n(), 3, sampled, 1);
        for (KFit fit : sweep.fits()) {
            assertThat(fit.silhouette().exact()).isFalse();
            assertThat(fit.silhouette().sampleSize()).isEqualTo(400);
        }
        assertThat(sweep.chosenK()).isEqualTo(4);
    }

    @Test
    void isTheSameOnAnyNumberOfThreads() {
        GeneratedBlobs blobs = GeneratedBlobs.around(new double[] { 0, 0, 2, 0, 0, 2, 2, 2 }, 2, 2500, 1.0, 3);
        SweepOptions options = QUICK.withRange(3, 5).withStabilityFits(1)
            .withSilhouette(SilhouetteOptions.defaults().withExactLimit(2000).withSampleSize(1500));
        SweepResult one = KSweep.run(blobs.data(), blobs.n(), 2, options.withThreads(1), 4);
        SweepResult two = KSweep.run(blobs.data(), blobs.n(), 2, options.withThreads(2), 4);
        for (int k = 3; k <= 5; k++) {
            assertThat(two.fit(k).model().labels()).containsExactly(one.fit(k).model().labels());
            assertThat(two.fit(k).inertia()).isEqualTo(one.fit(k).inertia());
            assertThat(two.fit(k).silhouetteMean()).isEqualTo(one.fit(k).silhouetteMean());
        }
        assertThat(two.reason()).isEqualTo(one.reason());
        assertThat(two.stability()).isEqualTo(one.stability());
    }

}
