package heaptriage.analysis.connections;

import java.util.List;

/** How the catalogue reads a pool number (max size, active, idle, total). */
public sealed interface CountSpec {
    /** A number read from the first resolvable of several paths (int fields, Integer, AtomicInteger...). */
    record Read(List<FieldPath> paths) implements CountSpec {
        public Read {
            paths = List.copyOf(paths);
        }
    }

    /**
     * The number of elements of the collection(s) at the first resolvable path, counting only elements whose
     * {@code whereField} meets {@code where} when a filter is given.
     */
    record Count(List<FieldPath> paths, FieldPath whereField, Condition where) implements CountSpec {
        public Count {
            paths = List.copyOf(paths);
        }
    }

    /** {@code minuend - subtrahend}, when both are known. */
    record Difference(CountSpec minuend, CountSpec subtrahend) implements CountSpec {
    }
}
