package io.customersegments.dataset;

/**
 * How one header column is read: its role, where its values go in a customer row, and how to parse them.
 *
 * @param field the column's position in the CSV record
 * @param slot its position in the numeric or categorical array; -1 for the ID
 * @param dateFormat for DATE columns, the layout of the dates
 * @param decimalSeparator for NUMERIC columns, '.' or ','
 */
record ColumnPlan(String name, String key, ColumnRole role, int field, int slot, DateFormat dateFormat,
        char decimalSeparator) {

    boolean isNumericSlot() {
        return role == ColumnRole.NUMERIC || role == ColumnRole.DATE;
    }

    /** The value of this column in the record, or NaN when it does not parse. Only for numeric slots. */
    double parse(RawRecord record) {
        char[] chars = record.chars();
        int start = record.start(field);
        int length = record.length(field);
        return role == ColumnRole.DATE ? dateFormat.parseEpochSeconds(chars, start, length)
                : NumberSyntax.parse(chars, start, length, decimalSeparator);
    }

    String expectation() {
        return role == ColumnRole.DATE ? "a date like " + dateFormat.display()
                : decimalSeparator == ',' ? "a number with a decimal comma" : "a number";
    }

}
