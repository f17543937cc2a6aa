package com.acme.catalog;

/** A sellable product as the storefront shows it. */
public final class Product {

    private final String sku;
    private final String name;
    private final String description;
    private final String category;
    private final long priceCents;
    private final int stock;
    private final byte[] thumbnail;

    public Product(String sku, String name, String description, String category, long priceCents, int stock,
                   byte[] thumbnail) {
        this.sku = sku;
        this.name = name;
        this.description = description;
        this.category = category;
        this.priceCents = priceCents;
        this.stock = stock;
        this.thumbnail = thumbnail;
    }

    public String sku() {
        return sku;
    }

    public String category() {
        return category;
    }

    public long priceCents() {
        return priceCents;
    }

    public int stock() {
        return stock;
    }

    public int thumbnailBytes() {
        return thumbnail.length;
    }

    public String displayName() {
        return name + " - " + description;
    }
}
