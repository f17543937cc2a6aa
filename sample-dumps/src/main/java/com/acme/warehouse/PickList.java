package com.acme.warehouse;

import java.util.ArrayList;
import java.util.List;

/** One picker's route for a shift: bins and quantities. */
final class PickList {

    private final int number;
    private final List<String> bins = new ArrayList<>();
    private final List<Integer> quantities = new ArrayList<>();

    PickList(int number) {
        this.number = number;
    }

    void add(String bin, int quantity) {
        bins.add(bin);
        quantities.add(quantity);
    }

    int number() {
        return number;
    }
}
