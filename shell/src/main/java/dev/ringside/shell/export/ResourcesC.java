package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session's buffers and console fds in C: a buffer becomes a static array with the same size and
 * alignment, filled by the same writes; an fd becomes a variable set by the same pipe2, socketpair,
 * eventfd or openat call (CLOEXEC included, as the console adds it). SQE fields that named them
 * ({@code @in+16}, {@code $p.r}) name the variables.
 */
final class ResourcesC {
    /** {@code $p.r} as typed in an SQE field. */
    private static final Pattern FD_REFERENCE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z0-9_]+)");

    /** File-scope declarations: the static buffers and the fd variables. */
    final List<String> globals = new ArrayList<>();
    private final Set<String> taken = new HashSet<>();
    /** Live buffer name -> its C array. */
    private final Map<String, String> buffers = new HashMap<>();
    /** Live console fd name (p.r) -> its C variable, and the fd number it had in the console. */
    private final Map<String, String> fdVars = new HashMap<>();
    private final Map<Integer, String> fdNumbers = new HashMap<>();
    /** A console fd the kernel returned in a CQE (install.fd) -> its number: the program's own is in its own CQE. */
    private final Map<String, Integer> returnedNames = new HashMap<>();
    private final ReturnedFdsC returnedFds;

    ResourcesC(ReturnedFdsC returnedFds) {
        this.returnedFds = returnedFds;
    }

    /** The statements reproducing a resource event, or empty when the event is not about resources. */
    Optional<List<String>> statements(Event event) {
        return Optional.ofNullable(switch (event) {
            case Event.BufferAllocated b -> allocated(b);
            case Event.BufferWritten w -> List.of(written(at(buffer(w.name()), w.offset()), w.bytes()));
            // a typed struct's pointer member: the address of the C program's own buffer, not the console's
            case Event.BufferPointer p -> List.of("{ unsigned long p = " + address(p.target(), p.targetOffset())
                    + "; memcpy(" + at(buffer(p.name()), p.offset()) + ", &p, sizeof p); }");
            case Event.BufferFreed f -> {
                buffers.remove(f.name());
                yield List.of("/* " + f.name() + " is static storage: nothing to free */");
            }
            case Event.FdsOpened o -> opened(o);
            case Event.FdClosed c -> {
                String var = fdVar(c.name());
                returnedNames.remove(c.name());
                fdVars.remove(c.name());
                fdNumbers.remove(c.fd());
                yield List.of("close(" + var + ");");
            }
            case Event.ExpectedBytes x -> List.of("expect_bytes(" + CExporter.cString(what(x)) + ", "
                    + at(buffer(x.buffer()), x.offset()) + ", " + bytesLiteral(x.bytes()) + ", " + x.bytes().length + ");");
            case Event.ExpectedMember x -> List.of("{ const struct check check = " + ExpectC.check(x.check()) + "; expect_member("
                    + CExporter.cString(x.what()) + ", (const unsigned char *) " + at(buffer(x.buffer()), x.offset()) + ", " + x.size()
                    + ", " + (x.bigEndian() ? 1 : 0) + ", &check); }");
            case Event.ExpectedSame x -> List.of("expect_same(" + CExporter.cString("expect buf " + x.buffer() + " offset=" + x.offset()
                    + " same=@" + x.other() + "+" + x.otherOffset() + " len=" + x.length()) + ", (const unsigned char *) "
                    + at(buffer(x.buffer()), x.offset()) + ", (const unsigned char *) " + at(buffer(x.other()), x.otherOffset()) + ", "
                    + x.length() + ");");
            default -> null;
        });
    }

    /** {@code (unsigned long) (buf_in + 16)}: the address an {@code @in+16} field stands for. */
    String address(String buffer, long offset) {
        return "(unsigned long) " + (offset == 0 ? buffer(buffer) : "(" + at(buffer(buffer), offset) + ")");
    }

    private static String at(String array, long offset) {
        return offset == 0 ? array : array + " + " + offset;
    }

    /** The fd variable a field's text ({@code $p.r}) or, in an fd field, its number named in the console. */
    Optional<String> fd(String text, long bits, boolean fdField) {
        Matcher m = FD_REFERENCE.matcher(text);
        if (m.matches() && fdVars.containsKey(m.group(1))) {
            return Optional.of(fdVars.get(m.group(1)));
        }
        return fdField ? Optional.ofNullable(fdNumbers.get((int) bits)) : Optional.empty();
    }

    /** The C variable of a live console fd ({@code p.r}). */
    Optional<String> fdNamed(String name) {
        return Optional.ofNullable(fdVars.get(name));
    }

    private List<String> allocated(Event.BufferAllocated b) {
        String var = fresh("buf_" + b.name());
        buffers.put(b.name(), var);
        globals.add("static unsigned char " + var + "[" + Math.max(1, b.size()) + "] __attribute__((aligned(" + b.align()
                + ")));");
        return List.of("/* " + var + ": " + b.size() + " zeroed bytes, aligned to " + b.align() + " */");
    }

    private List<String> opened(Event.FdsOpened o) {
        if (o.call().equals(dev.ringside.shell.session.ReturnedFds.JOURNALED)) {
            // no call to make: a command naming it (sys read install.fd) reads the fd the program's own CQE returned
            returnedNames.put(o.names().getFirst(), o.fds().getFirst());
            return List.of();
        }
        List<String> vars = new ArrayList<>();
        for (int i = 0; i < o.names().size(); i++) {
            String var = fresh("fd_" + o.names().get(i).replace('.', '_'));
            globals.add("static int " + var + " = -1;");
            fdVars.put(o.names().get(i), var);
            fdNumbers.put(o.fds().get(i), var);
            vars.add(var);
        }
        long a0 = o.args().isEmpty() ? 0 : o.args().get(0);
        return switch (o.call()) {
            case "pipe2" -> List.of("{", "\tint ends[2];",
                    "\tcheck_call(pipe2(ends, " + openFlags(a0) + "), \"pipe2\");",
                    "\t" + vars.get(0) + " = ends[0];", "\t" + vars.get(1) + " = ends[1];", "}");
            case "socketpair" -> List.of("{", "\tint ends[2];",
                    "\tcheck_call(socketpair(" + (a0 == FdCalls.AF_UNIX ? "AF_UNIX" : Long.toString(a0)) + ", "
                            + socketType(o.args().get(1)) + " | SOCK_CLOEXEC, 0, ends), \"socketpair\");",
                    "\t" + vars.get(0) + " = ends[0];", "\t" + vars.get(1) + " = ends[1];", "}");
            case "zcrx_export" -> List.of(vars.get(0) + " = " + ZCRX_EXPORT_FD + ";   /* zcrx_ctrl.zc_export.zcrx_fd as the kernel wrote it */",
                    "check_call(" + vars.get(0) + ", \"ZCRX_CTRL_EXPORT's zcrx_fd\");");
            case "tcp" -> tcpPair(vars); // liburing's t_create_socket_pair(fds, true): 127.0.0.1, port 0, accept
            case "udp" -> List.of("udp_pair(&" + vars.get(0) + ", &" + vars.get(1) + ");");
            case "socket" -> List.of(vars.get(0) + " = socket(" + ProcsC.family(a0) + ", " + socketType(o.args().get(1))
                            + " | SOCK_CLOEXEC" + (o.args().get(2) != 0 ? " | SOCK_NONBLOCK" : "") + ", 0);",
                    "check_call(" + vars.get(0) + ", \"socket\");");
            case "accept" -> List.of(vars.get(0) + " = accept4(" + fdVar(o.path()) + ", NULL, NULL, SOCK_CLOEXEC);",
                    "check_call(" + vars.get(0) + ", \"accept4\");");
            case "eventfd" -> List.of(vars.get(0) + " = eventfd(" + a0 + "U, " + eventfdFlags(o.args().get(1)) + ");",
                    "check_call(" + vars.get(0) + ", \"eventfd\");");
            case "openat" -> List.of(vars.get(0) + " = openat(AT_FDCWD, " + CExporter.cString(o.path()) + ", "
                            + openFlags(a0) + ", 0" + Long.toOctalString(o.args().get(1)) + ");",
                    "check_call(" + vars.get(0) + ", " + CExporter.cString("openat " + o.path()) + ");");
            default -> throw new ConsoleException("export c: cannot reproduce " + o.call() + " in C yet");
        };
    }

    /** The C global the register call of ZCRX_CTRL_EXPORT leaves its written-back zcrx_fd in. */
    static final String ZCRX_EXPORT_FD = "zcrx_export_fd";

    /** The connected end (socket, connect) first, the accepted end second, as the console's tcp does. */
    private static List<String> tcpPair(List<String> vars) {
        return List.of("{",
                "\tstruct sockaddr_in sin = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };",
                "\tsocklen_t len = sizeof(sin);",
                "\tint listener = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);",
                "\tcheck_call(listener, \"socket AF_INET SOCK_STREAM\");",
                "\tcheck_call(bind(listener, (struct sockaddr *)&sin, sizeof(sin)), \"bind 127.0.0.1:0\");",
                "\tcheck_call(listen(listener, 1), \"listen\");",
                "\tcheck_call(getsockname(listener, (struct sockaddr *)&sin, &len), \"getsockname\");",
                "\t" + vars.get(0) + " = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);",
                "\tcheck_call(" + vars.get(0) + ", \"socket AF_INET SOCK_STREAM\");",
                "\tcheck_call(connect(" + vars.get(0) + ", (struct sockaddr *)&sin, sizeof(sin)), \"connect\");",
                "\t" + vars.get(1) + " = accept4(listener, NULL, NULL, SOCK_CLOEXEC);",
                "\tcheck_call(" + vars.get(1) + ", \"accept4\");",
                "\tclose(listener);", "}");
    }

    /** O_* by name (the C library's macros), O_CLOEXEC added as the console does. */
    private static String openFlags(long flags) {
        long all = flags | OpenFlag.CLOEXEC.value();
        return OpenFlag.SET.formatC(all);
    }

    private static String socketType(long type) {
        return type == FdCalls.SOCK_STREAM ? "SOCK_STREAM" : type == FdCalls.SOCK_DGRAM ? "SOCK_DGRAM"
                : type == FdCalls.SOCK_SEQPACKET ? "SOCK_SEQPACKET" : Long.toString(type);
    }

    private static String eventfdFlags(long flags) {
        List<String> names = new ArrayList<>(List.of("EFD_CLOEXEC"));
        if ((flags & FdCalls.EFD_SEMAPHORE) != 0) {
            names.add("EFD_SEMAPHORE");
        }
        if ((flags & FdCalls.EFD_NONBLOCK) != 0) {
            names.add("EFD_NONBLOCK");
        }
        return String.join(" | ", names);
    }

    /** A write as memset when every byte is the same, else memcpy from a literal. */
    private static String written(String at, byte[] bytes) {
        boolean uniform = bytes.length > 1 && java.util.stream.IntStream.range(1, bytes.length).allMatch(i -> bytes[i] == bytes[0]);
        return uniform ? "memset(" + at + ", " + (bytes[0] & 0xff) + ", " + bytes.length + ");"
                : "memcpy(" + at + ", " + bytesLiteral(bytes) + ", " + bytes.length + ");";
    }

    /** A C string literal of these exact bytes: printable ASCII as is, the rest as 3-digit octal escapes. */
    static String bytesLiteral(byte[] bytes) {
        StringBuilder out = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') {
                out.append((char) c);
            } else {
                out.append(String.format("\\%03o", c));
            }
        }
        return out.append('"').toString();
    }

    private static String what(Event.ExpectedBytes x) {
        return "expect buf " + x.buffer() + (x.offset() == 0 ? "" : " offset=" + x.offset()) + " hex="
                + java.util.HexFormat.of().formatHex(x.bytes());
    }

    private String buffer(String name) {
        String var = buffers.get(name);
        if (var == null) {
            throw new ConsoleException("export c: buffer '" + name + "' was allocated before the journal began");
        }
        return var;
    }

    /** A console fd another call made (a child's pidfd): its C variable, a new global. */
    String declareFd(String name, int fd) {
        String var = fresh("fd_" + name.replace('.', '_'));
        globals.add("static int " + var + " = -1;");
        fdVars.put(name, var);
        fdNumbers.put(fd, var);
        return var;
    }

    /** The fd was closed by a call the exporter writes itself ({@code sys close}). */
    void forget(String name) {
        returnedNames.remove(name);
        String var = fdVars.remove(name);
        fdNumbers.values().remove(var);
    }

    /** The C array of a live session buffer. */
    String bufferVar(String name) {
        return buffer(name);
    }

    String fdVar(String name) {
        Integer returned = returnedNames.get(name);
        if (returned != null) {
            return returnedFds.fd(returned).orElseThrow(() -> new ConsoleException(
                    "export c: fd '" + name + "' was returned by a completion the exporter did not see"));
        }
        String var = fdVars.get(name);
        if (var == null) {
            throw new ConsoleException("export c: fd '" + name + "' was opened before the journal began");
        }
        return var;
    }

    private String fresh(String base) {
        String name = base;
        for (int i = 2; !taken.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
