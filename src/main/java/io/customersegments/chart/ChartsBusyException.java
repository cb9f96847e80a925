package io.customersegments.chart;

import io.customersegments.web.ProblemException;

/** Every renderer is busy and the queue behind them is full. */
class ChartsBusyException extends ProblemException {

    ChartsBusyException() {
        super(503, "charts-busy", "Too many charts are being drawn",
                "Every chart renderer is busy and the queue is full (settings segmentation.charts.concurrent-renders "
                        + "and queued-renders). Try again in a few seconds.");
        retryAfter(5);
    }

}
