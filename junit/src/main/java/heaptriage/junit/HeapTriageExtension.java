package heaptriage.junit;

import heaptriage.hprof.HprofException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * Fails a test class (or a test) whose tests leave connections behind. Register it with {@link HeapTriage} or
 * {@code @ExtendWith(HeapTriageExtension.class)}; settings come from the annotation and from
 * {@code junit-platform.properties} ({@code heaptriage.*}).
 *
 * <p>The baseline is dumped before the class's first test, after its {@code @BeforeAll} set-up, so what the set-up
 * opened (a pool, a shared connection) is not blamed; the second dump is taken after its {@code @AfterAll}. Each
 * check publishes what it cost as a report entry named {@value #COST_ENTRY}.
 */
public final class HeapTriageExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    /** The key of the report entry that says what a check cost. */
    public static final String COST_ENTRY = "heaptriage";
    private static final Namespace NAMESPACE = Namespace.create(HeapTriageExtension.class);
    private static final String CHECK = "check";

    @Override
    public void beforeEach(ExtensionContext test) {
        Settings settings = settings(test);
        if (!settings.enabled()) {
            return;
        }
        if (settings.scope() == HeapTriage.Scope.TEST) {
            test.getStore(NAMESPACE).put(CHECK, start(settings, test.getRequiredTestClass().getSimpleName() + "."
                    + test.getRequiredTestMethod().getName()));
        } else {
            ExtensionContext testClass = test.getParent().orElseThrow();
            testClass.getStore(NAMESPACE).getOrComputeIfAbsent(CHECK,
                    k -> start(settings, testClass.getRequiredTestClass().getSimpleName()), LeakCheck.class);
        }
    }

    @Override
    public void afterEach(ExtensionContext test) throws Exception {
        check(test);
    }

    @Override
    public void afterAll(ExtensionContext testClass) throws Exception {
        check(testClass);
    }

    /** Finishes the check started in this context, if any: publishes its cost, and fails if a holder grew. */
    private static void check(ExtensionContext context) throws IOException, HprofException {
        LeakCheck check = context.getStore(NAMESPACE).remove(CHECK, LeakCheck.class);
        if (check == null) {
            return;
        }
        try (check) {
            LeakCheck.Outcome outcome = check.finish();
            context.publishReportEntry(COST_ENTRY, Messages.cost(outcome.cost()));
            if (outcome.failed()) {
                throw new AssertionError(Messages.failure(outcome));
            }
        }
    }

    private static LeakCheck start(Settings settings, String label) {
        try {
            return LeakCheck.start(settings, label);
        } catch (IOException e) {
            throw new UncheckedIOException("Heap Triage cannot dump this JVM's heap before " + label + ": " + e.getMessage(), e);
        }
    }

    /** The annotation on the test class or an enclosing one, else the configuration parameters alone. */
    private static Settings settings(ExtensionContext context) {
        Optional<HeapTriage> annotation = Optional.empty();
        for (Class<?> c = context.getRequiredTestClass(); c != null && annotation.isEmpty(); c = c.getEnclosingClass()) {
            annotation = AnnotationSupport.findAnnotation(c, HeapTriage.class);
        }
        return Settings.of(annotation, context::getConfigurationParameter);
    }
}
