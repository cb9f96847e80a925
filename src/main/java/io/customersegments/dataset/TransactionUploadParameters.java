package io.customersegments.dataset;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * The query parameters of an upload with kind=TRANSACTIONS: the columns, when their names are not the
 * common ones, the date layout, and the snapshot date of the derived customer features.
 */
record TransactionUploadParameters(
        @Parameter(description = "Column of the customer id (default: found by name, e.g. CustomerID, customer_id)") String customerColumn,
        @Parameter(description = "Column of the order id (default: InvoiceNo, order_id, ...; without one, a customer's purchases on one day form one order)") String orderColumn,
        @Parameter(description = "Column of the purchase date (default: InvoiceDate, date, ...)") String timeColumn,
        @Parameter(description = "Layout of the purchase dates as a Java DateTimeFormatter pattern, e.g. yyyyMMdd (default: inferred)") String dateFormat,
        @Parameter(description = "Column of the quantity (default: Quantity, qty)") String quantityColumn,
        @Parameter(description = "Column of the unit price (default: UnitPrice, price)") String priceColumn,
        @Parameter(description = "Column of the line's amount; without one, quantity × price (default: amount, dollar_value, total, ...)") String amountColumn,
        @Parameter(description = "Column of the product code (default: StockCode, product, sku, ...)") String productColumn,
        @Parameter(description = "Column of the product category (default: category)") String categoryColumn,
        @Parameter(description = "Column of the country (default: Country)") String countryColumn,
        @Parameter(description = "Snapshot date (yyyy-MM-dd) of the derived customer features (default: the day after the last purchase)") String asOf) {

    boolean isEmpty() {
        return columns().isEmpty() && blank(dateFormat) && blank(asOf);
    }

    TransactionOptions options() {
        LocalDate snapshot = null;
        if (!blank(asOf)) {
            try {
                snapshot = LocalDate.parse(asOf.strip());
            }
            catch (DateTimeParseException ex) {
                throw new InvalidUploadParameterException("asOf", "asOf \"" + asOf + "\" is not a date written "
                        + "yyyy-MM-dd, e.g. 2011-12-10.");
            }
        }
        return new TransactionOptions(columns(), blank(dateFormat) ? null : dateFormat.strip(), snapshot);
    }

    private Map<TransactionField, String> columns() {
        Map<TransactionField, String> columns = new EnumMap<>(TransactionField.class);
        put(columns, TransactionField.CUSTOMER, customerColumn);
        put(columns, TransactionField.ORDER, orderColumn);
        put(columns, TransactionField.TIME, timeColumn);
        put(columns, TransactionField.QUANTITY, quantityColumn);
        put(columns, TransactionField.PRICE, priceColumn);
        put(columns, TransactionField.AMOUNT, amountColumn);
        put(columns, TransactionField.PRODUCT, productColumn);
        put(columns, TransactionField.CATEGORY, categoryColumn);
        put(columns, TransactionField.COUNTRY, countryColumn);
        return columns;
    }

    private static void put(Map<TransactionField, String> columns, TransactionField field, String name) {
        if (!blank(name)) {
            columns.put(field, name);
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
