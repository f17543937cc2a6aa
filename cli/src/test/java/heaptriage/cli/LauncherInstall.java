package heaptriage.cli;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A copy of the real launcher beside a jar whose manifest points at this build's classes, laid out as in the
 * repository (heaptriage, cli/target/heaptriage.jar), so the launcher runs it without building anything.
 */
final class LauncherInstall {
    private LauncherInstall() {
    }

    /** Installs the launcher into {@code dir}; returns the launcher's path. Skips the caller's tests without bash. */
    static Path into(Path dir) throws IOException {
        assumeTrue(new File("/bin/bash").canExecute(), "needs bash");
        Path launcher = dir.resolve("heaptriage");
        Files.copy(Path.of("..", "heaptriage"), launcher);
        assertTrue(launcher.toFile().setExecutable(true));
        Path jar = dir.resolve("cli/target/heaptriage.jar");
        Files.createDirectories(jar.getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "heaptriage.cli.Main");
        String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
                .collect(Collectors.joining(" "));
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.flush();
        }
        return launcher;
    }
}
