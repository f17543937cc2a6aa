package heaptriage.cli;

import picocli.CommandLine;

/** Reads the version from the jar's manifest. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"heaptriage " + (v == null ? "development build" : v)};
    }
}
