package heaptriage.samples;

import java.util.Locale;
import java.util.function.Consumer;

/** Reports how long each generator step took; the large scenario's steps take minutes. */
final class Stopwatch {

    private final Consumer<String> sink;
    private long last = System.nanoTime();

    Stopwatch(Consumer<String> sink) {
        this.sink = sink;
    }

    void lap(String step) {
        long now = System.nanoTime();
        sink.accept(String.format(Locale.ROOT, "%-60s %6.1fs", step, (now - last) / 1e9));
        last = now;
    }
}
