package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** trace show's line prefix without a Formatter is what String.format("%-12s %-4s", "+%.3fms", ring) printed. */
class TraceShowLineTest {
    @Test
    void theTimeIsFormattersHalfUpMillis() {
        Random random = new Random(17);
        long[] edges = {0, 499, 500, 501, 999, 1000, 1499, 1500, 999_499, 999_500, 1_234_500, 9_999_999_500L,
                123_456_789_012L, 999_999_999_999_499L};
        for (long nanos : edges) {
            check(nanos);
        }
        for (int i = 0; i < 200_000; i++) {
            check(random.nextLong(0, 1L << (1 + random.nextInt(50))));
        }
    }

    private static void check(long nanos) {
        StringBuilder text = new StringBuilder();
        TraceShow.millis(text, nanos);
        assertEquals(String.format("+%.3fms", nanos / 1e6), text.toString(), nanos + " ns");
    }

    @Test
    void theColumnsAreFormattersColumns() {
        for (long at : new long[] {5, 12_345_678_901_234L, 1_000_000_000_000_000L}) {
            for (String ring : new String[] {"", "r0", "bench", "abcd"}) {
                ObjectNode e = JsonNodeFactory.instance.objectNode().put("type", "note").put("at", at).put("ring", ring)
                        .put("text", "x");
                String old = String.format("%-12s %-4s %s", String.format("+%.3fms", at / 1e6), ring, "note: x");
                assertEquals(old, TraceShow.line(e));
            }
        }
    }
}
