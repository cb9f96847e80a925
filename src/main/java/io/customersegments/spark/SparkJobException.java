package io.customersegments.spark;

/** A Spark job that could not be started or did not finish; the message says why, for the run's error. */
public class SparkJobException extends RuntimeException {

    public SparkJobException(String message) {
        super(message);
    }

    public SparkJobException(String message, Throwable cause) {
        super(message, cause);
    }

}
