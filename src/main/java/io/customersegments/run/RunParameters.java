package io.customersegments.run;

import java.util.List;
import java.util.Map;

import io.customersegments.clustering.SweepOptions;
import io.customersegments.dataset.DatasetColumn;
import io.customersegments.dataset.Datasets;
import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Preparation;
import io.customersegments.preparation.Scaling;
import io.customersegments.run.RunRequest.Engine;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.run.RunRequest.Selection;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A run's parameters with every default filled in, as stored with the run. The API shows an RFM run's kMin, kMax,
 * selection, scaling, restarts, rareCategoryShare and screeningSample as null: quintiles use none of them.
 *
 * @param kMin the smallest k tried (null for an RFM run)
 * @param kMax the largest k tried, kMin for a fixed k (null for an RFM run)
 * @param restarts k-means++ starts per k (null for an RFM run)
 * @param features the features as the request named them
 * @param featureKeys the same features' keys in the dataset's catalogue
 * @param logTransform the features (as named in {@code features}) that are log-transformed
 * @param method KMEANS or RFM (runs stored before there was a choice are KMEANS)
 * @param derived the derived features defined for the run (none for runs stored before there were)
 * @param weights per feature as named, how many standardised features it counts as (absent: 1)
 * @param rareCategoryShare categories rarer than this share fold into "Other"
 * @param screeningSample each k's restarts are screened on a sample of this many rows when there are more than twice
 *        as many; 0 never (null for runs stored before it could be chosen: the default)
 * @param scoredFrom for a scoring run (POST /api/segmentations/{id}/score), the finished run whose model assigns the
 *        dataset's customers without retraining; null for a run that trains its own
 * @param engine the engine asked for (runs stored before there was a choice: AUTO); which one ran is in the run's
 *        selection report
 */
public record RunParameters(long datasetId, List<String> features, List<String> featureKeys,
        @Schema(types = { "integer", "null" }, format = "int32") int kMin,
        @Schema(types = { "integer", "null" }, format = "int32") int kMax, Selection selection, Scaling scaling,
        List<String> logTransform, MissingPolicy missing, OutlierPolicy outliers,
        @Schema(types = { "integer", "null" }, format = "int32") int restarts, long seed, Method method, List<DerivedFeature> derived, Map<String, Double> weights,
        Double rareCategoryShare, Integer screeningSample, Long scoredFrom, Engine engine) {

    public RunParameters {
        method = method != null ? method : Method.KMEANS;
        derived = derived != null ? List.copyOf(derived) : List.of();
        weights = weights != null ? Map.copyOf(weights) : Map.of();
        rareCategoryShare = rareCategoryShare != null ? rareCategoryShare : Preparation.DEFAULT_RARE_CATEGORY_SHARE;
        screeningSample = screeningSample != null ? screeningSample : SweepOptions.DEFAULT_SCREENING_SAMPLE;
        engine = engine != null ? engine : Engine.AUTO;
    }

    static final int DEFAULT_K_MIN = 2;

    static final int DEFAULT_K_MAX = 10;

    static final int DEFAULT_RESTARTS = 10;

    static final long DEFAULT_SEED = 42;

    /** How the numeric features are prepared: the policies and transforms, without the clustering options. */
    Preparation preparation(RunFeatures resolved) {
        return new Preparation(resolved.numericNames(), resolved.numeric().stream().map(DatasetColumn::key).toList(),
                logTransform, scaling, missing, outliers, resolved.categoricalNames(),
                resolved.categorical().stream().map(DatasetColumn::key).toList(), weights, rareCategoryShare);
    }

    /** The features resolved against the dataset, derived ones compiled. */
    RunFeatures resolve(Datasets datasets) {
        return RunFeatures.resolve(datasets, datasetId, features, derived);
    }

    /** The parameters of a run that scores {@code datasetId} with the model of the run these are from. */
    RunParameters scoring(long scoredDatasetId, long modelRunId) {
        return new RunParameters(scoredDatasetId, features, featureKeys, kMin, kMax, selection, scaling, logTransform,
                missing, outliers, restarts, seed, method, derived, weights, rareCategoryShare, screeningSample,
                modelRunId, Engine.LOCAL);
    }

    /** The same run's parameters on another dataset (a new version of its table), training its own model. */
    RunParameters retraining(long otherDatasetId) {
        return new RunParameters(otherDatasetId, features, featureKeys, kMin, kMax, selection, scaling, logTransform,
                missing, outliers, restarts, seed, method, derived, weights, rareCategoryShare, screeningSample, null,
                engine);
    }

    boolean fixedK() {
        return kMin == kMax;
    }

}
