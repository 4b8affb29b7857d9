package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A socket address as scripts write it: {@code 127.0.0.1:PORT}, {@code [::1]:PORT} or a unix path
 * ({@code /tmp/s}, {@code @name} abstract), encoded as the kernel's sockaddr_in, sockaddr_in6 or sockaddr_un.
 */
public record SocketAddress(int family, byte[] ip, int port, String path) {
    public static final int AF_UNIX = 1;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;

    /** struct sockaddr_in6 (linux/in6.h): port in network order. */
    static final StructLayout SOCKADDR_IN6 = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sin6_family"),
            JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN).withName("sin6_port"),
            JAVA_INT.withName("sin6_flowinfo"),
            MemoryLayout.sequenceLayout(16, JAVA_BYTE).withName("sin6_addr"),
            JAVA_INT.withName("sin6_scope_id")).withName("sockaddr_in6");
    /** struct sockaddr_un (linux/un.h). */
    static final StructLayout SOCKADDR_UN = MemoryLayout.structLayout(
            JAVA_SHORT.withName("sun_family"),
            MemoryLayout.sequenceLayout(108, JAVA_BYTE).withName("sun_path")).withName("sockaddr_un");
    /** sizeof(struct sockaddr_storage): room for any of them. */
    public static final int STORAGE_SIZE = 128;

    /** {@code 127.0.0.1:0}, {@code [::1]:8080}, {@code /run/x.sock}; an IllegalArgumentException says what was wrong. */
    public static SocketAddress parse(String text) {
        if (text.startsWith("/") || text.startsWith("@")) {
            if (text.length() > 107) {
                throw new IllegalArgumentException("unix path '" + text + "' is longer than sun_path's 107 bytes");
            }
            return new SocketAddress(AF_UNIX, new byte[0], 0, text);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("'" + text + "' is not ADDR:PORT (127.0.0.1:0, [::1]:0) or a unix path (/tmp/s, @abstract)");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port '" + text.substring(colon + 1) + "' is not a number (0 lets the kernel pick)");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
        boolean v6 = host.startsWith("[") && host.endsWith("]");
        String literal = v6 ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+") && !(v6 && literal.matches("[0-9a-fA-F:.]+"))) {
            throw new IllegalArgumentException("'" + host + "' is not a numeric address (127.0.0.1, [::1]); names are not looked up");
        }
        try {
            byte[] ip = InetAddress.getByName(literal).getAddress();
            if (v6 != (ip.length == 16)) {
                throw new IllegalArgumentException("'" + host + "' is not an IPv" + (v6 ? "6" : "4") + " address");
            }
            return new SocketAddress(v6 ? AF_INET6 : AF_INET, ip, port, "");
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + host + "' is not an address");
        }
    }

    /** The sockaddr bytes in {@code arena}. */
    public MemorySegment encode(Arena arena) {
        return switch (family) {
            case AF_INET -> {
                MemorySegment s = arena.allocate(TcpCalls.SOCKADDR_IN);
                s.set(JAVA_SHORT, 0, (short) AF_INET);
                s.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), TcpCalls.SOCKADDR_IN.byteOffset(groupElement("sin_port")), (short) port);
                MemorySegment.copy(ip, 0, s, JAVA_BYTE, TcpCalls.SOCKADDR_IN.byteOffset(groupElement("sin_addr")), 4);
                yield s;
            }
            case AF_INET6 -> {
                MemorySegment s = arena.allocate(SOCKADDR_IN6);
                s.set(JAVA_SHORT, 0, (short) AF_INET6);
                s.set(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), SOCKADDR_IN6.byteOffset(groupElement("sin6_port")), (short) port);
                MemorySegment.copy(ip, 0, s, JAVA_BYTE, SOCKADDR_IN6.byteOffset(groupElement("sin6_addr")), 16);
                yield s;
            }
            default -> {
                MemorySegment s = arena.allocate(SOCKADDR_UN);
                s.set(JAVA_SHORT, 0, (short) AF_UNIX);
                byte[] name = path.getBytes(StandardCharsets.UTF_8);
                if (path.startsWith("@")) {
                    name[0] = 0; // abstract namespace: a leading NUL, the length counts the name exactly
                }
                MemorySegment.copy(name, 0, s, JAVA_BYTE, SOCKADDR_UN.byteOffset(groupElement("sun_path")), name.length);
                yield path.startsWith("@") ? s.asSlice(0, 2 + name.length) : s;
            }
        };
    }

    /** The port in a sockaddr_in or sockaddr_in6 the kernel wrote (getsockname); 0 for other families. */
    public static int portOf(MemorySegment sockaddr) {
        int family = Short.toUnsignedInt(sockaddr.get(JAVA_SHORT, 0));
        return family == AF_INET || family == AF_INET6
                ? Short.toUnsignedInt(sockaddr.get(JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN), 2)) : 0;
    }

    /** As typed back: {@code 127.0.0.1:5000}, {@code [::1]:5000}, the path. */
    public String text() {
        if (family == AF_UNIX) {
            return path;
        }
        try {
            String host = InetAddress.getByAddress(ip).getHostAddress();
            return (family == AF_INET6 ? "[" + host + "]" : host) + ":" + port;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
