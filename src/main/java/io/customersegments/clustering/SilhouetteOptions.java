package io.customersegments.clustering;

/**
 * How to compute the silhouette.
 *
 * @param exactLimit up to this many rows the silhouette is exact over all rows (default 20,000)
 * @param sampleSize above {@code exactLimit}, the silhouette is computed exactly on a sample of this many
 *     rows, stratified by cluster (default 10,000)
 * @param threads threads for the row blocks (default: available processors); results do not depend on it
 */
public record SilhouetteOptions(int exactLimit, int sampleSize, int threads) {

    public static final int DEFAULT_EXACT_LIMIT = 20_000;

    public static final int DEFAULT_SAMPLE_SIZE = 10_000;

    public SilhouetteOptions {
        if (exactLimit < 2) {
            throw InvalidClusteringInputException.option("exactLimit must be at least 2 but was " + exactLimit);
        }
        if (sampleSize < 2) {
            throw InvalidClusteringInputException.option("sampleSize must be at least 2 but was " + sampleSize);
        }
        if (threads < 1) {
            throw InvalidClusteringInputException.option("threads must be at least 1 but was " + threads);
        }
    }

    /** Exact up to 20,000 rows, else a stratified sample of 10,000, on all processors. */
    public static SilhouetteOptions defaults() {
        return new SilhouetteOptions(DEFAULT_EXACT_LIMIT, DEFAULT_SAMPLE_SIZE, Workers.defaultThreads());
    }

    public SilhouetteOptions withExactLimit(int exactLimit) {
        return new SilhouetteOptions(exactLimit, this.sampleSize, this.threads);
    }

    public SilhouetteOptions withSampleSize(int sampleSize) {
        return new SilhouetteOptions(this.exactLimit, sampleSize, this.threads);
    }

    public SilhouetteOptions withThreads(int threads) {
        return new SilhouetteOptions(this.exactLimit, this.sampleSize, threads);
    }

}
