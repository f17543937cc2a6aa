package heaptriage.analysis.connections;

/** A catalogue file that cannot be used, with the file, line, column and entry that is wrong. */
public final class CatalogException extends IllegalArgumentException {
    private final String source;
    private final int line;
    private final int column;

    public CatalogException(String source, int line, int column, String message) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /** The file or resource name. */
    public String source() {
        return source;
    }

    /** 1-based line of the offending value, or 0 when unknown. */
    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
