package heaptriage.samples;

import heaptriage.samples.scenarios.Scenario;
import heaptriage.samples.scenarios.Scenarios;
import java.io.IOException;
import java.io.InputStream;

/**
 * Child JVM entry point: {@code ScenarioMain NAME [--size BYTES] [--requests N]}. Sets the scenario up, prints
 * {@code READY <pid> <facts-json>} and then blocks until stdin reaches EOF, so it dies with its parent.
 */
public final class ScenarioMain {

    private ScenarioMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.out.println("FAILED usage: ScenarioMain NAME [--size BYTES] [--requests N]");
            System.exit(2);
        }
        long sizeBytes = 0;
        int requests = Options.DEFAULT_REQUESTS;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--size" -> sizeBytes = Long.parseLong(args[i + 1]);
                case "--requests" -> requests = Integer.parseInt(args[i + 1]);
                default -> {
                    System.out.println("FAILED unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        try {
            announce(args[0], sizeBytes, requests);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t);
            System.out.flush();
            System.exit(1);
        }
        // Nothing of ours is referenced from this frame any more: the dump shows only the application.
        InputStream in = System.in;
        while (in.read() != -1) {
            // The parent never writes; we only wait for it to close the pipe.
        }
        System.exit(0);
    }

    /** In its own method so the facts and their JSON are garbage once READY is printed. */
    private static void announce(String name, long sizeBytes, int requests) throws Exception {
        Scenario scenario = Scenarios.byName(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name));
        Facts facts = scenario.run(sizeBytes, requests);
        // Drop setup garbage so the facts' heap numbers, and -all dumps, show the settled state.
        System.gc();
        String json = Json.compact(facts.toMap());
        System.out.println("READY " + ProcessHandle.current().pid() + " " + json);
        System.out.flush();
    }
}
