package heaptriage.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files one generator run produced.
 *
 * @param scenario  scenario name
 * @param dump      {@code <scenario>.hprof} or {@code <scenario>.hprof.gz}
 * @param histogram {@code <scenario>.histo.txt}, jcmd's class histogram taken right after the dump
 * @param truth     {@code <scenario>.truth.json}, what the scenario guarantees about its heap
 */
public record GeneratedDump(String scenario, Path dump, Path histogram, Path truth) {

    private static final Pattern EXPECTED_BLOCK = Pattern.compile("\"expectedInstances\"\\s*:\\s*\\{([^}]*)}");
    private static final Pattern EXPECTED_ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(\\d+)");

    /** The parsed class histogram, for asserting instance counts. */
    public Histogram readHistogram() {
        return Histogram.parse(histogram);
    }

    /**
     * The truth file's {@code expectedInstances}: exact instance counts per class name, which the
     * histogram (and a correct analyzer) must reproduce. Read with a regex because this module has
     * no JSON library and the block is a flat map of names to numbers.
     */
    public Map<String, Long> expectedInstances() {
        Matcher block = EXPECTED_BLOCK.matcher(readTruth());
        if (!block.find()) {
            throw new IllegalStateException("no expectedInstances in " + truth);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher entry = EXPECTED_ENTRY.matcher(block.group(1));
        while (entry.find()) {
            counts.put(entry.group(1), Long.parseLong(entry.group(2)));
        }
        return counts;
    }

    /** The truth file as text (tests parse it with whatever JSON library their module has). */
    public String readTruth() {
        try {
            return Files.readString(truth);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
