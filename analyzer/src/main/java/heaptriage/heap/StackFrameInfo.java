package heaptriage.heap;

/** One frame of a thread's stack trace as the dump records it. */
public record StackFrameInfo(String className, String methodName, String signature, String sourceFile, int line) {

    /** The frame as a Java stack trace line, e.g. {@code com.acme.Foo.bar(Foo.java:42)}. */
    public String describe() {
        String where = sourceFile == null || sourceFile.isEmpty() ? "Unknown Source"
                : line > 0 ? sourceFile + ":" + line : sourceFile;
        if (line == -3) {
            where = "Native Method";
        }
        return className + "." + methodName + "(" + where + ")";
    }
}
