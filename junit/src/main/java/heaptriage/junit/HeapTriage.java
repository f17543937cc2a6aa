package heaptriage.junit;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fails the test class when its tests leave connections behind: the test JVM is dumped before the first test and
 * after the last one (or around each test), the dumps are analysed in-process and deleted, and a holder whose
 * leaked connections grew fails the class with the report's words: kind, count, holder field and path.
 *
 * <p>Every setting left at its default here is read from {@code junit-platform.properties} ({@code heaptriage.*}),
 * else takes the default named on it. Example:
 *
 * <pre>{@code
 * @HeapTriage(threshold = 2, markdownReportOnFailure = "target/heaptriage")
 * class InvoiceExportTest { ... }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HeapTriageExtension.class)
public @interface HeapTriage {
    /** When the heap is compared. */
    enum Scope {
        /** From {@code heaptriage.scope} ({@code class} or {@code test}), else {@link #CLASS}. */
        DEFAULT,
        /** Before the class's first test and after its last: the class fails. */
        CLASS,
        /** Before and after each test: the test fails. Costs two dumps per test. */
        TEST
    }

    /**
     * Connections one holder must keep at the end (open, or closed but retained), and more than at the start, to
     * fail. 0: {@code heaptriage.threshold}, else {@value Settings#DEFAULT_THRESHOLD}.
     */
    int threshold() default 0;

    /** A JSON rules file of your own connection kinds ({@code --rules} format). "": {@code heaptriage.rules}, else none. */
    String rules() default "";

    /**
     * Connection kinds or categories never to fail on, e.g. {@code "h2"} or {@code "http"}.
     * Empty: {@code heaptriage.ignoreKinds} (comma-separated), else none.
     */
    String[] ignoreKinds() default {};

    /** A folder to keep the dump in when the check fails. "": {@code heaptriage.keepDumpOnFailure}, else not kept. */
    String keepDumpOnFailure() default "";

    /** A folder to write the Markdown report to when the check fails (a CI artifact). "": {@code heaptriage.markdownReportOnFailure}, else none. */
    String markdownReportOnFailure() default "";

    /** When the heap is compared. */
    Scope scope() default Scope.DEFAULT;
}
