package heaptriage.samples.scenarios;

import java.util.List;
import java.util.Optional;

/** All scenarios by name. */
public final class Scenarios {

    private static final List<Scenario> ALL = List.of(
            new H2LeakScenario(),
            new HikariHealthyScenario(),
            new PoolExhaustedScenario(),
            new SocketLeakScenario(),
            new HttpLeakScenario(),
            new ClosedRetainedScenario(),
            new BigCacheScenario(),
            new DeepChainScenario(),
            new SeveralFieldsScenario(),
            new SingletonLeakScenario(),
            new ThreadStackLeakScenario(),
            new ThreadFieldLeakScenario(),
            new ThreadLocalLeakScenario(),
            new BusyThreadsHealthyScenario(),
            new NioServerHealthyScenario(),
            new LargeScenario());

    private Scenarios() {
    }

    public static List<Scenario> all() {
        return ALL;
    }

    public static Optional<Scenario> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return ALL.stream().map(Scenario::name).toList();
    }
}
