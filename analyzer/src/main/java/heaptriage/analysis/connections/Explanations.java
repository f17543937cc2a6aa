package heaptriage.analysis.connections;

import heaptriage.analysis.Bytes;
import heaptriage.heap.HeapSnapshot;

import java.util.Locale;

/** Plain sentences per finding: a summary of what is held where, then what is wrong and what to look at. */
final class Explanations {
    private Explanations() {
    }

    /** What is held, by what, how much: e.g. "200 open H2 JDBC connections are held by the static field ...". */
    static String summary(ConnectionKind kind, long count, long open, long closed, long retained, double share,
                          ConnectionFinding.Holder holder, ConnectionFinding.Pool pool, String verdict, String leakType) {
        String what = states(count, open, closed) + " " + plural(kind.displayName(), count);
        String size = String.format(Locale.ROOT, "together they retain %s (%.1f%% of the heap)", Bytes.human(retained), share);
        String poolText = pool == null ? "no pool owns them" : "they belong to pool '" + pool.name() + "'" + poolCounts(pool);
        return switch (holder.type()) {
            case "pool" -> String.format(Locale.ROOT, "%s %s kept by the pool's own structures; %s", what, be(count), poolText);
            case "thread" -> String.format(Locale.ROOT, "%s %s held by %s", what, be(count), where(holder));
            default -> String.format(Locale.ROOT, "%s %s held by %s; %s; %s", what, be(count), where(holder), poolText, size);
        };
    }

    static String explain(ConnectionKind kind, long count, long open, long closed, long retained, double share,
                          ConnectionFinding.Holder holder, ConnectionFinding.Pool pool, String verdict,
                          String leakType, boolean partial, HeapSnapshot s) {
        String summary = summary(kind, count, open, closed, retained, share, holder, pool, verdict, leakType) + ".";
        String cut = partial ? " (Partial: the dump is truncated"
                + s.truncation().map(t -> " at " + Bytes.human(t.validEnd()) + " of an unknown total").orElse("")
                + ", so there may be more.)" : "";
        String field = holder.field() == null ? "that holder" : holder.field();
        if (!ConnectionFinding.LEAK.equals(verdict)) {
            return summary + switch (holder.type()) {
                case "pool" -> " Normal.";
                case "thread" -> " In use by running code (a request in progress, a server's sessions): not a leak.";
                default -> " Below the leak thresholds: a few long-lived connections in a field can be a design.";
            };
        }
        return summary + " " + switch (leakType) {
            case "closed-connections-retained" -> "Not a connection leak but a memory leak of dead connections: stop"
                    + " keeping them in " + field + " after close().";
            case "pool-exhausted" -> "The pool is exhausted and its borrowed connections are kept by the application, not"
                    + " by any thread: probable connection leak. Return them with try-with-resources instead of storing"
                    + " them in " + field + ".";
            case "large-retained-share" -> "They hold a large share of the heap: check what each one keeps (statements,"
                    + " result sets, buffers).";
            default -> "Probable connection leak: look for code that opens these connections and stores them in " + field
                    + " without closing them (use try-with-resources).";
        } + cut;
    }

    /** "the static field com.acme.Foo.bar (a HashMap)", "the field com.acme.Foo.bar", or a thread's stack. */
    private static String where(ConnectionFinding.Holder holder) {
        if (holder.className() == null || holder.description().endsWith("lost in the cut")) {
            return holder.description();
        }
        if ("thread".equals(holder.type()) && holder.description().startsWith("stack")) {
            return "the " + holder.description();
        }
        String container = holder.container() == null ? "" : " (" + article(simple(holder.container())) + ")";
        if (holder.field() == null) {
            return holder.description() + container;
        }
        return (holder.isStatic() ? "the static field " : "the field ") + holder.className() + "." + holder.field()
                + container;
    }

    private static String states(long count, long open, long closed) {
        if (open == count) {
            return String.format(Locale.ROOT, "%,d open", count);
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
