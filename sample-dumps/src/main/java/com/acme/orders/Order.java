package com.acme.orders;

/** An order waiting to be written in the next batch. */
public record Order(String orderId, String customerId, String sku, int quantity, long totalCents) {
}
