package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.nio.ByteOrder;

import static java.lang.foreign.ValueLayout.ADDRESS;
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

    /** Values from the x86-64 Linux headers (bits/socket.h, netinet/in.h). */
    public static final int AF_INET = 2;
    public static final int IPPROTO_TCP = 6;
    /** 127.0.0.1 in host order. */
    public static final int INADDR_LOOPBACK = 0x7f000001;

    /** struct sockaddr_in: port and address in network byte order. */
    public static final StructLayout SOCKADDR_IN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_port"),
            JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin_addr"),
            MemoryLayout.sequenceLayout(8, JAVA_BYTE).withName("sin_zero")).withName("sockaddr_in");

    private static final MethodHandle SOCKET = Downcalls.bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Downcalls.bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = Downcalls.bind("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Downcalls.bind("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle CONNECT = Downcalls.bind("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Downcalls.bind("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));

    /** The pair: {@code connected} is the client's end, {@code accepted} the listener's. */
    public record TcpPair(int connected, int accepted, int port) {
    }

    /** socket, bind 127.0.0.1:0, listen, connect, accept4; every fd with SOCK_CLOEXEC; the listener closed. */
    public static TcpPair loopbackPair() throws SyscallException {
        int listener = socket();
        int client = -1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment addr = arena.allocate(SOCKADDR_IN);
            addr.set(JAVA_SHORT, SOCKADDR_IN.byteOffset(MemoryLayout.PathElement.groupElement("sin_family")), (short) AF_INET);
            addr.set(JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN),
                    SOCKADDR_IN.byteOffset(MemoryLayout.PathElement.groupElement("sin_addr")), INADDR_LOOPBACK);
            int size = (int) SOCKADDR_IN.byteSize();
            Downcalls.call("bind 127.0.0.1:0", Downcalls::noCause, state -> (int) BIND.invokeExact(state, listener, addr, size));
            Downcalls.call("listen", Downcalls::noCause, state -> (int) LISTEN.invokeExact(state, listener, 1));
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, size);
            Downcalls.call("getsockname", Downcalls::noCause, state -> (int) GETSOCKNAME.invokeExact(state, listener, addr, length));
            int port = Short.toUnsignedInt(addr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN),
                    SOCKADDR_IN.byteOffset(MemoryLayout.PathElement.groupElement("sin_port"))));
            client = socket();
            int connecting = client;
            // a blocking connect to a listening loopback socket completes from the backlog, before accept
            Downcalls.call("connect 127.0.0.1:" + port, Downcalls::noCause,
                    state -> (int) CONNECT.invokeExact(state, connecting, addr, size));
            int accepted = (int) Downcalls.call("accept4", Downcalls::noCause,
                    state -> (int) ACCEPT4.invokeExact(state, listener, MemorySegment.NULL, MemorySegment.NULL, FdCalls.SOCK_CLOEXEC));
            return new TcpPair(client, accepted, port);
        } catch (SyscallException e) {
            if (client >= 0) {
                quietClose(client);
            }
            throw e;
        } finally {
            quietClose(listener);
        }
    }

    private static int socket() throws SyscallException {
        return (int) Downcalls.call("socket AF_INET SOCK_STREAM", Downcalls::noCause,
                state -> (int) SOCKET.invokeExact(state, AF_INET, FdCalls.SOCK_STREAM | FdCalls.SOCK_CLOEXEC, IPPROTO_TCP));
    }

    private static void quietClose(int fd) {
        try {
            Syscalls.close(fd);
        } catch (SyscallException e) {
            // the listener or a half-made client: nothing else holds it
        }
    }
}
