package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.connections.Confidence;
import heaptriage.analysis.connections.ConnectionFinding;
import heaptriage.analysis.connections.LeakType;
import heaptriage.analysis.connections.Verdict;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;

/**
 * A connection finding as the report states it: who holds the connections in a phrase, a summary of what is held
 * where, and what is wrong and what to look at. The analysis decides; this only words its decisions.
 */
final class ConnectionSentences {
    private static final String UNKNOWN_THREAD = "unknown thread";

    private ConnectionSentences() {
    }

    /**
     * The finding with its sentences.
     *
     * @param truncatedAt where a truncated dump ends (its valid bytes), or null for a complete dump
     */
    static Report.Connection of(ConnectionFinding f, Long truncatedAt) {
        Report.ConnectionHolder holder = holder(f);
        String summary = summary(f, holder);
        return new Report.Connection(f.kind().category(), f.kind().kind(), f.kind().displayName(), f.className(), f.count(),
                f.open(), f.closed(), f.unknown(), f.retainedBytes(), f.retainedBytesPerConnection(), f.percentOfHeap(),
                f.isLeak() ? Report.Connection.LEAK : Report.Connection.OK, leakType(f.leakType()), confidence(f.confidence()),
                holder, f.pool(), f.facts(), f.layers(), f.partial(), summary, explain(f, holder, summary, truncatedAt),
                f.confidence().level(), f.confidence().reasons(), f.keptAlive(), f.threadHold());
    }

    /** {@code open-connections-held}, ...: the JSON's leak types. */
    static String leakType(LeakType type) {
        return type == null ? null : type.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** {@code high}, or {@code medium (partial: dump truncated)}. */
    static String confidence(Confidence c) {
        return c.level().name().toLowerCase(Locale.ROOT)
                + (c.reasons().contains(Confidence.Reason.DUMP_TRUNCATED) ? " (partial: dump truncated)" : "");
    }

    private static Report.ConnectionHolder holder(ConnectionFinding f) {
        ConnectionFinding.Holder h = f.holder();
        List<Report.Step> path = Steps.of(h.path());
        return new Report.ConnectionHolder(h.kind().role().name().toLowerCase(Locale.ROOT), h.className(), field(h),
                h.isStatic(), h.container(), path.isEmpty() ? null : path.get(0).via(), description(f), path, h.kind(),
                h.threads().stream().map(ConnectionSentences::threadName).toList());
    }

    /** The field's name; MAT's name of any other reference ({@code [3]}); the first thread's name for a stack. */
    private static String field(ConnectionFinding.Holder h) {
        if (h.kind() == HolderKind.THREAD_STACK) {
            return h.threads().isEmpty() ? UNKNOWN_THREAD : threadName(h.threads().get(0));
        }
        if (h.reference() == null) {
            return null;
        }
        return h.reference().reference() == ReferenceKind.STATIC_FIELD ? h.reference().field() : Steps.via(h.reference());
    }

    private static String threadName(String name) {
        return Objects.requireNonNullElse(name, UNKNOWN_THREAD);
    }

    /**
     * {@code com.acme.Foo.bar (static)}, {@code com.acme.Foo.bar}, {@code pool 'billing'}, {@code stacks of 3 threads
     * (a, b, c)}, or what a truncated dump left of the holder.
     */
    private static String description(ConnectionFinding f) {
        ConnectionFinding.Holder h = f.holder();
        if (h.kind() == HolderKind.NO_PATH) {
            return "no path from a GC root";
        }
        if (h.reachabilityUnknown()) {
            return h.className() + " objects whose own referrers were lost in the cut";
        }
        if (h.kind() == HolderKind.POOL && f.pool() != null) {
            return "pool '" + f.pool().name() + "'";
        }
        if (f.threadHold() != null) {
            String field = h.reference() == null ? h.className() : h.className() + "." + Steps.via(h.reference());
            return ThreadHoldSentences.holder(f.threadHold(), field);
        }
        if (h.kind() == HolderKind.THREAD_STACK) {
            TreeSet<String> names = new TreeSet<>();
            h.threads().forEach(t -> names.add(threadName(t)));
            if (names.isEmpty()) {
                names.add(UNKNOWN_THREAD);
            }
            String list = String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", ..." : "");
            return names.size() == 1 ? "stack of thread \"" + names.first() + "\""
                    : "stacks of " + names.size() + " threads (" + list + ")";
        }
        return h.reference() == null ? h.className() : h.className() + "." + Steps.via(h.reference());
    }

    /** What is held, by what, how much: e.g. "200 open H2 JDBC connections are held by the static field ...". */
    private static String summary(ConnectionFinding f, Report.ConnectionHolder holder) {
        long count = f.count();
        String what = states(count, f.open(), f.closed(), f.partial()) + " " + plural(f.kind().displayName(), count);
        String size = String.format(Locale.ROOT, "together they retain %s (%.1f%% of the heap)", Bytes.human(f.retainedBytes()),
                f.percentOfHeap()) + keptAlive(f.keptAlive(), f.retainedBytes());
        ConnectionFinding.Pool pool = f.pool();
        String poolText = pool == null ? "no pool owns them" : "they belong to pool '" + pool.name() + "'" + poolCounts(pool);
        return switch (f.holder().kind().role()) {
            case POOL -> String.format(Locale.ROOT, "%s %s kept by the pool's own structures; %s", what, be(count), poolText);
            case THREAD -> String.format(Locale.ROOT, "%s %s held by %s", what, be(count),
                    f.threadHold() != null ? holder.description() : where(f.holder(), holder));
            case APPLICATION, UNKNOWN -> String.format(Locale.ROOT, "%s %s held by %s; %s; %s", what, be(count),
                    where(f.holder(), holder), poolText, size);
        };
    }

