package io.customersegments.dataset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The customers of an upload of order lines, aggregated in the upload's own streaming pass: the same
 * behaviour as the SQL derivation of {@link CustomerFeatures}, without reading the lines back. Memory
 * grows with the distinct (customer, order), (customer, product) and (customer, day) pairs; past
 * {@code maxEntries} of them it is abandoned and the derivation falls back to SQL over the stored lines.
 * Exact duplicates, found after the load, are subtracted ({@link #subtract}): they change sums and
 * counts, never the distinct orders, products or days.
 */
final class CustomerAggregation {

    /** One customer's running totals. */
    static final class Customer {

        int firstDay = Integer.MAX_VALUE;

        int lastDay = Integer.MIN_VALUE;

        final Set<String> purchaseOrders = new HashSet<>(4);

        final Set<String> orders = new HashSet<>(4);

        final Set<String> products = new HashSet<>(8);

        /** Purchase days (epoch days) to the day's value, in day order. */
        final TreeMap<Integer, double[]> days = new TreeMap<>();

        final Map<String, long[]> countries = new HashMap<>(2);

        final Map<String, long[]> categories = new HashMap<>(2);

        double amount;

        double quantity;

        /** Product lines with a quantity: without any, items is missing (as SQL's sum over no values). */
        long quantityLines;

        long lines;

        long returnLines;

        boolean hasPurchase() {
            return lastDay != Integer.MIN_VALUE;
        }

        /** The most frequent value; among equally frequent ones the first in code-point order, as SQL's mode() in "C" order. */
        static String mode(Map<String, long[]> counts) {
            String best = null;
            long bestCount = 0;
            for (Map.Entry<String, long[]> entry : counts.entrySet()) {
                long count = entry.getValue()[0];
                if (count > bestCount || count == bestCount && count > 0 && entry.getKey().compareTo(best) < 0) {
                    best = entry.getKey();
                    bestCount = count;
                }
            }
            return best;
        }

    }

    private final Map<String, Customer> customers = new HashMap<>();

    private final long maxEntries;

    private long entries;

    private boolean abandoned;

    /** The value of the kept purchase and non-product lines, and of the returns. */
    private double sales;

    private double returned;

    private String lastId;

    /** The customer of the last line added, and what of it is at hand for the next line. */
    private Customer last;

    private String lastOrder;

    private boolean lastWasPurchase;

    private String lastCountry;

    private long[] lastCountryCount;

    /** The customer and day of the last purchase line: an earlier line of another customer may have come between. */
    private Customer lastDayCustomer;

    private int lastDay;

    private double[] lastDayValue;

    CustomerAggregation(long maxEntries) {
        this.maxEntries = maxEntries;
    }

    boolean abandoned() {
        return abandoned;
    }

    /** Adds one stored line (kind P, R or N; {@code quantity} NaN when the file has none). */
    void add(String customerId, String orderId, int day, double amount, double quantity, String product,
            String category, String country, char kind) {
        if (abandoned) {
            return;
        }
        Customer customer = customer(customerId);
        // Lines of one order come together: sets and maps are only touched when the order, day or country changes.
        boolean sameOrder = customer == last && orderId.equals(lastOrder) && kind != 'R' == lastWasPurchase;
        customer.lines++;
        customer.amount += amount;
        if (kind == 'R') {
            returned += amount;
        }
        else {
            sales += amount;
        }
        if (!sameOrder && customer.orders.add(orderId)) {
            entries++;
        }
        if (customer != last) {
            // The cached country count is the previous customer's.
            lastCountry = null;
        }
        if (country != null) {
            if (!country.equals(lastCountry)) {
                lastCountry = country;
                lastCountryCount = customer.countries.computeIfAbsent(country, key -> new long[1]);
            }
            lastCountryCount[0]++;
        }
        if (kind == 'R') {
            customer.returnLines++;
        }
        else {
            customer.firstDay = Math.min(customer.firstDay, day);
            customer.lastDay = Math.max(customer.lastDay, day);
            if (!sameOrder && customer.purchaseOrders.add(orderId)) {
                entries++;
            }
            if (customer != lastDayCustomer || day != lastDay) {
                lastDayCustomer = customer;
                lastDay = day;
                lastDayValue = customer.days.get(day);
                if (lastDayValue == null) {
                    lastDayValue = new double[1];
                    customer.days.put(day, lastDayValue);
                    entries++;
                }
            }
            lastDayValue[0] += amount;
        }
        if (kind == 'P') {
            if (!Double.isNaN(quantity)) {
                customer.quantity += quantity;
                customer.quantityLines++;
            }
            if (product != null && customer.products.add(product)) {
                entries++;
            }
            if (category != null) {
                customer.categories.computeIfAbsent(category, key -> new long[1])[0]++;
            }
        }
        last = customer;
        lastOrder = orderId;
        lastWasPurchase = kind != 'R';
        if (entries > maxEntries) {
            // Too many distinct pairs to keep: let the garbage collector have them, SQL will derive instead.
            abandoned = true;
            customers.clear();
            last = null;
            lastDayCustomer = null;
            lastId = null;
        }
    }

    /** Gives up: the customers will be derived by SQL over the stored lines. */
    void abandon() {
        abandoned = true;
        customers.clear();
        last = null;
        lastId = null;
        lastDayCustomer = null;
    }

    /** Takes back a line that turned out to repeat an earlier one exactly (which stays, with its order, product and day). */
    void subtract(String customerId, int day, double amount, double quantity, String category, String country,
            char kind) {
        if (abandoned) {
            return;
        }
        Customer customer = customers.get(customerId);
        customer.lines--;
        customer.amount -= amount;
        if (kind == 'R') {
            returned -= amount;
        }
        else {
            sales -= amount;
        }
        if (country != null) {
            customer.countries.get(country)[0]--;
        }
        if (kind == 'R') {
            customer.returnLines--;
        }
        else {
            customer.days.get(day)[0] -= amount;
        }
        if (kind == 'P') {
            if (!Double.isNaN(quantity)) {
                customer.quantity -= quantity;
                customer.quantityLines--;
            }
            if (category != null) {
                customer.categories.get(category)[0]--;
            }
        }
    }

    private Customer customer(String customerId) {
        // Lines of one order come together: the last customer is usually the next one.
        if (customerId.equals(lastId)) {
            return last;
        }
        lastId = customerId;
        return customers.computeIfAbsent(customerId, id -> new Customer());
    }

    double sales() {
        return sales;
    }

    double returned() {
        return returned;
    }

    /**
     * The customers in id order: numeric for integer ids (by length without leading zeros, then digits, then as
     * written), else UTF-16 order, which is PostgreSQL's "C" order for all but rare supplementary characters. The
     * SQL derivation orders the same way ({@link #ORDER_SQL}).
     */
    List<Map.Entry<String, Customer>> sorted(boolean integerIds) {
        List<Map.Entry<String, Customer>> sorted = new ArrayList<>(customers.entrySet());
        sorted.sort(Map.Entry.comparingByKey(integerIds ? NUMERIC_ORDER : Comparator.naturalOrder()));
        return sorted;
    }

    /** The SQL order of the customer ids {@code cid}, as {@link #sorted(boolean)}. */
    static String orderSql(boolean integerIds) {
        return integerIds ? "length(ltrim(a.cid, '0')), ltrim(a.cid, '0'), a.cid" : "a.cid";
    }

    private static final Comparator<String> NUMERIC_ORDER = Comparator
        .comparingInt((String id) -> stripZeros(id).length())
        .thenComparing(CustomerAggregation::stripZeros)
        .thenComparing(Comparator.naturalOrder());

    private static String stripZeros(String id) {
        int i = 0;
        while (i < id.length() && id.charAt(i) == '0') {
            i++;
        }
        return id.substring(i);
    }

}
