package heaptriage.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void parsesUnits() {
        assertEquals(1L << 30, Sizes.parse("1g"));
        assertEquals(200L << 20, Sizes.parse("200M"));
        assertEquals(512L << 10, Sizes.parse("512kb"));
        assertEquals(1234, Sizes.parse("1234"));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("12q"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("g"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("-5m"));
        assertThrows(IllegalArgumentException.class, () -> Sizes.parse("0"));
    }
}
