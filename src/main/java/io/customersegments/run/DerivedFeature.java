package io.customersegments.run;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A feature computed from a row's columns, e.g. {@code Age = 2014 - Year_Birth}, usable in a run's
 * features like a column.
 *
 * @param name how the feature is named in {@code features}, profiles and exports (at most 200 characters)
 * @param expression the formula: arithmetic, comparisons, {@code if min max abs log log1p exp sqrt round floor
 *        ceil year days} over columns by header name or key (backquoted when they have spaces or symbols), and
 *        dates as {@code '2014-12-31'}; at most 2,000 characters
 */
public record DerivedFeature(@NotBlank @Size(max = 200, message = "must be at most 200 characters") String name,
        @NotBlank @Size(max = 2_000, message = "must be at most 2000 characters") String expression) {
}
