package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.LargestHolders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;
import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.connections.ConnectionFinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What the HTML templates ({@code report.html.mustache}, {@code diff.html.mustache} and their partials) show: the
 * report's and the diff's figures already formatted as text, and flags for what to show. Every text here is written
 * escaped by the template; the only markup made here is {@link #BREAKABLE}, which adds line-break hints to text the
 * template has already escaped.
 */
final class HtmlView {
    /**
     * Lets long class names wrap after a dot or a dollar sign. A template lambda: its input is the section's text as
     * the template rendered it, so already escaped; it only adds {@code <wbr>} elements.
     */
    static final Function<String, String> BREAKABLE = escaped -> escaped.replace(".", ".<wbr>").replace("$", "$<wbr>");

    private final int top;

    /** @param top rows per table; 0 or less for all rows */
    HtmlView(int top) {
        this.top = top;
    }

    /** The head and foot of every page; css and script are written raw, they are our own files. */
    record Page(String tool, String title, String file, String css, String script, String schemaName, int schemaVersion) {
    }

    /** A table row. */
    record Row(List<Cell> cells) {
    }

    /**
     * One table cell: a class name ({@code name}, may wrap), or text with a CSS class and an optional sort key
     * ({@code data-v}).
     */
    record Cell(boolean name, String css, String key, String text) {
    }

    /** A sortable table's rows, at most {@code top}, and how many more rows there are (null for none). */
    record Table(List<Row> rows, String more) {
    }

    record ReportPage(Page page, Function<String, String> breakable, boolean leak, String verdict,
                      List<String> warnings, DumpFacts dump, HeapFacts heap, Table garbage,
                      List<Finding> connections, Retention retention, Chart chart, Table dominators, Table holders,
                      boolean hasSuspects, List<Suspect> suspects, Table largest, Table histogram,
                      ThreadList threads) {
    }

    record DumpFacts(String file, String onDisk, boolean compressed, String hprofVersion, int idSize,
                     boolean compressedReferences, int objectAlignment, boolean truncated) {
    }

    record HeapFacts(String usedHeap, String objects, String classes, String gcRoots, Amount garbage,
                     Amount reachabilityUnknown) {
    }

    record Amount(String bytes, String objects) {
    }

    record Finding(boolean leak, String count, String displayName, String className, String category, boolean partial,
                   Holder holder, String open, String closed, String unknown, String retained, String each,
                   String percent, String verdict, String leakType, String confidence, Pool pool,
                   boolean hasFacts, List<NameValue> facts, boolean hasLayers, List<Item> layers,
                   String explanation, Path path) {
    }

    /** Who holds a group of connections; {@code details} are "holder static field", "GC root ..." and the like. */
    record Holder(String description, boolean hasDetails, List<Detail> details) {
    }

    /** One "name value" detail; {@code separator} is empty for the first. */
    record Detail(String separator, String name, String value) {
    }

    record Pool(String name, String className, String maxSize, String active, String idle, String total) {
    }

    record NameValue(String name, String value) {
    }

    /** An item of a list written inline, with separators between items. */
    record Item(boolean first, String text) {
    }

    /** A path from a GC root; {@code open} when it starts unfolded; {@code length} says "3 steps". */
    record Path(boolean open, String length, List<Step> steps) {
    }

    /** One step: the root itself ({@code root}), or the field ({@code via}) that leads to the next object. */
    record Step(int indent, boolean root, String className, String address, String via, String retained) {
    }

    /** The icicle chart's figures; {@code json} is already escaped for a script element. */
    record Retention(String heapSize, String nodes, String json) {
    }

    /** The dominator bar chart: svg size and label column from {@link HtmlRenderer}'s constants. */
    record Chart(int width, int height, int labelRight, int barLeft, String shown, String total, List<Bar> bars) {
    }

    record Bar(String className, String value, String objects, int textY, String label, int rectY, String width,
               String fill, String valueX) {
    }

    record Suspect(boolean single, String className, String address, String objects, String retained,
                   String percent, Accumulation accumulation, Path path) {
    }

    record Accumulation(String className, String address, String retained) {
    }

    record ThreadList(List<ThreadEntry> shown, String more) {
    }

    record ThreadEntry(String name, String className, String address, String retained, String frameCount,
                  boolean hasFrames, List<Frame> frames) {
    }

    record Frame(String text, boolean hasLocals, List<Local> locals) {
    }

    record Local(String className, String address, String retained) {
    }

    record DiffPage(Page page, Function<String, String> breakable, boolean leak, String verdict, List<String> warnings,
                    String baseline, String current, String usedHeap, String objects, String unreachable,
                    List<ConnectionGrowth> connections, Table classes, Table dominators, List<NewSuspect> newSuspects) {
    }

    record ConnectionGrowth(boolean leak, String text) {
    }

    record NewSuspect(String kind, String className, String retained, String percent) {
    }

    ReportPage report(Report r, String css, String script, String retentionJson) {
        String tool = r.tool() == null ? "heaptriage" : r.tool();
        Page page = new Page(tool, r.dump() == null ? "report" : fileName(r.dump().file()),
                r.dump() == null ? null : r.dump().file(), css, script, "report", r.schemaVersion());
        List<Report.Connection> connections = list(r.connections());
        List<Report.Suspect> suspects = list(r.suspects());
        Report.HeapInfo h = r.heap();
        return new ReportPage(page, BREAKABLE, connections.stream().anyMatch(Report.Connection::isLeak), r.verdict(),
                list(r.warnings()), dump(r.dump()), heap(h),
                h == null || list(h.unreachableByClass()).isEmpty() ? null : garbage(h.unreachableByClass()),
                connections.stream().map(this::finding).toList(),
                retention(list(r.retentionTree()), h == null ? 0 : h.usedHeapBytes(), retentionJson),
                chart(list(r.dominatorRetention())), dominators(list(r.dominatorRetention())),
                holders(list(r.holders())), !suspects.isEmpty(), suspects.stream().map(this::suspect).toList(),
                largest(list(r.largestObjects())), histogram(list(r.histogram())), threads(list(r.threads())));
    }

    DiffPage diff(ReportDiff d, String css, String script) {
        Page page = new Page("heaptriage", "diff of " + fileName(d.baseline().file()) + " and "
                + fileName(d.current().file()), d.baseline().file() + " -> " + d.current().file(), css, script, "diff",
                d.schemaVersion());
        return new DiffPage(page, BREAKABLE, d.connections().stream().anyMatch(DiffFigures::leakAfter),
                d.current().verdict() == null ? "" : d.current().verdict(), d.warnings(), d.baseline().file(),
                d.current().file(), DiffFigures.bytes(d.usedHeapBytes()), DiffFigures.count(d.objects()),
                DiffFigures.bytes(d.unreachableBytes()),
                d.connections().stream().map(c -> new ConnectionGrowth(DiffFigures.leakAfter(c), DiffFigures.connection(c)))
                        .toList(),
                growth(d.classes()), growth(d.dominatorRetention()),
                d.newSuspects().stream().map(s -> new NewSuspect(s.kind().name().toLowerCase(Locale.ROOT), s.className(),
                        Bytes.human(s.retainedBytes()), pct(s.percentOfHeap()))).toList());
    }

    private static DumpFacts dump(Report.DumpInfo d) {
        return d == null ? null : new DumpFacts(d.file(), Bytes.human(d.fileBytes()), d.compressed(), d.hprofVersion(),
                d.idSize(), d.compressedReferences(), d.objectAlignment(), d.truncated());
    }

    private static HeapFacts heap(Report.HeapInfo h) {
        if (h == null) {
            return null;
        }
        return new HeapFacts(Bytes.human(h.usedHeapBytes()), count(h.objects()), count(h.classes()), count(h.gcRoots()),
                amount(h.unreachable()), amount(h.reachabilityUnknown()));
    }

    /** Null when there is nothing to say: no amount, or no objects. */
    private static Amount amount(Report.Amount a) {
        return a == null || a.objects() <= 0 ? null : new Amount(Bytes.human(a.shallowBytes()), count(a.objects()));
    }

    private Table garbage(List<Report.ClassAmount> rows) {
        return table(rows, (c, n) -> new Row(List.of(number(n), name(c.className()), num(c.objects(), count(c.objects())),
                num(c.shallowBytes(), Bytes.human(c.shallowBytes())))));
    }

    private Finding finding(Report.Connection f) {
        Report.ConnectionHolder holder = f.holder();
        Holder held = null;
        Path path = null;
        if (holder != null) {
            List<Detail> details = new ArrayList<>();
            detail(details, "holder", holder.type());
            detail(details, "through", holder.container());
            detail(details, "GC root", holder.rootKind());
            held = new Holder(holder.description(), !details.isEmpty(), details);
            path = path(holder.path(), f.isLeak());
        }
        ConnectionFinding.Pool p = f.pool();
        Pool pool = p == null ? null : new Pool(p.name() == null ? "(unnamed)" : p.name(), p.className(),
                optional(p.maxSize()), optional(p.active()), optional(p.idle()), optional(p.total()));
        Map<String, String> facts = f.facts() == null ? Map.of() : f.facts();
        List<String> layers = list(f.layers());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            items.add(new Item(i == 0, layers.get(i)));
        }
        return new Finding(f.isLeak(), count(f.count()), f.displayName(), f.className(), f.category(), f.partial(), held,
                count(f.open()), count(f.closed()), count(f.unknown()), Bytes.human(f.retainedBytes()),
                Bytes.human(f.retainedBytesPerConnection()), pct(f.percentOfHeap()), f.verdict(), f.leakType(),
                f.confidence(), pool, !facts.isEmpty(),
                facts.entrySet().stream().map(e -> new NameValue(e.getKey(), e.getValue())).toList(), !items.isEmpty(),
                items, f.explanation(), path);
    }

    private static void detail(List<Detail> details, String name, String value) {
        if (value != null && !value.isEmpty()) {
            details.add(new Detail(details.isEmpty() ? "" : ", ", name, value));
        }
    }

    /** Null for no steps. */
    private static Path path(List<Report.Step> steps, boolean open) {
        if (steps == null || steps.isEmpty()) {
            return null;
        }
        List<Step> shown = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Report.Step s = steps.get(i);
            shown.add(new Step(Math.min(i, 12), i == 0, s.className(), hex(s.address()), s.via(),
                    Bytes.human(s.retainedBytes())));
        }
        return new Path(open, steps.size() + (steps.size() == 1 ? " step" : " steps"), shown);
    }

    /** Null for an empty tree. */
    private static Retention retention(List<RetentionTree.Node> nodes, long usedHeapBytes, String json) {
        if (nodes.isEmpty()) {
            return null;
        }
        return new Retention(Bytes.human(usedHeapBytes),
                count(nodes.size()) + (nodes.size() == 1 ? " node." : " nodes."), json);
    }

    /** A horizontal bar chart of the top rows, bars relative to the largest, labelled with size and share. */
    private static Chart chart(List<TopDominatorsByClass.Row> rows) {
        List<TopDominatorsByClass.Row> shown = rows.subList(0, Math.min(HtmlRenderer.CHART_ROWS, rows.size()));
        long max = shown.stream().mapToLong(TopDominatorsByClass.Row::retainedBytes).max().orElse(0);
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < shown.size(); i++) {
            TopDominatorsByClass.Row row = shown.get(i);
            int y = 4 + i * HtmlRenderer.CHART_ROW;
            double width = max <= 0 ? 0 : Math.max(1, (double) HtmlRenderer.CHART_BAR * row.retainedBytes() / max);
            bars.add(new Bar(row.className(), Bytes.human(row.retainedBytes()) + "  " + pct(row.percentOfHeap()),
                    count(row.objects()) + (row.objects() == 1 ? " object" : " objects"), y + 16,
                    Shorten.toWidth(row.className(), HtmlRenderer.CHART_LABEL_CHARS, Shorten.ELLIPSIS), y + 4,
                    String.format(Locale.ROOT, "%.1f", width), i == 0 ? "#3b6fb6" : "#6f97cf",
                    String.format(Locale.ROOT, "%.1f", HtmlRenderer.CHART_LABEL + width + 6)));
        }
        return new Chart(HtmlRenderer.CHART_WIDTH, Math.max(1, shown.size()) * HtmlRenderer.CHART_ROW + 8,
                HtmlRenderer.CHART_LABEL - 8, HtmlRenderer.CHART_LABEL, String.valueOf(shown.size()),
                count(rows.size()), bars);
    }

    private Table dominators(List<TopDominatorsByClass.Row> rows) {
        return table(rows, (row, n) -> new Row(List.of(number(n), name(row.className()),
                num(row.objects(), count(row.objects())), num(row.shallowBytes(), Bytes.human(row.shallowBytes())),
                num(row.retainedBytes(), Bytes.human(row.retainedBytes())), percent(row.percentOfHeap()))));
    }

    private Table holders(List<Report.HolderRow> rows) {
        return table(rows, (h, n) -> new Row(List.of(number(n), name(h.name()), new Cell(false, "kind", null, kind(h.kind())),
                name(h.heldClassName()), num(h.retainedBytes(), Bytes.human(h.retainedBytes())),
                percent(h.percentOfHeap()))));
    }

    private static String kind(LargestHolders.Kind kind) {
        if (kind == null) {
            return "";
        }
        return switch (kind) {
            case STATIC_FIELD -> "static field";
            case THREAD -> "thread";
            case GC_ROOT -> "GC root";
        };
    }

    private Suspect suspect(Report.Suspect s) {
        return new Suspect(s.kind() == LeakSuspects.Kind.SINGLE, s.className(), hex(s.address()), count(s.objects()),
                Bytes.human(s.retainedBytes()), pct(s.percentOfHeap()),
                s.accumulationClass() == null ? null : new Accumulation(s.accumulationClass(),
                        hex(s.accumulationAddress()), Bytes.human(s.accumulationRetainedBytes())),
                path(s.pathFromGcRoot(), false));
    }

    private Table largest(List<Report.LargestObject> rows) {
        return table(rows, (o, n) -> new Row(List.of(number(n), name(o.className()),
                new Cell(false, "num addr", Long.toUnsignedString(o.address()), hex(o.address())),
                num(o.shallowBytes(), Bytes.human(o.shallowBytes())), num(o.retainedBytes(), Bytes.human(o.retainedBytes())),
                percent(o.percentOfHeap()))));
    }

    private Table histogram(List<Report.HistogramRow> rows) {
        return table(rows, (row, n) -> new Row(List.of(number(n), name(row.className()),
                num(row.instances(), count(row.instances())), num(row.shallowBytes(), Bytes.human(row.shallowBytes())),
                num(row.retainedBytes(), Bytes.human(row.retainedBytes())))));
    }

    private ThreadList threads(List<Threads.ThreadInfo> threads) {
        List<ThreadEntry> shown = new ArrayList<>();
        for (Threads.ThreadInfo t : limit(threads)) {
            List<Frame> frames = new ArrayList<>();
            for (Threads.Frame f : list(t.frames())) {
                List<Local> locals = list(f.locals()).stream()
                        .map(l -> new Local(l.className(), hex(l.address()), Bytes.human(l.retainedBytes()))).toList();
                frames.add(new Frame(f.text(), !locals.isEmpty(), locals));
            }
            shown.add(new ThreadEntry(t.name(), t.className(), hex(t.address()), Bytes.human(t.retainedBytes()),
                    frames.size() + (frames.size() == 1 ? " frame" : " frames"), !frames.isEmpty(), frames));
        }
        return new ThreadList(shown, more(threads));
    }

    private Table growth(List<ReportDiff.ClassDelta> rows) {
        return table(rows, (c, n) -> new Row(List.of(name(DiffFigures.className(c)),
                num(c.instances().before(), count(c.instances().before())),
                num(c.instances().after(), count(c.instances().after())),
                num(c.retainedBytes().before(), Bytes.human(c.retainedBytes().before())),
                num(c.retainedBytes().after(), Bytes.human(c.retainedBytes().after())),
                num(c.retainedBytes().delta(), DiffFigures.signed(c.retainedBytes().delta())))));
    }

    /** The first {@code top} rows, each made by {@code row} from the item and its 1-based number. */
    private <T> Table table(List<T> items, java.util.function.BiFunction<T, Integer, Row> row) {
        List<Row> rows = new ArrayList<>();
        List<T> shown = limit(items);
        for (int i = 0; i < shown.size(); i++) {
            rows.add(row.apply(shown.get(i), i + 1));
        }
        return new Table(rows, more(items));
    }

    private <T> List<T> limit(List<T> rows) {
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    /** "12" of "12 more rows not shown", or null when all are shown. */
    private String more(List<?> rows) {
        return top > 0 && rows.size() > top ? count(rows.size() - top) : null;
    }

    private static Cell number(int n) {
        return num(n, String.valueOf(n));
    }

    private static Cell num(long sortKey, String text) {
        return new Cell(false, "num", String.valueOf(sortKey), text);
    }

    private static Cell percent(double percent) {
        return new Cell(false, "num", String.format(Locale.ROOT, "%.6f", percent), pct(percent));
    }

    private static Cell name(String className) {
        return new Cell(true, "name", null, className);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    private static String optional(Integer n) {
        return n == null ? "?" : count(n);
    }

    private static <T> List<T> list(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    private static String fileName(String path) {
        if (path == null) {
            return "report";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }
}
