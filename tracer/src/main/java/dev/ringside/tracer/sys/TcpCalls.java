package dev.ringside.tracer.sys;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A connected TCP pair over 127.0.0.1, as liburing's t_create_socket_pair(fds, stream=true) makes it:
 * a listener bound to port 0, a client that connects to the port the kernel picked, the accepted end;
 * the listener is closed once accepted. zcrx receives only on TCP sockets, never on AF_UNIX.
 */
public final class TcpCalls {
    private TcpCalls() {
    }

    /** From the x86-64 Linux headers (bits/socket.h). */
    public static final int AF_INET = 2;

    /** struct sockaddr_in: port and address in network byte order. */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero")).withName("sockaddr_in");

    /** The pair: {@code connected} is the client's end, {@code accepted} the listener's. */
    public record TcpPair(int connected, int accepted, int port) {
    }

    /** socket, bind 127.0.0.1:0, listen, connect, accept4 (SocketCalls' own calls); every fd with SOCK_CLOEXEC; the listener closed. */
    public static TcpPair loopbackPair() throws SyscallException {
        int listener = SocketCalls.socket(AF_INET, FdCalls.SOCK_STREAM, false);
        int client = -1;
        try {
            SocketCalls.bind(listener, SocketAddress.parse("127.0.0.1:0"));
            SocketCalls.listen(listener, 1);
            int port = SocketCalls.port(listener);
            client = SocketCalls.socket(AF_INET, FdCalls.SOCK_STREAM, false);
            // a blocking connect to a listening loopback socket completes from the backlog, before accept
            SocketCalls.connect(client, SocketAddress.parse("127.0.0.1:" + port));
            return new TcpPair(client, SocketCalls.accept(listener), port);
        } catch (SyscallException e) {
            if (client >= 0) {
                quietClose(client);
            }
            throw e;
        } finally {
            quietClose(listener);
        }
    }

    private static void quietClose(int fd) {
        try {
            Syscalls.close(fd);
        } catch (SyscallException e) {
            // the listener or a half-made client: nothing else holds it
        }
    }
}
