package heaptriage.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * The version from the jar's manifest, the commit it was built from (written into the jar by the build; "unknown"
 * when built without git) and the Java runtime running it.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"heaptriage " + (v == null ? "development build" : v) + ", " + commit(),
            "Java " + System.getProperty("java.runtime.version", System.getProperty("java.version")) + " ("
                + System.getProperty("java.vm.name", "unknown VM") + ", " + System.getProperty("java.vendor", "unknown vendor")
                + ") on " + System.getProperty("os.name", "?") + " " + System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)};
    }

    /** "commit 1a2b3c4 of 2026-11-30", from build.properties, which the build writes with git's answer. */
    static String commit() {
        Properties build = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // same as absent
        }
        String[] idAndDate = build.getProperty("commit", "").trim().split(" ");
        if (idAndDate[0].isEmpty() || !idAndDate[0].matches("[0-9a-f]{4,40}")) {
            return "commit unknown (built without git)";
        }
        return "commit " + idAndDate[0] + (idAndDate.length > 1 ? " of " + idAndDate[1] : "");
    }
}
