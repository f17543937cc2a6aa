package heaptriage.samples;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a scenario guarantees about its heap; becomes the {@code <scenario>.truth.json} file. */
public final class Facts {

    private final String scenario;
    private final String description;
    private boolean leakExpected;
    private final List<Holding> leaks = new ArrayList<>();
    private final List<Holding> healthyHolders = new ArrayList<>();
    private final Map<Holding, ThreadHolding> threadHoldings = new IdentityHashMap<>();
    private final List<PoolFacts> pools = new ArrayList<>();
    private final Map<String, Long> expectedInstances = new TreeMap<>();
    private final List<String> plantedSecrets = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();

    public Facts(String scenario, String description) {
        this.scenario = scenario;
        this.description = description;
    }

    /** A leak the analyzer should find; marks the scenario as leaking. */
    public Facts leak(Holding holding) {
        leaks.add(holding);
        leakExpected = true;
        return this;
    }

    /** A leak whose holder is on threads: a stack local, a field of a thread's Runnable, or a ThreadLocal. */
    public Facts leak(Holding holding, ThreadHolding threads) {
        threadHoldings.put(holding, threads);
        return leak(holding);
    }

    /** A healthy holder on threads (requests in progress, a server's sessions). */
    public Facts healthy(Holding holding, ThreadHolding threads) {
        threadHoldings.put(holding, threads);
        return healthy(holding);
    }

    /** Something that holds many objects on purpose; the analyzer should NOT call it a leak. */
    public Facts healthy(Holding holding) {
        healthyHolders.add(holding);
        return this;
    }

    public Facts pool(PoolFacts pool) {
        pools.add(pool);
        return this;
    }

    /**
     * The exact number of instances of a class in the dump (and the histogram). Only for
     * classes whose count the scenario fully controls, so tests can assert equality.
     */
    public Facts expectInstances(String className, long count) {
        expectedInstances.merge(className, count, Long::sum);
        return this;
    }

    /** A string that is in the heap on purpose and must never show up in a report. */
    public Facts plantedSecret(String secret) {
        plantedSecrets.add(secret);
        return this;
    }

    /** Scenario-specific extra facts (ports, thread names, sizes). */
    public Facts detail(String key, Object value) {
        details.put(key, value);
        return this;
    }

    public String scenario() {
        return scenario;
    }

    /** Merges another scenario's facts into this one (the "large" scenario embeds h2-leak). */
    public Facts include(Facts other) {
        other.leaks.forEach(this::leak);
        threadHoldings.putAll(other.threadHoldings);
        healthyHolders.addAll(other.healthyHolders);
        pools.addAll(other.pools);
        other.expectedInstances.forEach(this::expectInstances);
        plantedSecrets.addAll(other.plantedSecrets);
        other.details.forEach(details::putIfAbsent);
        return this;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", scenario);
        m.put("description", description);
        m.put("leakExpected", leakExpected);
        m.put("leaks", leaks.stream().map(this::holdingMap).toList());
        m.put("healthyHolders", healthyHolders.stream().map(this::holdingMap).toList());
        m.put("pools", pools.stream().map(PoolFacts::toMap).toList());
        m.put("expectedInstances", new LinkedHashMap<>(expectedInstances));
        m.put("plantedSecrets", List.copyOf(plantedSecrets));
        m.put("details", details);
        m.put("jvm", jvm());
        return m;
    }

    private Map<String, Object> holdingMap(Holding h) {
        Map<String, Object> m = h.toMap();
        ThreadHolding threads = threadHoldings.get(h);
        if (threads != null) {
            m.put("threads", threads.toMap());
        }
        return m;
    }

    private static Map<String, Object> jvm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("javaVersion", System.getProperty("java.version"));
        m.put("runtimeVersion", Runtime.version().toString());
        m.put("vendor", System.getProperty("java.vendor"));
        m.put("vmName", System.getProperty("java.vm.name"));
        m.put("pid", ProcessHandle.current().pid());
        m.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        // Object sizes in the histogram depend on these, so record them next to the counts.
        HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        m.put("useCompressedOops", Boolean.parseBoolean(hotspot.getVMOption("UseCompressedOops").getValue()));
        m.put("useG1GC", Boolean.parseBoolean(hotspot.getVMOption("UseG1GC").getValue()));
        m.put("heapUsedAfterGcBytes", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        return m;
    }
}
