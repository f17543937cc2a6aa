package com.acme.billing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** In-memory customer cache, loaded at startup. */
public final class CustomerDirectory {

    private static final String[] FIRST = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances"};
    private static final String[] LAST = {"Lovelace", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Allen"};
    private static final String[] COUNTRIES = {"DE", "FR", "US", "GB", "NL", "SE", "JP", "BR"};
    private static final String[] PLANS = {"starter", "team", "business", "enterprise"};

    private final Map<String, Customer> byId = new HashMap<>();
    private final List<String> ids = new ArrayList<>();

    /** Deterministic demo data, so every generated dump has the same customers. */
    public void loadDemoCustomers(int count) {
        for (int i = 0; i < count; i++) {
            String id = String.format("CUST-%06d", i + 1);
            String first = FIRST[i % FIRST.length];
            String last = LAST[(i / FIRST.length) % LAST.length];
            Customer c = new Customer(id, first + " " + last, (first + "." + last + i + "@example.com").toLowerCase(),
                    COUNTRIES[i % COUNTRIES.length]);
            c.attributes().put("plan", PLANS[i % PLANS.length]);
            c.attributes().put("vatId", "VAT" + (100_000_000 + i * 7919L));
            byId.put(id, c);
            ids.add(id);
        }
    }

    public Customer get(String id) {
        return byId.get(id);
    }

    public String idAt(int index) {
        return ids.get(index % ids.size());
    }

    public int size() {
        return byId.size();
    }
}
