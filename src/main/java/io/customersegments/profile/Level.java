package io.customersegments.profile;

/** Where a segment's centre falls in the population of a feature: below, between or above its tertiles. */
public enum Level {

    LOW("Low"), MODERATE("Moderate"), HIGH("High");

    private final String word;

    Level(String word) {
        this.word = word;
    }

    String word() {
        return word;
    }

    static Level of(double value, double lowerTertile, double upperTertile) {
        return value < lowerTertile ? LOW : value > upperTertile ? HIGH : MODERATE;
    }

}