    /** "; with the 200 org.h2.engine.SessionLocal they keep alive, 601 KiB (12.3% of the heap)", when they add bytes. */
    private static String keptAlive(ConnectionFinding.KeptAlive kept, long retained) {
        if (kept == null || kept.companions() == 0 || kept.bytes() <= retained) {
            return "";
        }
        return String.format(Locale.ROOT, "; with the %,d %s they keep alive, %s (%.1f%% of the heap)", kept.companions(),
                kept.companionClass(), Bytes.human(kept.bytes()), kept.percentOfHeap());
    }

    private static String explain(ConnectionFinding f, Report.ConnectionHolder holder, String summary, Long truncatedAt) {
        String cut = f.partial() ? " (Partial: the dump is truncated"
                + (truncatedAt == null ? "" : " at " + Bytes.human(truncatedAt) + " of an unknown total")
                + ", so there may be more.)" : "";
        String field = holder.field() == null ? "that holder" : holder.field();
        if (f.threadHold() != null) {
            return summary + ". " + ThreadHoldSentences.explain(f.threadHold(), f.verdict() == Verdict.LEAK ? f.leakType() : null,
                    f.pool()) + cut;
        }
        if (f.verdict() != Verdict.LEAK) {
            return summary + "." + switch (f.holder().kind().role()) {
                case POOL -> " Normal.";
                case THREAD -> " In use by running code (a request in progress, a server's sessions): not a leak.";
                case APPLICATION, UNKNOWN -> " Below the leak thresholds: a few long-lived connections in a field can be a design.";
            };
        }
        return summary + ". " + switch (f.leakType()) {
            case CLOSED_CONNECTIONS_RETAINED -> "Not a connection leak but a memory leak of dead connections: stop"
                    + " keeping them in " + field + " after close().";
            case POOL_EXHAUSTED -> "The pool is exhausted and its borrowed connections are kept by the application, not"
                    + " by any thread: probable connection leak. Return them with try-with-resources instead of storing"
                    + " them in " + field + ".";
            case LARGE_RETAINED_SHARE -> "They hold a large share of the heap: check what each one keeps (statements,"
                    + " result sets, buffers).";
            case OPEN_CONNECTIONS_HELD, THREAD_ACCUMULATION -> "Probable connection leak: look for code that opens these"
                    + " connections and stores them in " + field + " without closing them (use try-with-resources).";
        } + cut;
    }

    /** "the static field com.acme.Foo.bar (a HashMap)", "the field com.acme.Foo.bar", or a thread's stack. */
    private static String where(ConnectionFinding.Holder h, Report.ConnectionHolder holder) {
        if (h.kind() == HolderKind.NO_PATH || h.reachabilityUnknown()) {
            return holder.description();
        }
        if (h.kind() == HolderKind.THREAD_STACK) {
            return "the " + holder.description();
        }
        String container = h.container() == null ? "" : " (" + article(simple(h.container())) + ")";
        if (holder.field() == null) {
            return holder.description() + container;
        }
        return (holder.isStatic() ? "the static field " : "the field ") + holder.className() + "." + holder.field()
                + container;
    }

    /** In a cut dump, connections whose state was lost in the cut count with the open ones: "N open or unknown". */
    private static String states(long count, long open, long closed, boolean partial) {
        if (open == count) {
            return String.format(Locale.ROOT, "%,d open", count);
        }
        if (partial && closed == 0) {
            return String.format(Locale.ROOT, "%,d open or unknown", count);
        }
        if (closed == count) {
            return String.format(Locale.ROOT, "%,d closed", count);
        }
        return String.format(Locale.ROOT, "%,d (%,d open, %,d closed, %,d unknown)", count, open, closed, count - open - closed);
    }

    private static String be(long count) {
        return count == 1 ? "is" : "are";
    }

    /** "H2 JDBC connection" to "H2 JDBC connections"; a class name gets "objects". */
    static String plural(String name, long count) {
        if (count == 1) {
            return name;
        }
        if (!name.contains(" ") && name.contains(".")) {
            return name + " objects";
        }
        if (name.endsWith(")")) {
            int open = name.lastIndexOf(" (");
            return open > 0 ? plural(name.substring(0, open), count) + name.substring(open) : name;
        }
        return name.endsWith("y") ? name.substring(0, name.length() - 1) + "ies" : name + "s";
    }

    private static String article(String noun) {
        return ("AEIOU".indexOf(Character.toUpperCase(noun.charAt(0))) >= 0 ? "an " : "a ") + noun;
    }

    private static String poolCounts(ConnectionFinding.Pool p) {
        return String.format(Locale.ROOT, " (max %s, active %s, idle %s)", n(p.maxSize()), n(p.active()), n(p.idle()));
    }

    private static String n(Integer v) {
        return v == null ? "?" : v.toString();
    }

    private static String simple(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
