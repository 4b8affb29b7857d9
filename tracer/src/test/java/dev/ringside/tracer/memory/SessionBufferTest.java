package dev.ringside.tracer.memory;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session buffers: aligned, zeroed, bounds-checked, unusable once freed. */
class SessionBufferTest {
    @Test
    void isAlignedZeroedAndKeepsWhatIsWritten() {
        try (Buffers buffers = new Buffers()) {
            SessionBuffer b = buffers.allocate("b", 100, 4096);
            assertEquals(0, b.address(0) % 4096);
            assertArrayEquals(new byte[100], b.read(0, 100));
            b.write(10, "hello".getBytes(StandardCharsets.US_ASCII));
            assertEquals("hello", new String(b.read(10, 5), StandardCharsets.US_ASCII));
            assertEquals(b.address(0) + 16, buffers.address("b", 16));
        }
    }

    @Test
    void refusesOffsetsAndLengthsOutsideTheBuffer() {
        try (Buffers buffers = new Buffers()) {
            SessionBuffer b = buffers.allocate("b", 64, 8);
            BufferException past = assertThrows(BufferException.class, () -> b.address(64));
            assertTrue(past.getMessage().contains("outside buffer b of 64 bytes"), past.getMessage());
            BufferException tooLong = assertThrows(BufferException.class, () -> b.checkRange(60, 5));
            assertTrue(tooLong.getMessage().contains("of 64 bytes (4 left)"), tooLong.getMessage());
            assertThrows(BufferException.class, () -> b.fill(-1, 2, (byte) 1));
        }
    }

    @Test
    void rejectsBadSizesAlignmentsAndDuplicateNames() {
        try (Buffers buffers = new Buffers()) {
            assertThrows(BufferException.class, () -> buffers.allocate("z", 0, 8));
            assertThrows(BufferException.class, () -> buffers.allocate("z", 8, 3));
            buffers.allocate("a", 8, 8);
            assertThrows(BufferException.class, () -> buffers.allocate("a", 8, 8));
        }
    }

    @Test
    void anUnknownNameSuggestsTheClosestAndFreedMemoryIsRefused() {
        Buffers buffers = new Buffers();
        SessionBuffer data = buffers.allocate("data", 8, 8);
        BufferException unknown = assertThrows(BufferException.class, () -> buffers.get("dta"));
        assertTrue(unknown.getMessage().contains("(did you mean data?)"), unknown.getMessage());
        buffers.free("data");
        assertTrue(data.isFreed());
        assertThrows(BufferException.class, () -> data.read(0, 1));
        assertThrows(BufferException.class, () -> buffers.get("data"));
        buffers.close();
    }
}
