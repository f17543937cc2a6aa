package heaptriage.cli;

import heaptriage.heap.IndexListener;
import heaptriage.heap.IndexManifest;
import heaptriage.heap.KeptIndexEvent;

/**
 * Progress as the wrapped listener shows it, plus one stderr line for each thing that happens to a kept index:
 * reused, kept, stale or damaged. These lines show even with --quiet: they say why a command was fast or slow.
 */
final class KeptIndexNotices implements IndexListener {
    private final IndexListener progress;

    KeptIndexNotices(IndexListener progress) {
        this.progress = progress;
    }

    @Override
    public void phase(String name) {
        progress.phase(name);
    }

    @Override
    public void bytesRead(long position) {
        progress.bytesRead(position);
    }

    @Override
    public void keptIndex(KeptIndexEvent event) {
        ProgressLine.clear();
        System.err.println("heaptriage: " + describe(event));
    }

    /** The event as one line, without the program's name. */
    static String describe(KeptIndexEvent event) {
        String folder = String.valueOf(event.folder());
        return switch (event.kind()) {
            case REUSED -> "reusing the kept index in " + folder + " (the dump is not parsed again)";
            case KEPT -> "index kept in " + folder + ": the next command on this dump reuses it";
            case STALE -> "the kept index in " + folder + " is stale (" + why(event.change())
                    + "): parsing the dump again";
            case DAMAGED -> "warning: the kept index in " + folder + " is damaged and ignored (" + event.damage()
                    + "): parsing the dump again; delete that folder, or let --keep-index replace it";
        };
    }

    private static String why(IndexManifest.Change change) {
        return switch (change) {
            case VERSION -> "written by another version of Heap Triage";
            case PATH -> "it belongs to a dump at another path";
            case SIZE -> "the dump's size changed";
            case MODIFIED -> "the dump was written again since";
            case CONTENT -> "the dump's first bytes changed";
            case HEAP_DUMP -> "it indexes another heap dump of the file";
        };
    }
}
