package io.customersegments.run;

import java.util.function.BooleanSupplier;

import io.customersegments.clustering.Assignments;
import io.customersegments.clustering.MixtureAssignments;
import io.customersegments.clustering.MixtureFit;
import io.customersegments.clustering.MixtureOptions;
import io.customersegments.preparation.PreparedData;

/**
 * Assigns prepared customers with a finished run's model, without retraining: the nearest centre of a k-means run,
 * the most probable component of a mixture.
 */
final class ModelScoring {

    private ModelScoring() {
    }

    /** @param mixture for a mixture model, the probabilities too; else null */
    record Scored(int[] labels, double[] distances, double[] secondDistances, MixtureRuns.Fitted mixture) {
    }

    static Scored assign(RunModel model, PreparedData data, BooleanSupplier cancelled) {
        int n = data.n();
        MixtureFit mixture = model.mixtureFit();
        if (mixture != null) {
            MixtureAssignments probable = mixture.assign(data.scaled(), n, MixtureOptions.defaults().threads(),
                    cancelled);
            return new Scored(probable.labels(), probable.distances(), probable.secondDistances(),
                    new MixtureRuns.Fitted(model.k(), model.centroids(), probable.labels(), probable.distances(),
                            probable.secondDistances(), probable.probabilities(), probable.runnersUp(),
                            probable.runnerUpProbabilities(), new double[0], 0, model.mixture()));
        }
        Assignments nearest = Assignments.nearest(data.scaled(), n, data.dimensions(), model.centroids(), model.k());
        return new Scored(nearest.labels(), nearest.distances(), nearest.secondDistances(), null);
    }

}
