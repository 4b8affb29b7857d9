package dev.ringside.shell.repl;

import dev.ringside.shell.ConsoleFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tab after struct: the types from the layouts, then their members, and @buffers for pointer members. */
class ConsoleCompleterStructTest {
    @RegisterExtension
    final ConsoleFixture console = new ConsoleFixture();

    @Test
    void structOffersTypesMembersAndBuffers() {
        console.run("buf alloc data 8");
        List<String> types = console.complete("struct v ");
        assertTrue(types.containsAll(List.of("iovec", "msghdr", "sockaddr_in", "open_how", "statx", "io_uring_query_hdr")), types.toString());
        List<String> members = console.complete("struct v iovec ");
        assertTrue(members.containsAll(List.of("iov_base=", "iov_len=")), members.toString());
        // only the type's own members once the type is typed
        assertTrue(!members.contains("sin_port="), members.toString());
        assertTrue(console.complete("struct sa sockaddr_in ").contains("sin_port="));
        List<String> buffers = console.complete("struct v iovec iov_base=");
        assertTrue(buffers.contains("iov_base=@data"), buffers.toString());
    }
}
