package dev.ringside.tracer.sys;

import org.junit.jupiter.api.Test;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tcp NAME's pair: a real TCP connection over 127.0.0.1, bytes both ways, the listener gone. */
class TcpCallsTest {
    @Test
    void theConnectedAndAcceptedEndsTalkBothWays() throws Exception {
        TcpCalls.TcpPair pair = TcpCalls.loopbackPair();
        try (Arena arena = Arena.ofConfined()) {
            assertTrue(pair.port() > 0 && pair.port() < 65536, "port " + pair.port());
            MemorySegment out = arena.allocateFrom("ping", StandardCharsets.US_ASCII);
            assertEquals(5, FdCalls.write(pair.connected(), out));
            MemorySegment in = arena.allocate(16);
            assertEquals(5, FdCalls.read(pair.accepted(), in));
            assertEquals("ping", in.getString(0, StandardCharsets.US_ASCII));
            assertEquals(5, FdCalls.write(pair.accepted(), out));
            assertEquals(5, FdCalls.read(pair.connected(), in));
            // both are TCP sockets (the kernel's own word: /proc/self/fd links to socket:[inode])
            assertTrue(Files.readSymbolicLink(Path.of("/proc/self/fd/" + pair.accepted())).toString().startsWith("socket:"));
            String tcp = Files.readString(Path.of("/proc/net/tcp"));
            String port = String.format(":%04X", pair.port());
            assertTrue(tcp.lines().filter(l -> l.contains("0100007F" + port)).count() >= 1, tcp);
            assertTrue(tcp.lines().noneMatch(l -> l.contains("0100007F" + port + " 00000000:0000 0A")),
                    "the listener (state 0A) is closed once accepted\n" + tcp);
        } finally {
            Syscalls.close(pair.connected());
            Syscalls.close(pair.accepted());
        }
    }
}
