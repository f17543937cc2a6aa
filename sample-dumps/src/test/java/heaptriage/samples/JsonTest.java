package heaptriage.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void compactEscapesStrings() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a \"quoted\" \\ path\nnext");
        m.put("n", 200);
        m.put("b", true);
        m.put("l", List.of("x", 1));
        assertEquals("{\"s\":\"a \\\"quoted\\\" \\\\ path\\nnext\",\"n\":200,\"b\":true,\"l\":[\"x\",1]}", Json.compact(m));
    }

    @Test
    void reindentKeepsStringsAndEmptyContainers() {
        String compact = "{\"a\":\"x, {y}: [z]\",\"e\":[],\"o\":{},\"l\":[1,2]}";
        assertEquals("""
                {
                  "a": "x, {y}: [z]",
                  "e": [],
                  "o": {},
                  "l": [
                    1,
                    2
                  ]
                }
                """, Json.reindent(compact));
    }
}
