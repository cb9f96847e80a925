package io.customersegments.spark;

/** The run was cancelled (or the service is stopping) while its Spark job ran; the driver has been killed. */
public class SparkJobCancelledException extends RuntimeException {

    public SparkJobCancelledException() {
        super("The Spark job was stopped: its run was cancelled or the service is stopping");
    }

}
