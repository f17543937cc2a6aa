package com.acme.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A billing customer as the service caches it. */
public final class Customer {

    private final String id;
    private final String name;
    private final String email;
    private final String country;
    private final Map<String, String> attributes = new HashMap<>();
    private final List<Long> recentInvoiceIds = new ArrayList<>();

    public Customer(String id, String name, String email, String country) {
        this.id = id;
        this.name = name;
        this.email = email;
        this.country = country;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String email() {
        return email;
    }

    public String country() {
        return country;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public void invoiced(long invoiceId) {
        recentInvoiceIds.add(invoiceId);
        if (recentInvoiceIds.size() > 5) {
            recentInvoiceIds.remove(0);
        }
    }
}
