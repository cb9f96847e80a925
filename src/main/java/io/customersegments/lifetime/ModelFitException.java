package io.customersegments.lifetime;

/** A model cannot be fitted to the data: the reason says why, in words for the person who asked. */
public class ModelFitException extends RuntimeException {

    public ModelFitException(String reason) {
        super(reason);
    }

}
