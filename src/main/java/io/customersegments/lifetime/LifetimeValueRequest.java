package io.customersegments.lifetime;

import java.time.LocalDate;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Positive;

/**
 * What to fit and predict.
 *
 * @param calibrationEnd the last day of the purchases the models learn from (default: the one the dataset was
 *        derived with, the day before its snapshot)
 * @param holdoutEnd with it, the purchases after calibrationEnd up to this day are compared with the predictions
 * @param timeUnit DAYS (default) or WEEKS: the unit of the fitted α and of the horizon
 * @param horizon how far ahead expected purchases and lifetime value reach, in time units (default 365 days)
 * @param monthlyDiscountRate discount rate per month of the lifetime value (default 0.01)
 */
record LifetimeValueRequest(LocalDate calibrationEnd, LocalDate holdoutEnd, TimeUnit timeUnit,
        @Positive Double horizon, @DecimalMin("0.0") @DecimalMax("1.0") Double monthlyDiscountRate) {

    TimeUnit unit() {
        return timeUnit != null ? timeUnit : TimeUnit.DAYS;
    }

    double horizonInUnits() {
        return horizon != null ? horizon : 365 / unit().days();
    }

    double discountRate() {
        return monthlyDiscountRate != null ? monthlyDiscountRate : 0.01;
    }

}
