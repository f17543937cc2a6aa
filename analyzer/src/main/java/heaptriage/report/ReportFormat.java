package heaptriage.report;

import java.util.Locale;
import java.util.Optional;

/** The formats a report or a diff is written in, each with the name users type and the file endings it goes by. */
public enum ReportFormat {
    TEXT("text", ".txt"),
    JSON("json", ".json"),
    MARKDOWN("md", ".md"),
    HTML("html", ".html", ".htm");

    private final String cliName;
    private final String[] endings;

    ReportFormat(String cliName, String... endings) {
        this.cliName = cliName;
        this.endings = endings;
    }

    /** {@code text}, {@code json}, {@code md} or {@code html}. */
    public String cliName() {
        return cliName;
    }

    /** The format a name typed by a user means ({@code md}, {@code html}...), if any. */
    public static Optional<ReportFormat> ofName(String name) {
        for (ReportFormat f : values()) {
            if (f.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The format a file name's ending says ({@code report.json}, {@code ticket.md}...), if any. */
    public static Optional<ReportFormat> ofFileName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        for (ReportFormat f : values()) {
            for (String ending : f.endings) {
                if (name.endsWith(ending)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }
}
