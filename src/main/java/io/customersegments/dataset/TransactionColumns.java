package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which column of an order-line file holds what: named by the uploader ({@code customerColumn=...}) or
 * found by its common names. Customer, time, and an amount or a quantity and a price are required.
 */
final class TransactionColumns {

    private final Map<TransactionField, Integer> fields;

    private final List<String> names;

    private TransactionColumns(Map<TransactionField, Integer> fields, List<String> names) {
        this.fields = fields;
        this.names = names;
    }

    /**
     * @param explicit the columns the uploader named, by header name or key
     * @throws InvalidUploadParameterException when a named column is not in the header, or a required one is missing
     */
    static TransactionColumns resolve(ColumnTypeInference.Header header, Map<TransactionField, String> explicit) {
        Map<TransactionField, Integer> fields = new EnumMap<>(TransactionField.class);
        explicit.forEach((field, wanted) -> fields.put(field, named(header, field, wanted.strip())));
        for (TransactionField field : TransactionField.values()) {
            if (fields.containsKey(field)) {
                continue;
            }
            for (int i = 0; i < header.names().size(); i++) {
                if (field.isKnownAs(header.names().get(i)) && !fields.containsValue(i)) {
                    fields.put(field, i);
                    break;
                }
            }
        }
        explicit.keySet().forEach(field -> fields.forEach((other, index) -> {
            if (other != field && index.equals(fields.get(field))) {
                throw new InvalidUploadParameterException(field.parameter(), "Column \"" + header.names().get(index)
                        + "\" cannot be both the " + field.name().toLowerCase(java.util.Locale.ROOT) + " ("
                        + field.parameter() + ") and the " + other.name().toLowerCase(java.util.Locale.ROOT) + " ("
                        + other.parameter() + "); name another column for one of them.");
            }
        }));
        List<String> missing = new ArrayList<>();
        // The parameter named is the first one that would mend it.
        String parameter = null;
        if (!fields.containsKey(TransactionField.CUSTOMER)) {
            missing.add("the customer (customerColumn)");
            parameter = TransactionField.CUSTOMER.parameter();
        }
        if (!fields.containsKey(TransactionField.TIME)) {
            missing.add("the purchase date (timeColumn)");
            parameter = parameter != null ? parameter : TransactionField.TIME.parameter();
        }
        if (!fields.containsKey(TransactionField.AMOUNT)
                && !(fields.containsKey(TransactionField.QUANTITY) && fields.containsKey(TransactionField.PRICE))) {
            missing.add("the line's value: an amount (amountColumn), or a quantity and a unit price (quantityColumn, "
                    + "priceColumn)");
            parameter = parameter != null ? parameter : TransactionField.AMOUNT.parameter();
        }
        if (!missing.isEmpty()) {
            throw new InvalidUploadParameterException(parameter, "No column of the file "
                    + "was recognised as " + String.join("; ", missing) + ". The header has " + String.join(", ",
                            header.names()) + ". Name the columns with the parameters given in brackets.");
        }
        return new TransactionColumns(fields, header.names());
    }

    private static int named(ColumnTypeInference.Header header, TransactionField field, String wanted) {
        for (int i = 0; i < header.names().size(); i++) {
            if (header.names().get(i).equals(wanted) || header.keys().get(i).equals(wanted)
                    || header.keys().get(i).equals(ColumnTypeInference.key(wanted))) {
                return i;
            }
        }
        throw new InvalidUploadParameterException(field.parameter(), field.parameter() + " \"" + wanted
                + "\" is not a column of the file; the header has " + String.join(", ", header.names()) + ".");
    }

    boolean has(TransactionField field) {
        return fields.containsKey(field);
    }

    /** The field's position in a record, or -1 when the file has no such column. */
    int field(TransactionField field) {
        return fields.getOrDefault(field, -1);
    }

    /** The header name of the column used for each field, for the quality report. */
    Map<String, String> describe() {
        Map<String, String> described = new LinkedHashMap<>();
        fields.forEach((field, index) -> described.put(field.name().toLowerCase(java.util.Locale.ROOT), names.get(index)));
        return described;
    }

}
