package dev.ringside.shell.export;

import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.sys.PlainCalls;
import dev.ringside.tracer.sys.SocketAddress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Children, second threads and plain syscalls in C: spawn as posix_spawnp and pidfd_open, close of a child as
 * SIGKILL and waitid(P_PIDFD), thread as pthread_create/pthread_join, sys and bind/listen/connect as the same
 * libc calls, each answer checked as the console checked it (procs.c, appended to the runtime when used).
 */
final class ProcsC {
    private final ResourcesC resources;
    /** Child pid in the session -> its C pid variable, for WAITID's id. */
    private final Map<Integer, String> pids = new HashMap<>();
    private final Map<String, String> threads = new HashMap<>();
    private int threadCount;
    private boolean used;

    ProcsC(ResourcesC resources) {
        this.resources = resources;
    }

    /** A resource event ResourcesC wrote as a call of procs.c's (udp NAME is udp_pair()): the program needs procs.c. */
    void resourceWritten(Event event) {
        if (event instanceof Event.FdsOpened o && o.call().equals("udp")) {
            used = true;
        }
    }

    /** Whether the program needs procs.c. */
    boolean used() {
        return used;
    }

    /** The C variable for a number that was a spawned child's pid (WAITID id=$c.pid). */
    Optional<String> pid(long bits) {
        return Optional.ofNullable(pids.get((int) bits));
    }

    /** The statements of a procs event, or empty for any other event; {@code ring} names a ring's C pointer. */
    Optional<List<String>> statements(Event event, java.util.function.Function<String, String> ring) {
        List<String> out = switch (event) {
            case Event.ProcessSpawned s -> spawned(s);
            case Event.ProcessReaped r -> {
                Optional<String> pidfd = resources.fdNamed(r.name() + ".pidfd");
                yield pidfd.map(v -> List.of("reap_child(" + v + ");   /* close " + r.name() + ": SIGKILL and waitid(P_PIDFD) */"))
                        .orElse(List.of("/* child " + r.name() + " reaped after its pidfd closed */"));
            }
            case Event.SysCalled c -> List.of(called(c));
            case Event.ThreadStarted t -> started(t, ring);
            case Event.ThreadJoined j -> compared(j.checks()) ? List.of("{ const struct check check = " + ExpectC.check(j.checks().getFirst())
                    + "; thread_join_check(&" + thread(j.name()) + ", " + CExporter.cString("thread " + j.name() + " " + wanted(j.checks())) + ", &check); }")
                    : List.of("thread_join(&" + thread(j.name()) + ", " + CExporter.cString("thread " + j.name())
                    + ", " + (j.checked() ? 1 : 0) + ", " + j.expected() + "L);");
            default -> null;
        };
        if (out != null) {
            used = true;
        }
        return Optional.ofNullable(out);
    }

    private List<String> spawned(Event.ProcessSpawned s) {
        String pidVar = "pid_" + s.name();
        resources.globals.add("static pid_t " + pidVar + ";");
        pids.put(s.pid(), pidVar);
        String pidfd = resources.declareFd(s.name() + ".pidfd", s.pidfd());
        List<String> argv = new ArrayList<>(s.argv().stream().map(CExporter::cString).toList());
        argv.add("NULL");
        return List.of("{", "\tstatic char *const argv[] = { " + String.join(", ", argv) + " };",
                "\tspawn_child(" + CExporter.cString("spawn " + s.name()) + ", &" + pidVar + ", &" + pidfd + ", argv);", "}");
    }

    private List<String> started(Event.ThreadStarted t, java.util.function.Function<String, String> ring) {
        String var = "thread_" + t.name() + "_" + ++threadCount;
        threads.put(t.name(), var);
        resources.globals.add("static struct second_thread " + var + ";");
        List<String> out = new ArrayList<>();
        out.add(var + ".delay_ns = " + t.delayNanos() + "LL;");
        if (t.action().equals("submit")) {
            out.add(var + ".ring_fd = (" + ring.apply(t.ring()) + ")->fd;");
            out.add(var + ".to_submit = ring_publish(" + ring.apply(t.ring()) + ");");
        } else {
            out.add(var + ".ring_fd = -1;");
            out.add(var + ".fd = " + resources.fdVar(t.fd()) + ";");
            out.add(var + ".bytes = " + ResourcesC.bytesLiteral(t.bytes()) + ";");
            out.add(var + ".len = " + t.bytes().length + ";");
        }
        out.add("thread_start(&" + var + ");");
        return out;
    }

    private String thread(String name) {
        String var = threads.get(name);
        if (var == null) {
            throw new ConsoleException("export c: thread '" + name + "' was started before the journal began");
        }
        return var;
    }

    /** Whether a call's expect= is more than one value: {@code expect=-EPIPE,-EAGAIN}, {@code expect>=0}. */
    private static boolean compared(List<Event.FieldCheck> checks) {
        return !checks.isEmpty() && !checks.getFirst().plain();
    }

    /** {@code expect>=0}, {@code expect=-32,-11}: the check as the C program names it. */
    private static String wanted(List<Event.FieldCheck> checks) {
        Event.FieldCheck k = checks.getFirst();
        return k.field() + (k.mask() == -1 ? "" : "&" + Long.toUnsignedString(k.mask())) + k.op()
                + String.join(",", k.values().stream().map(String::valueOf).toList());
    }

