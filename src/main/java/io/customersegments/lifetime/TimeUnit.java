package io.customersegments.lifetime;

/** The unit of the models' times (and so of their parameters α and the horizon). */
public enum TimeUnit {

    DAYS(1, 30),
    WEEKS(7, 4.345);

    private final double days;

    private final double perMonth;

    TimeUnit(double days, double perMonth) {
        this.days = days;
        this.perMonth = perMonth;
    }

    /** Days in one unit. */
    double days() {
        return days;
    }

    /** Units in a month, as the {@code lifetimes} library counts them for discounting. */
    double perMonth() {
        return perMonth;
    }

}
