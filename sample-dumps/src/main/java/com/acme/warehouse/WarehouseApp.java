package com.acme.warehouse;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The warehouse service's one application object: its stock by bin, the day's pick lists and the scanned floor
 * plans, each a big part of the heap and none most of it.
 */
public final class WarehouseApp {

    private static WarehouseApp instance;

    private final Map<String, StockItem> stockByBin = new HashMap<>();
    private final List<PickList> pickLists = new ArrayList<>();
    private final byte[][] floorPlans;
    private final String siteName;

    private WarehouseApp(String siteName, int floors, int floorPlanBytes) {
        this.siteName = siteName;
        this.floorPlans = new byte[floors][];
        for (int i = 0; i < floors; i++) {
            floorPlans[i] = new byte[floorPlanBytes];
            floorPlans[i][i] = (byte) i;
        }
    }

    public static WarehouseApp start(String siteName, int floors, int floorPlanBytes) {
        instance = new WarehouseApp(siteName, floors, floorPlanBytes);
        return instance;
    }

    public void receive(String bin, String sku, int quantity) {
        stockByBin.put(bin, new StockItem(sku, quantity, new byte[200]));
    }

    public void plan(int lines) {
        PickList list = new PickList(pickLists.size());
        for (int i = 0; i < lines; i++) {
            list.add(String.format("BIN-%06d", (pickLists.size() * 31 + i) % 100_000), i + 1);
        }
        pickLists.add(list);
    }

    public int bins() {
        return stockByBin.size();
    }

    public int pickListCount() {
        return pickLists.size();
    }

    public String siteName() {
        return siteName;
    }

    /** What one bin holds; the label is the printed bin label's bitmap. */
    record StockItem(String sku, int quantity, byte[] label) {
    }
}
