package io.customersegments.clustering;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/** The caller's cancellation check answered true; the work stopped between two iterations and returned nothing. */
public final class ClusteringCancelledException extends CancellationException {

    private static final long serialVersionUID = 1L;

    public ClusteringCancelledException() {
        super("clustering was cancelled by the caller");
    }

    static void throwIfCancelled(BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new ClusteringCancelledException();
        }
    }

}
