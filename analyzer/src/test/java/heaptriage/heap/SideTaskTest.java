package heaptriage.heap;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SideTaskTest {
    @Test
    void besideRunsOnAnotherThreadAndInlineRunsOnTheCallersWhenJoined() throws IOException {
        AtomicReference<Thread> ranOn = new AtomicReference<>();
        SideTask<Integer> beside = SideTask.start("test", true, () -> {
            ranOn.set(Thread.currentThread());
            return 42;
        });
        assertEquals(42, beside.join());
        assertNotSame(Thread.currentThread(), ranOn.get());

        ranOn.set(null);
        SideTask<Integer> inline = SideTask.start("test", false, () -> {
            ranOn.set(Thread.currentThread());
            return 7;
        });
        assertNull(ranOn.get(), "inline work waits for join");
        assertEquals(7, inline.join());
        assertSame(Thread.currentThread(), ranOn.get());
    }

    @Test
    void failuresComeBackFromJoinAsTheyWereThrown() {
        for (boolean beside : new boolean[] {true, false}) {
            IOException io = new IOException("cannot read");
            assertSame(io, assertThrows(IOException.class, () -> SideTask.start("io", beside, () -> {
                throw io;
            }).join()));
            IllegalStateException runtime = new IllegalStateException("bad state");
            assertSame(runtime, assertThrows(IllegalStateException.class, () -> SideTask.start("runtime", beside, () -> {
                throw runtime;
            }).join()));
            OutOfMemoryError error = new OutOfMemoryError("Java heap space");
            assertSame(error, assertThrows(OutOfMemoryError.class, () -> SideTask.start("error", beside, () -> {
                throw error;
            }).join()));
        }
    }
}
