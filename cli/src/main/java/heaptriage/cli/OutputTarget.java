package heaptriage.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a command writes its report: a file, or standard output ({@code -o -} or no {@code -o}). The file's place
 * is checked while the command line is parsed, so a typo in {@code -o} costs nothing: a missing folder, a
 * read-only place or a directory given as the file is a usage error before any dump is read.
 */
record OutputTarget(Path file) {
    /** Standard output. */
    static final OutputTarget STDOUT = new OutputTarget(null);

    /** Standard output when {@code target} is null. */
    static OutputTarget orStdout(OutputTarget target) {
        return target == null ? STDOUT : target;
    }

    boolean isStdout() {
        return file == null;
    }

    /** The file name in lower case ("" for standard output), to choose a format by its extension. */
    String lowerCaseName() {
        return file == null || file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
    }

    /** A usage error when the output would overwrite the input (a dump is read-only to us, a report too). */
    void requireNotSameAs(Path input, String what) {
        if (file == null || input == null) {
            return;
        }
        try {
            boolean same = Files.exists(file) && Files.exists(input) ? Files.isSameFile(file, input)
                    : file.toAbsolutePath().normalize().equals(input.toAbsolutePath().normalize());
            if (same) {
                throw new UsageError("-o " + file + " is the " + what + " itself: write the report to another file");
            }
        } catch (IOException e) {
            // cannot tell: the write itself will say what is wrong
        }
    }

    /** Opens the target; standard output stays open when the returned stream is closed. */
    OutputStream open() throws IOException {
        if (file == null) {
            return new FilterOutputStream(System.out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UsageError("cannot write " + file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String name = e.getClass().getSimpleName().replace("Exception", "");
        return e.getMessage() == null ? name : name + " (" + e.getMessage() + ")";
    }

    /** Reads {@code -o}: {@code -} is standard output; a file must be writable where it is to be written. */
    static final class Converter implements ITypeConverter<OutputTarget> {
        @Override
        public OutputTarget convert(String value) {
            if (value.equals("-")) {
                return STDOUT;
            }
            if (value.isBlank()) {
                throw new TypeConversionException("an empty file name; give a file, or - for standard output");
            }
            Path file = Path.of(value);
            if (Files.isDirectory(file)) {
                throw new TypeConversionException(value + " is a directory; give a file name, e.g. " + file.resolve("report.json"));
            }
            if (Files.exists(file)) {
                if (!Files.isWritable(file)) {
                    throw new TypeConversionException(value + " exists and cannot be written (read-only?)");
                }
                return new OutputTarget(file);
            }
            Path folder = file.toAbsolutePath().getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new TypeConversionException("the folder " + folder + " does not exist; create it first or write elsewhere");
            }
            if (!canCreateFilesIn(folder)) {
                throw new TypeConversionException("cannot create files in " + folder + " (read-only or not yours); write elsewhere");
            }
            return new OutputTarget(file);
        }

        /** Tries it: permission bits do not tell for root, nor for read-only mounts. */
        private static boolean canCreateFilesIn(Path folder) {
            try {
                Files.delete(Files.createTempFile(folder, ".heaptriage-", ".probe"));
                return true;
            } catch (IOException | SecurityException e) {
                return false;
            }
        }
    }
}
