package heaptriage.heap;

import java.nio.file.Path;

/**
 * What happened to a kept index: reused, kept, found stale (the dump or the tool changed: it is not used), or found
 * damaged (ignored). Renderers turn it into one line.
 *
 * @param kind   what happened
 * @param folder the kept index folder
 * @param change for {@link Kind#STALE}, what no longer matches; else null
 * @param damage for {@link Kind#DAMAGED}, what is wrong with it; else null
 */
public record KeptIndexEvent(Kind kind, Path folder, IndexManifest.Change change, String damage) {
    /** What happened to the kept index. */
    public enum Kind {
        /** The dump was not parsed: its kept index was read instead. */
        REUSED,
        /** The index was saved for the next command on the dump. */
        KEPT,
        /** A kept index exists but no longer matches the dump or this version: it was not used. */
        STALE,
        /** A kept index exists but cannot be read (a file is cut short or changed, the manifest is bad): ignored. */
        DAMAGED
    }

    static KeptIndexEvent reused(Path folder) {
        return new KeptIndexEvent(Kind.REUSED, folder, null, null);
    }

    static KeptIndexEvent kept(Path folder) {
        return new KeptIndexEvent(Kind.KEPT, folder, null, null);
    }

    static KeptIndexEvent stale(Path folder, IndexManifest.Change change) {
        return new KeptIndexEvent(Kind.STALE, folder, change, null);
    }

    static KeptIndexEvent damaged(Path folder, String damage) {
        return new KeptIndexEvent(Kind.DAMAGED, folder, null, damage);
    }
}
