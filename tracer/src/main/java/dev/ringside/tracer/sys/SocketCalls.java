package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * socket, bind, listen, connect, accept4 and getsockname one at a time, for scripts that build their
 * own sockets as liburing's tests do; and the connected UDP pair over 127.0.0.1 (t_create_socket_pair
 * with stream=false). Every fd gets SOCK_CLOEXEC, as all console fds do.
 */
public final class SocketCalls {
    private SocketCalls() {
    }

    public static final int SOCK_NONBLOCK = 04000;
    public static final int IPPROTO_UDP = 17;

    private static final MethodHandle SOCKET = Downcalls.bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle BIND = Downcalls.bind("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle CONNECT = Downcalls.bind("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private static final MethodHandle LISTEN = Downcalls.bind("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle ACCEPT4 = Downcalls.bind("accept4",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, JAVA_INT));
    private static final MethodHandle GETSOCKNAME = Downcalls.bind("getsockname",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));

    /** The two ends of a connected UDP pair and the port each is bound to. */
    public record UdpPair(int first, int second, int firstPort, int secondPort) {
    }

    /** socket(domain, type | SOCK_CLOEXEC [| SOCK_NONBLOCK], 0). */
    public static int socket(int domain, int type, boolean nonblock) throws SyscallException {
        int flags = type | FdCalls.SOCK_CLOEXEC | (nonblock ? SOCK_NONBLOCK : 0);
        return (int) Downcalls.call("socket", SocketCalls::cause, state -> (int) SOCKET.invokeExact(state, domain, flags, 0));
    }

    public static void bind(int fd, SocketAddress address) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = address.encode(arena);
            Downcalls.call("bind " + address.text(), SocketCalls::cause, state -> (int) BIND.invokeExact(state, fd, sa, (int) sa.byteSize()));
        }
    }

    public static void connect(int fd, SocketAddress address) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = address.encode(arena);
            Downcalls.call("connect " + address.text(), SocketCalls::cause,
                    state -> (int) CONNECT.invokeExact(state, fd, sa, (int) sa.byteSize()));
        }
    }

    public static void listen(int fd, int backlog) throws SyscallException {
        Downcalls.call("listen", SocketCalls::cause, state -> (int) LISTEN.invokeExact(state, fd, backlog));
    }

    /** accept4(fd, NULL, NULL, SOCK_CLOEXEC): blocks unless the listener is non-blocking. */
    public static int accept(int fd) throws SyscallException {
        return (int) Downcalls.call("accept4", SocketCalls::cause,
                state -> (int) ACCEPT4.invokeExact(state, fd, MemorySegment.NULL, MemorySegment.NULL, FdCalls.SOCK_CLOEXEC));
    }

    /** getsockname into {@code into} (at least sockaddr_storage's 128 bytes for any family); the length the kernel wrote. */
    public static int getsockname(int fd, MemorySegment into) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment length = arena.allocate(JAVA_INT);
            length.set(JAVA_INT, 0, (int) into.byteSize());
            Downcalls.call("getsockname", SocketCalls::cause, state -> (int) GETSOCKNAME.invokeExact(state, fd, into, length));
            return length.get(JAVA_INT, 0);
        }
    }

    /** The port the socket is bound to (0 when unbound or not inet). */
    public static int port(int fd) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sa = arena.allocate(SocketAddress.STORAGE_SIZE);
            getsockname(fd, sa);
            return SocketAddress.portOf(sa);
        }
    }

    /** Two UDP sockets bound to 127.0.0.1:0, each connected to the other's port. */
    public static UdpPair udpPair() throws SyscallException {
        int a = socket(SocketAddress.AF_INET, FdCalls.SOCK_DGRAM, false);
        int b = -1;
        try {
            b = socket(SocketAddress.AF_INET, FdCalls.SOCK_DGRAM, false);
            SocketAddress any = SocketAddress.parse("127.0.0.1:0");
            bind(a, any);
            bind(b, any);
            int portA = port(a);
            int portB = port(b);
            connect(a, SocketAddress.parse("127.0.0.1:" + portB));
            connect(b, SocketAddress.parse("127.0.0.1:" + portA));
            return new UdpPair(a, b, portA, portB);
        } catch (SyscallException e) {
            quietClose(a);
            if (b >= 0) {
                quietClose(b);
            }
            throw e;
        }
    }

    private static void quietClose(int fd) {
        try {
            Syscalls.close(fd);
        } catch (SyscallException e) {
            // half-made: nothing else holds it
        }
    }

    static String cause(int errno) {
        return switch (dev.ringside.decoders.values.Errno.of(errno).map(Enum::name).orElse("")) {
            case "EADDRINUSE" -> "the address is bound already (port 0 lets the kernel pick a free one)";
            case "EADDRNOTAVAIL" -> "no local interface has that address";
            case "ECONNREFUSED" -> "nothing listens there";
            case "EINVAL" -> "bound already, or not a socket state this call accepts (listen before accept)";
            case "EAFNOSUPPORT" -> "the address family does not match the socket's";
            case "ENOTSOCK" -> "the fd is not a socket";
            case "EOPNOTSUPP" -> "this socket type does not do that (listen/accept need a stream socket)";
            case "EAGAIN" -> "non-blocking and nothing ready yet";
            case "EINPROGRESS" -> "non-blocking connect under way";
            case "EISCONN" -> "already connected";
            case "EACCES" -> "a port below 1024 needs privileges, or the path is not writable";
            case "ENOENT" -> "no socket at that path";
            case "EMFILE", "ENFILE" -> "too many open files";
            default -> "";
        };
    }
}
