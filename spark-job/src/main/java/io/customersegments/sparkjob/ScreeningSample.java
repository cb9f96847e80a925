package io.customersegments.sparkjob;

import java.io.Serializable;
import java.util.SplittableRandom;

import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.DenseVector;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.storage.StorageLevel;

/**
 * The customers each k's starts are screened on: every customer whose row number draws below {@code fraction}, a draw
 * made from the row number and the run's seed alone. So the sample is the same whatever reads the customers (rows or
 * the columnar copy), in however many partitions and in whatever order; and it is put into {@value #PARTITIONS}
 * partitions by row number, each in row order, because MLlib's k-means|| draws its candidates partition by partition.
 * The starts, and so the run's segments, then do not depend on the cluster's size.
 *
 * <p>A customer in the sample is read as a {@link Candidate}, a vector MLlib takes as any other that carries its row
 * number: the whole table stays cached once, as vectors, and the sample is a filter of it.
 */
final class ScreeningSample implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Partitions of the sample: fixed, so that its fits are the same on every cluster (100,000 rows by default). */
    static final int PARTITIONS = 4;

    /** No customer is a candidate: the starts run on everyone. */
    static final ScreeningSample NONE = new ScreeningSample(0, 0, 0);

    private final int size;

    private final double fraction;

    private final long salt;

    private ScreeningSample(int size, double fraction, long salt) {
        this.size = size;
        this.fraction = fraction;
        this.salt = salt;
    }

    /**
     * The job's sample: about {@code screeningSample} of the dataset's rows (fewer when rows are left out), when the
     * starts may be screened on it (more than one start per k, more than twice that many rows); else {@link #NONE}.
     */
    static ScreeningSample of(JobSpec spec) {
        int size = spec.screeningSample();
        if (size <= 0 || spec.restarts() < 2 || spec.rows() <= 2L * size) {
            return NONE;
        }
        return new ScreeningSample(size, (double) size / spec.rows(), new SplittableRandom(spec.seed()).nextLong());
    }

    /**
     * Whether the starts run on the sample: when more than twice its size of customers are left after the missing
     * values, as the local engine screens.
     */
    boolean screens(long customers) {
        return this.fraction > 0 && customers > 2L * this.size;
    }

    /** A customer's prepared vector: a {@link Candidate} when its row number is drawn for the sample. */
    Vector vector(long rowNo, double[] values) {
        // SplittableRandom's first draw is a 64-bit mix of its seed: uniform, and independent from row to row.
        boolean drawn = this.fraction > 0 && new SplittableRandom(this.salt ^ rowNo).nextDouble() < this.fraction;
        return drawn ? new Candidate(values, rowNo) : new DenseVector(values);
    }

    /** The sample's customers out of the cached {@code vectors}, in {@link #PARTITIONS} partitions by row number. */
    static JavaRDD<Vector> drawnFrom(JavaRDD<Vector> vectors) {
        return vectors.filter(vector -> vector instanceof Candidate)
            .keyBy(vector -> ((Candidate) vector).rowNo)
            .repartitionAndSortWithinPartitions(new HashPartitioner(PARTITIONS))
            .values()
            .persist(StorageLevel.MEMORY_ONLY());
    }

    /** A customer drawn for the sample: its vector, and the row number that orders it. */
    static final class Candidate extends DenseVector {

        private static final long serialVersionUID = 1L;

        final long rowNo;

        Candidate(double[] values, long rowNo) {
            super(values);
            this.rowNo = rowNo;
        }

    }

}
