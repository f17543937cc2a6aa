package heaptriage.samples.scenarios;

import com.acme.catalog.CatalogService;
import com.acme.catalog.ProductCache;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;

/** A large, healthy product cache and a healthy pool: big heap, no leak. */
public final class BigCacheScenario implements Scenario {

    static final int PRODUCTS = 50_000;

    @Override
    public String name() {
        return "big-cache";
    }

    @Override
    public String description() {
        return "catalog service: a big but bounded ProductCache (" + PRODUCTS
                + " products in a static ConcurrentHashMap) and a healthy HikariCP pool (10); no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 160;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        CatalogService catalog = CatalogService.start();
        catalog.loadCatalog(PRODUCTS);
        for (int i = 0; i < 200; i++) {
            catalog.marginPct(ProductCache.get(String.format("SKU-%07d", i * 211)).category());
        }
        Pools.awaitFilled(catalog.dataSource());
        Pools.awaitActive(catalog.dataSource(), 0);

        return new Facts(name(), description())
                .healthy(new Holding("com.acme.catalog.Product", ProductCache.size(), "com.acme.catalog.ProductCache",
                        "products", true, "java.util.concurrent.ConcurrentHashMap", null,
                        "the largest retainer in the heap, but a bounded cache of the whole catalog, not a leak"))
                .healthy(Pools.physicalConnections(catalog.dataSource()))
                .pool(Pools.facts(catalog.dataSource()))
                .expectInstances("com.acme.catalog.Product", PRODUCTS)
                .expectInstances(Pools.JDBC_CONNECTION, CatalogService.POOL_SIZE)
                .expectInstances(Pools.POOL_ENTRY, CatalogService.POOL_SIZE)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, 0)
                .plantedSecret(CatalogService.PASSWORD)
                .detail("jdbcUrl", CatalogService.JDBC_URL);
    }
}
