package dev.ringside.tracer.sys;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fd-making calls on the real kernel: bytes go through, errors carry the kernel's errno. */
class FdCallsTest {
    @Test
    void aPipeCarriesBytesFromItsWriteEndToItsReadEnd() throws SyscallException {
        FdCalls.FdPair pipe = FdCalls.pipe(0);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(5, FdCalls.write(pipe.second(), arena.allocateFrom("hello", StandardCharsets.US_ASCII)
                    .asSlice(0, 5)));
            MemorySegment into = arena.allocate(16);
            assertEquals(5, FdCalls.read(pipe.first(), into));
            assertEquals("hello", new String(into.asSlice(0, 5).toArray(ValueLayout.JAVA_BYTE), StandardCharsets.US_ASCII));
        } finally {
            Syscalls.close(pipe.first());
            Syscalls.close(pipe.second());
        }
    }

    @Test
    void aSocketpairIsConnectedBothWays() throws SyscallException {
        FdCalls.FdPair pair = FdCalls.socketpair(FdCalls.SOCK_STREAM);
        try (Arena arena = Arena.ofConfined()) {
            assertEquals(1, FdCalls.write(pair.second(), arena.allocateFrom(ValueLayout.JAVA_BYTE, (byte) 7)));
            MemorySegment into = arena.allocate(1);
            assertEquals(1, FdCalls.read(pair.first(), into));
            assertEquals(7, into.get(ValueLayout.JAVA_BYTE, 0));
        } finally {
            Syscalls.close(pair.first());
            Syscalls.close(pair.second());
        }
    }

    @Test
    void anEventfdReadsItsCounter() throws SyscallException {
        int fd = FdCalls.eventfd(3, 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment counter = arena.allocate(ValueLayout.JAVA_LONG);
            assertEquals(8, FdCalls.read(fd, counter));
            assertEquals(3, counter.get(ValueLayout.JAVA_LONG, 0));
        } finally {
            Syscalls.close(fd);
        }
    }

    @Test
    void openingAMissingFileIsENOENT() {
        SyscallException e = assertThrows(SyscallException.class,
                () -> FdCalls.open("/nonexistent/ringside", (int) OpenFlag.RDONLY.value(), 0));
        assertEquals(2, e.errno());
        assertTrue(e.getMessage().startsWith("openat /nonexistent/ringside: -ENOENT"), e.getMessage());
    }

    @Test
    void openFlagsParseByName() {
        assertEquals(02 | 0100, OpenFlag.SET.parse("O_RDWR|creat"));
        assertEquals("RDWR|CREAT", OpenFlag.SET.format(02 | 0100));
    }
}
