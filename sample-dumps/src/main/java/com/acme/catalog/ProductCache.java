package com.acme.catalog;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The whole catalog in memory, by SKU. Large on purpose and bounded by the catalog size: not a leak. */
public final class ProductCache {

    private static final Map<String, Product> products = new ConcurrentHashMap<>();

    private ProductCache() {
    }

    public static void put(Product product) {
        products.put(product.sku(), product);
    }

    public static Product get(String sku) {
        return products.get(sku);
    }

    public static int size() {
        return products.size();
    }
}
