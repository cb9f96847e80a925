package io.customersegments.run;

import jakarta.validation.constraints.NotBlank;

/**
 * A feature computed from a row's columns, e.g. {@code Age = 2014 - Year_Birth}, usable in a run's
 * features like a column.
 *
 * @param name how the feature is named in {@code features}, profiles and exports
 * @param expression the formula: arithmetic, comparisons, {@code if min max abs log log1p exp sqrt round floor
 *        ceil year days} over columns by header name or key (backquoted when they have spaces or symbols), and
 *        dates as {@code '2014-12-31'}
 */
public record DerivedFeature(@NotBlank String name, @NotBlank String expression) {
}
