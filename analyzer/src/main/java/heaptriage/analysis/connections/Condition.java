package heaptriage.analysis.connections;

import java.util.List;

/** A test on one value read through a field path, as written in the catalogue ({@code closedWhen}, {@code is}). */
public sealed interface Condition {
    /** The reference is null. */
    record IsNull() implements Condition {
    }

    /** The reference is not null. */
    record NotNull() implements Condition {
    }

    /** A boolean field (or Boolean / AtomicBoolean) has this value. */
    record BooleanIs(boolean value) implements Condition {
    }

    /** An integral field (or boxed / atomic number) has this value. */
    record NumberIs(long value) implements Condition {
    }

    /** A String has this text, or an enum constant has this name. */
    record TextIs(String value) implements Condition {
    }

    /** An integral value has all these bits set. */
    record BitsSet(long mask) implements Condition {
    }

    /** An integral value has all these bits clear. */
    record BitsClear(long mask) implements Condition {
    }

    /** The referenced object's class name matches a glob ({@code *} matches any run of characters). */
    record ClassIs(String glob) implements Condition {
        /** True when the class name matches the glob. */
        public boolean matches(String className) {
            return Globs.matches(glob, className);
        }
    }

    /** Any of several conditions. */
    record AnyOf(List<Condition> conditions) implements Condition {
        public AnyOf {
            conditions = List.copyOf(conditions);
        }
    }
}
