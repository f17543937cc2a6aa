package heaptriage.report;

import java.io.PrintWriter;

/**
 * Writes a report, or a diff of two reports, in one format: every sentence and every layout decision is made by
 * the renderer of that format. Pick one with {@link #of}. Output is flushed, never closed.
 */
public interface ReportRenderer {
    void render(Report report);

    void render(ReportDiff diff);

    /**
     * The renderer of a format.
     *
     * @param out where to write (flushed, not closed)
     * @param top rows per table; 0 or less for all (Markdown caps it at 15 to keep tickets short)
     */
    static ReportRenderer of(ReportFormat format, PrintWriter out, int top) {
        return switch (format) {
            case TEXT -> new TextRenderer(out, top);
            case JSON -> new JsonRenderer(out);
            case MARKDOWN -> new MarkdownRenderer(out, top);
            case HTML -> new HtmlRenderer(out, top);
        };
    }
}
