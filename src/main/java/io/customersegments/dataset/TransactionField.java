package io.customersegments.dataset;

import java.util.List;
import java.util.Locale;

/**
 * What a column of an order-line file means, with the header names it is found by (compared in lower
 * case without punctuation, so "InvoiceNo", "invoice_no" and "Invoice No" are one) and the upload
 * parameter that names it explicitly.
 */
enum TransactionField {

    CUSTOMER("customerColumn", "customerid", "customer", "custid", "customerno", "customernumber", "clientid",
            "client", "userid", "memberid", "accountid"),
    ORDER("orderColumn", "invoiceno", "invoice", "invoiceid", "invoicenumber", "orderid", "order", "orderno",
            "ordernumber", "transactionid", "receiptid", "basketid"),
    TIME("timeColumn", "invoicedate", "date", "orderdate", "purchasedate", "transactiondate", "datetime", "timestamp",
            "time", "purchasedat", "orderedat"),
    QUANTITY("quantityColumn", "quantity", "qty", "units"),
    PRICE("priceColumn", "unitprice", "price", "itemprice", "priceeach"),
    AMOUNT("amountColumn", "amount", "dollarvalue", "total", "totalamount", "linetotal", "totalprice", "value",
            "revenue", "sales", "spend"),
    PRODUCT("productColumn", "stockcode", "product", "productid", "productcode", "sku", "item", "itemid", "article"),
    CATEGORY("categoryColumn", "category", "productcategory", "department"),
    COUNTRY("countryColumn", "country", "countrycode");

    private final String parameter;

    private final List<String> names;

    TransactionField(String parameter, String... names) {
        this.parameter = parameter;
        this.names = List.of(names);
    }

    /** The upload parameter that names this column. */
    String parameter() {
        return parameter;
    }

    boolean isKnownAs(String headerName) {
        return names.contains(compact(headerName));
    }

    static String compact(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "");
    }

}
