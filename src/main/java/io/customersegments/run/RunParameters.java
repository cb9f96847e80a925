package io.customersegments.run;

import java.util.List;

import io.customersegments.preparation.MissingPolicy;
import io.customersegments.preparation.OutlierPolicy;
import io.customersegments.preparation.Preparation;
import io.customersegments.preparation.Scaling;
import io.customersegments.run.RunRequest.Method;
import io.customersegments.run.RunRequest.Selection;

/**
 * A run's parameters with every default filled in, as stored with the run.
 *
 * @param features the features as the request named them
 * @param featureKeys the same features' keys in the dataset's catalogue
 * @param logTransform the features (as named in {@code features}) that are log-transformed
 * @param method KMEANS or RFM (runs stored before there was a choice are KMEANS)
 */
public record RunParameters(long datasetId, List<String> features, List<String> featureKeys, int kMin, int kMax,
        Selection selection, Scaling scaling, List<String> logTransform, MissingPolicy missing, OutlierPolicy outliers,
        int restarts, long seed, Method method) {

    public RunParameters {
        method = method != null ? method : Method.KMEANS;
    }

    static final int DEFAULT_K_MIN = 2;

    static final int DEFAULT_K_MAX = 10;

    static final int DEFAULT_RESTARTS = 10;

    static final long DEFAULT_SEED = 42;

    /** How the features are prepared: the policies and transforms, without the clustering options. */
    public Preparation preparation() {
        return new Preparation(features, featureKeys, logTransform, scaling, missing, outliers);
    }

    boolean fixedK() {
        return kMin == kMax;
    }

}
