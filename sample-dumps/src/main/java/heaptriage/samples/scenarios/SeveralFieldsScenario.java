package heaptriage.samples.scenarios;

import com.acme.warehouse.WarehouseApp;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;

/**
 * One application object holding several big fields: WarehouseApp (in its static field {@code instance}) keeps a
 * HashMap of stock, a list of pick lists and an array of floor plans, each a quarter to 40% of the heap. No leak.
 */
public final class SeveralFieldsScenario implements Scenario {

    static final int BINS = 40_000;
    static final int PICK_LISTS = 3_000;
    static final int LINES_PER_LIST = 40;
    static final int FLOORS = 12;
    static final int FLOOR_PLAN_BYTES = 1_000_000;

    @Override
    public String name() {
        return "several-fields";
    }

    @Override
    public String description() {
        return "warehouse service: WarehouseApp.instance holds stock (" + BINS + " bins), " + PICK_LISTS
                + " pick lists and " + FLOORS + " floor plans, each a big share of the heap; no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 160;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        WarehouseApp app = WarehouseApp.start("DUS-1", FLOORS, FLOOR_PLAN_BYTES);
        for (int i = 0; i < BINS; i++) {
            app.receive(String.format("BIN-%06d", i), String.format("SKU-%07d", i * 7 % 99_991), i % 50 + 1);
        }
        for (int i = 0; i < PICK_LISTS; i++) {
            app.plan(LINES_PER_LIST);
        }
        return new Facts(name(), description())
                .healthy(new Holding("com.acme.warehouse.WarehouseApp$StockItem", BINS, "com.acme.warehouse.WarehouseApp",
                        "stockByBin", false, "java.util.HashMap", null, "the stock, reached from WarehouseApp.instance"))
                .healthy(new Holding("com.acme.warehouse.PickList", PICK_LISTS, "com.acme.warehouse.WarehouseApp",
                        "pickLists", false, "java.util.ArrayList", null, "the day's pick lists"))
                .healthy(new Holding("byte[]", FLOORS, "com.acme.warehouse.WarehouseApp", "floorPlans", false, null, null,
                        "scanned floor plans, " + FLOOR_PLAN_BYTES + " bytes each"))
                .expectInstances("com.acme.warehouse.WarehouseApp", 1)
                .expectInstances("com.acme.warehouse.WarehouseApp$StockItem", BINS)
                .expectInstances("com.acme.warehouse.PickList", PICK_LISTS);
    }
}
