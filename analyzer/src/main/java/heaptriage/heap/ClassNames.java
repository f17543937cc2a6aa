package heaptriage.heap;

/** Turns the JVM's internal class names into the Java form reports use. */
public final class ClassNames {
    private ClassNames() {
    }

    /** {@code java/lang/String} to {@code java.lang.String}, {@code [B} to {@code byte[]}, {@code [[Ljava/lang/Object;} to {@code java.lang.Object[][]}. */
    public static String toJava(String internal) {
        int dims = 0;
        while (dims < internal.length() && internal.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return internal.replace('/', '.');
        }
        String element = internal.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "C" -> "char";
            case "F" -> "float";
            case "D" -> "double";
            case "B" -> "byte";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            default -> element.startsWith("L") && element.endsWith(";")
                    ? element.substring(1, element.length() - 1).replace('/', '.')
                    : element.replace('/', '.');
        };
        return base + "[]".repeat(dims);
    }
}
