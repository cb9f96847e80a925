package io.customersegments.run;

import java.util.ArrayList;
import java.util.List;

import io.customersegments.preparation.PreparedData;
import io.customersegments.profile.SegmentDescriber.FixedSegment;
import io.customersegments.rfm.RfmScores;
import io.customersegments.rfm.RfmSegment;
import io.customersegments.run.RunModel.RfmModel;

/**
 * The RFM method of a run: scores the prepared rows (recency, frequency, monetary value, in that order),
 * places each in its grid segment, and gives each non-empty segment a centre in the run's scaled space,
 * so that charts, distances and key matching work as for a clustering.
 */
final class RfmRuns {

    /** Quintiles need at least five customers. */
    static final int MIN_CUSTOMERS = 5;

    private RfmRuns() {
    }

    /**
     * @param labels each row's segment ordinal (the non-empty segments in grid order)
     * @param codes each row's scores as one number, 100 R + 10 F + M
     */
    record Scored(List<FixedSegment> segments, int[] labels, double[] centroids, double[] distances,
            double[] secondDistances, short[] codes, RfmModel model) {
    }

    static Scored score(PreparedData data) {
        int n = data.n();
        int d = data.d();
        double[][] columns = new double[3][n];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                columns[c][i] = data.original()[i * d + c];
            }
        }
        RfmScores scores = RfmScores.score(columns[0], columns[1], columns[2]);
        RfmSegment[] grid = RfmSegment.values();
        int[] ordinalOf = new int[grid.length];
        boolean[] present = new boolean[grid.length];
        for (int i = 0; i < n; i++) {
            present[scores.segment(i).ordinal()] = true;
        }
        List<FixedSegment> segments = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (RfmSegment segment : grid) {
            if (present[segment.ordinal()]) {
                ordinalOf[segment.ordinal()] = segments.size();
                segments.add(new FixedSegment(segment.key(), segment.title(), segment.description()));
                keys.add(segment.key());
            }
        }
        int k = segments.size();
        int[] labels = new int[n];
        short[] codes = new short[n];
        double[] centroids = new double[k * d];
        int[] sizes = new int[k];
        for (int i = 0; i < n; i++) {
            labels[i] = ordinalOf[scores.segment(i).ordinal()];
            codes[i] = RfmScore.code(scores.r()[i], scores.f()[i], scores.m()[i]);
            sizes[labels[i]]++;
            for (int j = 0; j < d; j++) {
                centroids[labels[i] * d + j] += data.scaled()[i * d + j];
            }
        }
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                centroids[c * d + j] /= sizes[c];
            }
        }
        double[] distances = new double[n];
        double[] secondDistances = new double[n];
        for (int i = 0; i < n; i++) {
            double own = 0;
            double second = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double squares = 0;
                for (int j = 0; j < d; j++) {
                    double delta = data.scaled()[i * d + j] - centroids[c * d + j];
                    squares += delta * delta;
                }
                if (c == labels[i]) {
                    own = Math.sqrt(squares);
                }
                else {
                    second = Math.min(second, Math.sqrt(squares));
                }
            }
            distances[i] = own;
            secondDistances[i] = k == 1 ? own : second;
        }
        return new Scored(segments, labels, centroids, distances, secondDistances, codes,
                new RfmModel(scores.recencyEdges(), scores.frequencyEdges(), scores.monetaryEdges(), keys,
                        scores.frequencySplit()));
    }

}
