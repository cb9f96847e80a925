package io.customersegments.run;

import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Scaling;

/**
 * What an analyst asks for; everything but the dataset and the features has a default that gives
 * the classic notebook result.
 *
 * @param datasetId the dataset to segment; for RFM also a TRANSACTIONS dataset, whose derived customers are segmented
 * @param method KMEANS (default): clusters the features; GAUSSIAN_MIXTURE: soft segments, a Gaussian mixture with
 *        full covariances started from k-means, k chosen by BIC, each customer's membership probability kept
 *        (also accepted as {@code algorithm}); RFM: scores recency, frequency and monetary value 1..5 by quintiles
 *        and names the ten segments of the recency × frequency grid
 * @param features numeric columns to cluster on, by header name or key; for RFM recency, frequency and monetary
 *        value in that order (default recency_days, frequency, monetary of a dataset derived from order lines)
 * @param k a fixed number of segments; leave out to choose k in kMin..kMax
 * @param kMin smallest k tried (default 2)
 * @param kMax largest k tried (default 10)
 * @param selection how k is chosen: SILHOUETTE (default for KMEANS) or ELBOW; BIC (default, and only, for
 *        GAUSSIAN_MIXTURE)
 * @param scaling STANDARD (default), MINMAX or NONE
 * @param logTransform features to take sign(x) · log(1 + |x|) of before scaling (skewed amounts, also net amounts below zero)
 * @param missing rows with a missing feature: DROP (default) or fill with the MEDIAN
 * @param outliers values beyond 1.5 IQR: KEEP (default), CLIP to the fence, or DROP the row
 * @param restarts k-means++ starts per k, best kept (default 10)
 * @param seed random seed (default 42); the same seed and data give the same segments
 * @param derived features computed from the columns, e.g. {@code {"name": "Age", "expression": "2014 - Year_Birth"}},
 *        usable in {@code features} by name; later ones may use earlier ones
 * @param weights per feature (as named in {@code features}), how many standardised features it counts as (default 1;
 *        each categorical feature's one-hot columns together count as one)
 * @param screeningSample with more than twice this many customers, each k's restarts are first run on a uniform
 *        sample of this many and only the best is run on everyone (default 100,000); 0 runs every restart on every
 *        customer, as scikit-learn does (slower, like for like). The report says when it applied (screenedOn)
 * @param rareCategoryShare categories of a categorical feature with a smaller share of the customers fold into
 *        "Other" (default 0.01)
 * @param engine where k-means runs: LOCAL (in this service), SPARK (a Spark application on the configured master:
 *        numeric dataset columns, no derived or categorical features, outliers KEEP or CLIP), or AUTO (default: SPARK
 *        when a master is configured, the run can go there and the dataset has more rows than
 *        segmentation.spark.min-rows, else LOCAL); the run report says which ran
 */
// The schema keeps the name clients generated from before the rename.
@Schema(name = "SegmentationRequest")
public record RunRequest(@NotNull Long datasetId, List<@NotNull String> features, @Min(2) Integer k,
        @Min(2) Integer kMin, @Min(2) Integer kMax, Selection selection, Scaling scaling, List<String> logTransform,
        MissingPolicy missing, OutlierPolicy outliers, @Min(1) @Max(100) Integer restarts, Long seed, Method method,
        @Size(max = 50) List<@Valid @NotNull DerivedFeature> derived,
        Map<String, @NotNull @Positive(message = "must be a number above 0") @Max(value = 100,
                message = "must be a number of at most 100") Double> weights,
        @DecimalMin("0") @DecimalMax("0.5") Double rareCategoryShare, @Min(0) Integer screeningSample,
        Engine engine,
        @Schema(deprecated = true, description = "The former name of `method`: give one of the two") Method algorithm) {

    /** The method asked for, by its name or by its former one ({@code algorithm}); null when neither was given. */
    Method methodAsked() {
        return method != null ? method : algorithm;
    }

    public enum Selection {
        SILHOUETTE, ELBOW, BIC
    }

    public enum Engine {
        LOCAL, SPARK, AUTO
    }

    public enum Method {
        KMEANS, GAUSSIAN_MIXTURE, RFM
    }

}