    /** One block making the call and checking its answer as the console did. */
    private String called(Event.SysCalled c) {
        // a comparison (expect=-EPIPE,-EAGAIN, expect>=0): the same call, its answer held against the runtime's struct check
        boolean compared = compared(c.checks());
        String answer = compared ? "sys_answer_check(" : "sys_answer(";
        String what = CExporter.cString(shown(c) + (compared ? " " + wanted(c.checks()) : ""));
        String check = compared ? ", &check);" : ", " + (c.checked() ? 1 : 0) + ", " + c.expected() + "L);";
        String call = call(c, answer + what, check);
        return compared ? "{ const struct check check = " + ExpectC.check(c.checks().getFirst()) + "; " + call + " }" : call;
    }

    /** The call's statement: {@code answer} opens the answer's check ({@code sys_answer("what"}), {@code check} closes it. */
    private String call(Event.SysCalled c, String answer, String check) {
        String fd = c.fds().isEmpty() ? "" : resources.fdVar(c.fds().getFirst());
        return switch (c.call()) {
            case "write" -> answer + ", write(" + fd + ", " + ResourcesC.bytesLiteral(c.bytes()) + ", "
                    + c.bytes().length + ")" + check;
            case "read" -> answer + ", read(" + fd + ", " + resources.bufferVar(c.buffer()) + ", " + c.args().getFirst()
                    + ")" + check;
            case "statx" -> answer + ", statx(" + (c.fds().isEmpty() ? "AT_FDCWD" : fd) + ", "
                    + CExporter.cString(c.text()) + ", " + c.args().get(0) + ", 0x" + Long.toHexString(c.args().get(1))
                    + "U, (struct statx *) " + resources.bufferVar(c.buffer()) + ")" + check;
            case "fstat" -> answer + ", fstat(" + fd + ", (struct stat *) " + resources.bufferVar(c.buffer()) + ")" + check;
            case "getsockname" -> "{ socklen_t len = " + SocketAddress.STORAGE_SIZE + "; int r = getsockname(" + fd
                    + ", (struct sockaddr *) " + resources.bufferVar(c.buffer()) + ", &len); " + answer
                    + ", r < 0 ? -1 : (long) len" + check + " }";
            case "setrlimit" -> "{ struct rlimit rl = { .rlim_cur = " + limit(c.args().get(1)) + ", .rlim_max = " + limit(c.args().get(2))
                    + " }; " + answer + ", setrlimit(" + (c.args().get(0) == PlainCalls.RLIMIT_NOFILE ? "RLIMIT_NOFILE"
                    : "RLIMIT_MEMLOCK") + ", &rl)" + check + " }";
            case "close" -> {
                resources.forget(c.fds().getFirst());
                yield answer + ", close(" + fd + ")" + check;
            }
            case "listen" -> answer + ", listen(" + fd + ", " + c.args().getFirst() + ")" + check;
            case "bind", "connect" -> sockaddrCall(c, answer, fd, check);
            default -> throw new ConsoleException("export c: cannot reproduce sys " + c.call() + " in C yet");
        };
    }

    /** bind or connect: the same address; a port one of the program's sockets got is read from that socket. */
    private String sockaddrCall(Event.SysCalled c, String answer, String fd, String check) {
        int family = (int) (long) c.args().get(0);
        String peer = c.fds().size() > 1 && !c.fds().get(1).isEmpty() ? c.fds().get(1) : "";
        String port = peer.isEmpty() ? "htons(" + c.args().get(1) + ")" : "port_of(" + resources.fdVar(peer) + ")";
        String ip = family == SocketAddress.AF_UNIX ? "NULL" : "(const unsigned char *) " + ResourcesC.bytesLiteral(c.bytes());
        String path = family == SocketAddress.AF_UNIX ? CExporter.cString(c.text()) : "NULL";
        return "{ struct sockaddr_storage ss; socklen_t n = make_sockaddr(&ss, " + family(family) + ", " + ip + ", " + port + ", "
                + path + "); " + answer + ", " + c.call() + "(" + fd + ", (struct sockaddr *) &ss, n)" + check + " }";
    }

    /** The line as the console showed it, without the console's fd numbers or ports. */
    private static String shown(Event.SysCalled c) {
        String fds = c.fds().isEmpty() || c.fds().getFirst().isEmpty() ? "" : " $" + c.fds().getFirst();
        return switch (c.call()) {
            case "bind", "connect", "listen" -> c.call() + fds;
            case "setrlimit" -> "sys setrlimit " + c.text();
            case "statx" -> "sys statx" + (fds.isEmpty() ? " " + c.text() : fds);
            default -> "sys " + c.call() + fds;
        };
    }

    private static String limit(long value) {
        return value == -1 ? "RLIM_INFINITY" : value + "UL";
    }

    static String family(long family) {
        return family == SocketAddress.AF_INET ? "AF_INET" : family == SocketAddress.AF_INET6 ? "AF_INET6"
                : family == SocketAddress.AF_UNIX ? "AF_UNIX" : Long.toString(family);
    }

    /** procs.c: the helpers the statements above call. */
    static String runtime() {
        try (InputStream in = ProcsC.class.getResourceAsStream("procs.c")) {
            if (in == null) {
                throw new IllegalStateException("procs.c is missing from the ringside jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read procs.c: " + e.getMessage(), e);
        }
    }
}
