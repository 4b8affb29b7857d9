package dev.ringside.tracer.journal;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reader's eight-bytes-a-step newline scan finds what a byte-by-byte scan finds, at every offset and alignment. */
class JournalReaderNewlineTest {
    @Test
    void findsTheFirstNewlineAsAByteScanDoes() {
        Random random = new Random(7);
        for (int round = 0; round < 2000; round++) {
            byte[] bytes = new byte[random.nextInt(1, 80)];
            for (int i = 0; i < bytes.length; i++) {
                // newlines, their neighbours 0x09/0x0b, 0x8a (a newline with its high bit), and anything else
                int pick = random.nextInt(10);
                bytes[i] = (byte) (pick == 0 ? '\n' : pick == 1 ? 0x0b : pick == 2 ? 0x09 : pick == 3 ? 0x8a : random.nextInt(256));
            }
            int from = random.nextInt(bytes.length + 1);
            int to = random.nextInt(from, bytes.length + 1);
            int expected = to;
            for (int i = from; i < to; i++) {
                if (bytes[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, JournalReader.newline(bytes, from, to), "round " + round);
        }
    }
}
