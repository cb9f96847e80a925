package io.customersegments.dataset;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;

/**
 * What cleaning did to the order lines of a TRANSACTIONS upload, and what they add up to.
 *
 * @param columns the column of the file used for each field (customer, order, time, quantity, price, amount, ...)
 * @param dateFormat the layout the purchase dates were read in
 * @param lines data lines read
 * @param keptLines lines stored: purchases, returns and non-product lines
 * @param withoutCustomer lines with no customer id, left out
 * @param returns cancellations and returns (order id starting with C, or a negative quantity), kept with a negative value
 * @param zeroOrNegativePrice purchase lines with a price of zero or less, and fees or adjustments of value 0, left out
 * @param duplicates lines that repeat an earlier line of a file with an order column exactly, left out (the first
 *        is kept); without an order column every line is a purchase of its own
 * @param nonProduct postage, fees and adjustments (POST, DOT, M, BANK CHARGES, AMAZONFEE, ADJUST, order ids
 *        starting with A): kept in spend, left out of product counts
 * @param customers distinct customers among the kept lines
 * @param customersWithoutPurchases customers with only returns, who get no row in the derived customer dataset
 * @param orders distinct orders among the kept lines (same-day purchases of a customer when the file has no order id)
 * @param firstPurchase the earliest kept line, as an ISO date-time
 * @param lastPurchase the latest kept line
 * @param sales value of the kept purchase and non-product lines
 * @param returned value of the returns (negative)
 * @param net sales + returned
 * @param idsNormalised true when a trailing ".0" was removed from customer ids (a column of integers written as decimals)
 * @param integerIds true when every customer id is an integer: the derived customers are then in numeric order (as
 *        pandas sorts an id column it reads as numbers), else in text order
 */
record TransactionReport(Map<String, String> columns, String dateFormat, long lines, long keptLines,
        LineCount withoutCustomer, LineCount returns, LineCount zeroOrNegativePrice, LineCount duplicates,
        LineCount nonProduct, long customers, long customersWithoutPurchases, long orders, String firstPurchase,
        String lastPurchase, double sales, double returned, double net, boolean idsNormalised, boolean integerIds) {

    /** The day of the earliest kept line. */
    LocalDate firstPurchaseDay() {
        return LocalDateTime.parse(firstPurchase).toLocalDate();
    }

    /** The day of the latest kept line. */
    LocalDate lastPurchaseDay() {
        return LocalDateTime.parse(lastPurchase).toLocalDate();
    }

}
