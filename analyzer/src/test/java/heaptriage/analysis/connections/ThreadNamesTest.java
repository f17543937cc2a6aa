package heaptriage.analysis.connections;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThreadNamesTest {
    @Test
    void namesThatDifferOnlyInATrailingNumberWithoutGapsAreARange() {
        assertEquals("pool-1-thread-1..6", ThreadNames.summary(List.of("pool-1-thread-3", "pool-1-thread-1",
                "pool-1-thread-2", "pool-1-thread-6", "pool-1-thread-5", "pool-1-thread-4")));
        assertEquals("worker-9..11", ThreadNames.summary(List.of("worker-10", "worker-9", "worker-11")));
    }

    @Test
    void oneNameIsItselfAndOtherNamesAreListedUpToFive() {
        assertEquals("report-worker", ThreadNames.summary(List.of("report-worker")));
        assertEquals("a-1, a-3", ThreadNames.summary(List.of("a-3", "a-1")), "a gap is no range");
        assertEquals("a, b, c, d, e, ...", ThreadNames.summary(List.of("f", "e", "d", "c", "b", "a")));
        assertEquals("main, pool-1-thread-1", ThreadNames.summary(List.of("pool-1-thread-1", "main")));
    }

    @Test
    void thePatternReplacesEveryNumberSoRunsWithOtherNumbersMatch() {
        assertEquals("pool-#-thread-#", ThreadNames.pattern("pool-12-thread-3"));
        assertEquals("report-worker", ThreadNames.pattern("report-worker"));
        assertEquals("billing-request-#", ThreadNames.pattern(List.of("billing-request-1", "billing-request-8")));
        assertEquals("a-#, b", ThreadNames.pattern(List.of("b", "a-1", "a-2")));
    }
}
