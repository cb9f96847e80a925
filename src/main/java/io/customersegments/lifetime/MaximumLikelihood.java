package io.customersegments.lifetime;

import java.util.function.ToDoubleFunction;

import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/** Maximises a log-likelihood over unconstrained (log) parameters with Commons Math's Nelder-Mead simplex. */
final class MaximumLikelihood {

    private static final int MAX_EVALUATIONS = 20_000;

    /** Restarts from the last optimum: a simplex that has collapsed early gets a fresh, full-sized one. */
    private static final int ROUNDS = 3;

    private MaximumLikelihood() {
    }

    /**
     * The parameters that maximise {@code logLikelihood}, searched from {@code start}.
     *
     * @throws ModelFitException when the likelihood is not finite at the optimum or the search does not converge
     */
    static double[] maximise(ToDoubleFunction<double[]> logLikelihood, double[] start) {
        SimplexOptimizer optimizer = new SimplexOptimizer(1e-12, 1e-12);
        double[] point = start.clone();
        double value = Double.NaN;
        for (int round = 0; round < ROUNDS; round++) {
            PointValuePair optimum;
            try {
                optimum = optimizer.optimize(new MaxEval(MAX_EVALUATIONS),
                        new ObjectiveFunction(theta -> {
                            double ll = logLikelihood.applyAsDouble(theta);
                            // Outside the likelihood's domain (an overflow), the simplex is sent back.
                            return Double.isFinite(ll) ? ll : Double.NEGATIVE_INFINITY;
                        }), GoalType.MAXIMIZE, new InitialGuess(point), new NelderMeadSimplex(point.length, 0.5));
            }
            catch (org.apache.commons.math3.exception.TooManyEvaluationsException ex) {
                throw new ModelFitException("the likelihood search did not converge in " + MAX_EVALUATIONS
                        + " evaluations");
            }
            boolean settled = Math.abs(optimum.getValue() - value) <= 1e-10 * Math.abs(value);
            point = optimum.getPoint();
            value = optimum.getValue();
            if (settled) {
                break;
            }
        }
        if (!Double.isFinite(value)) {
            throw new ModelFitException("the likelihood is not finite at any parameters tried");
        }
        return point;
    }

}
