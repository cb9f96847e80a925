package io.customersegments.run;

import java.util.Locale;

import io.customersegments.run.RunRequest.Method;

/**
 * A finished run in a few plain sentences for a marketer: how many segments of how many customers, how
 * clearly they are separated and how stable they are, each in words with its number in brackets.
 */
final class RunSummary {

    private RunSummary() {
    }

    static String of(Run run) {
        if (run.getStatus() != RunStatus.SUCCEEDED || run.getModel() == null) {
            return null;
        }
        Method method = run.getParams().method();
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d %ssegments of %,d customers.",
                run.getModel().k(), method == Method.RFM ? "RFM " : method == Method.GAUSSIAN_MIXTURE ? "soft " : "",
                run.getRowsUsed()));
        if (method == Method.RFM) {
            return text.append(" Each customer is scored 1 to 5 on recency, frequency and spend against the others; "
                    + "the segments are the cells of the recency × frequency grid.").toString();
        }
        if (method == Method.GAUSSIAN_MIXTURE) {
            text.append(" Each customer belongs to its segment with a probability; customers between segments have "
                    + "lower ones.");
        }
        SelectionReport selection = run.getSelection();
        if (selection == null) {
            return text.toString();
        }
        double separation = selection.chosenSilhouette();
        text.append(String.format(Locale.ROOT, " Separation is %s (silhouette %.2f, from -1 to 1): %s.",
                separation >= 0.7 ? "strong" : separation >= 0.5 ? "clear" : separation >= RunWarnings.WEAK_SEPARATION
                        ? "weak" : "hardly there",
                separation,
                separation >= 0.7 ? "customers sit well inside their own segment"
                        : separation >= 0.5 ? "most customers are much closer to their own segment than to the next"
                        : separation >= RunWarnings.WEAK_SEPARATION ? "many customers sit between two segments"
                        : "the segments are cuts through a continuum of customers, not distinct groups"));
        if (SparkRuns.name(true).equals(selection.engine())) {
            text.append(String.format(Locale.ROOT, " The k-means fits ran on Apache Spark (%d executor%s); stability is "
                    + "not measured there.", selection.executors(), selection.executors() == 1 ? "" : "s"));
        }
        if (selection.stability() == null) {
            return text.toString();
        }
        double stability = selection.stability();
        text.append(String.format(Locale.ROOT, " Stability is %s (%.2f, from 0 to 1): running it again from other "
                + "random starts gives %s.", stability >= 0.9 ? "high" : stability >= 0.75 ? "moderate" : "low", stability,
                stability >= 0.9 ? "the same segments" : stability >= 0.75 ? "mostly the same segments"
                        : "noticeably different segments, so treat the boundaries as soft"));
        return text.toString();
    }

}
