package heaptriage.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The heap the real launcher gives the JVM for a dump of a given size within a budget of 10 GiB: a heap share of
 * 7680 MiB (all but 2 GiB, capped at three quarters), a quarter of 2560 MiB. The files are sparse and hold no dump:
 * only their size counts here.
 */
class LauncherHeapSizeTest {
    private static final long MIB = 1 << 20;

    @TempDir
    static Path install;

    @BeforeAll
    static void installLauncher() throws IOException {
        LauncherInstall.into(install);
    }

    @Test
    void aDumpWhoseTwiceItsSizeFitsTheShareGetsTwiceItsSizePlus512MiB(@TempDir Path dir) throws Exception {
        assertEquals(2 * 2048 + 512, chosenHeapMib(sparseFile(dir, 2048 * MIB)));
    }

    @Test
    void aDumpWhoseLikelyNeedFitsTheShareGetsTheWholeShare(@TempDir Path dir) throws Exception {
        // twice 4 GiB plus 512 MiB (8704 MiB) is over the share; 1.5 times plus 512 MiB (6656 MiB) fits it
        assertEquals(7680, chosenHeapMib(sparseFile(dir, 4096 * MIB)));
    }

    @Test
    void aDumpWhoseLikelyNeedIsOverTheShareGetsAQuarterOfTheBudgetForAMappedIndex(@TempDir Path dir) throws Exception {
        // 1.5 times 5 GiB plus 512 MiB is 8192 MiB: its index will be mapped, and the page cache needs the rest
        assertEquals(2560, chosenHeapMib(sparseFile(dir, 5120 * MIB)));
    }

    @Test
    void javaOptsWithoutAHeapSizeKeepTheLaunchersHeapAndPassTheirFlags(@TempDir Path dir) throws Exception {
        String java = javaLine(sparseFile(dir, 2048 * MIB), "-Dheaptriage.example=1");
        assertTrue(java.contains("-Xmx4608m -Dheaptriage.example=1"), java);
    }

    @Test
    void aHeapSizeInJavaOptsReplacesTheLaunchersHeap(@TempDir Path dir) throws Exception {
        String java = javaLine(sparseFile(dir, 2048 * MIB), "-Xmx300m");
        assertTrue(java.endsWith("java -Xmx300m"), java);
    }

    @Test
    void aGzipDumpIsSizedByItsTrailerWhenThatSaysMoreThanFourTimesItsSize(@TempDir Path dir) throws Exception {
        // a 1 MiB gzip file whose trailer says it inflates to 3 GiB: twice that plus 512 MiB fits the share
        Path gz = dir.resolve("big.hprof.gz");
        try (RandomAccessFile raf = new RandomAccessFile(gz.toFile(), "rw")) {
            raf.setLength(MIB);
            raf.write(new byte[] {0x1f, (byte) 0x8b});
            raf.seek(MIB - 4);
            raf.write(new byte[] {0, 0, 0, (byte) 0xc0}); // 0xc0000000 little-endian: 3 GiB
        }
        assertEquals(2 * 3072 + 512, chosenHeapMib(gz));
    }

    @Test
    void aGzipDumpWhoseTrailerSaysLessIsCountedAsFourTimesItsSize(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("small.hprof.gz");
        try (RandomAccessFile raf = new RandomAccessFile(gz.toFile(), "rw")) {
            raf.setLength(256 * MIB);
            raf.write(new byte[] {0x1f, (byte) 0x8b});
            raf.seek(256 * MIB - 4);
            raf.write(new byte[] {0, 0, 0, 1}); // 16 MiB: a chunked dump's last member, or a wrapped size
        }
        assertEquals(2 * 1024 + 512, chosenHeapMib(gz));
    }

    private static Path sparseFile(Path dir, long bytes) throws IOException {
        Path file = dir.resolve("sized.hprof");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes);
        }
        return file;
    }

    /** Runs the launcher with HEAPTRIAGE_SHOW_JVM=1 and reads the -Xmx it printed; the command itself then fails. */
    private static long chosenHeapMib(Path dump) throws Exception {
        Matcher xmx = Pattern.compile("java .*-Xmx(\\d+)m").matcher(javaLine(dump, null));
        assertTrue(xmx.find());
        return Long.parseLong(xmx.group(1));
    }

    /** The JVM and its options as the launcher printed them (HEAPTRIAGE_SHOW_JVM=1) with this JAVA_OPTS (or none). */
    private static String javaLine(Path dump, String javaOpts) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(install.resolve("heaptriage").toString(), "histogram", dump.toString(),
                "--memory", "10g").redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("JAVA_OPTS");
        if (javaOpts != null) {
            pb.environment().put("JAVA_OPTS", javaOpts);
        }
        pb.environment().put("HEAPTRIAGE_SHOW_JVM", "1");
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finishes");
        Matcher line = Pattern.compile("heaptriage: memory budget 10240 MiB, (java[^\\n]*)").matcher(err);
        assertTrue(line.find(), err);
        return line.group(1).strip();
    }
}
