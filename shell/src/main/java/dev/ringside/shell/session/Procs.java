package dev.ringside.shell.session;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.PlainCalls;
import dev.ringside.tracer.sys.ProcessCalls;
import dev.ringside.tracer.sys.SyscallException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the session keeps of other processes, threads and plain syscalls: spawned children (their pid and
 * pidfd, reaped when closed or at the session's end, never left as zombies), second threads (joined at the
 * end at the latest), the bound port of each socket, the last {@code sys} result, and the resource limits
 * {@code sys setrlimit} changed (restored at the end: many sessions share one process in tests).
 */
public final class Procs implements AutoCloseable {
    /** How long closing waits for a SIGKILLed child to be reapable. */
    static final long REAP_NANOS = 1_000_000_000L;

    /** A port the kernel gave the console fd {@code fd}. */
    public record Bound(int port, String fd) {
    }

    /** A child made by {@code spawn NAME}: its argv, pid, and pidfd (the console fd NAME.pidfd). */
    public record Child(String name, List<String> argv, int pid, int pidfd) {
    }

    private final Journal journal;
    private final Map<String, Child> children = new LinkedHashMap<>();
    private final Map<String, SecondThread> threads = new LinkedHashMap<>();
    /** {@code s.port} -> the port and the fd it is bound to ({@code s.fd}). */
    private final Map<String, Bound> ports = new LinkedHashMap<>();
    private final Map<Integer, PlainCalls.Limit> originalLimits = new LinkedHashMap<>();
    private Long lastResult;
    /** Buffers a sys call filled, by the struct in them (statx, stat, sockaddr_storage): for struct show once decoded. */
    private final Map<String, String> layouts = new LinkedHashMap<>();

    Procs(Journal journal) {
        this.journal = journal;
    }

    // ---- values for $NAME.MEMBER

    /** {@code $c.pid}, {@code $sys.res}, {@code $s.port}; other members stay as typed ({@code $c.pidfd} is an fd). */
    public Optional<String> resolve(String name, String member) {
        if (name.equals("sys") && member.equals("res")) {
            if (lastResult == null) {
                throw new dev.ringside.shell.ConsoleException("$sys.res: no sys call has run yet");
            }
            return Optional.of(Long.toString(lastResult));
        }
        if (member.equals("pid") && children.containsKey(name)) {
            return Optional.of(Integer.toString(children.get(name).pid()));
        }
        if (ports.containsKey(name + "." + member)) {
            return Optional.of(Integer.toString(ports.get(name + "." + member).port()));
        }
        return Optional.empty();
    }

    /** The struct a sys call wrote into a buffer. */
    public void layout(String buffer, String layout) {
        layouts.put(buffer, layout);
    }

    public Optional<String> layoutOf(String buffer) {
        return Optional.ofNullable(layouts.get(buffer));
    }

    public void lastResult(long result) {
        lastResult = result;
    }

    // ---- sockets

    /** A port the kernel gave a socket: {@code $s.port} after bind, {@code $u.port0} and {@code $u.port1} of a udp pair. */
    public void bound(String name, String member, int port, String fd) {
        ports.put(name + "." + member, new Bound(port, fd));
    }

    /** The console fd ({@code s.fd}) bound to this port, for export c to connect to the port its own socket got. */
    public Optional<String> boundTo(int port) {
        return ports.values().stream().filter(b -> b.port() == port).map(Bound::fd).reduce((a, b) -> b);
    }

    // ---- children

    public boolean isChild(String name) {
        return children.containsKey(name);
    }

    public Optional<Child> child(String name) {
        return Optional.ofNullable(children.get(name));
    }

    public void spawned(Child child) {
        children.put(child.name(), child);
        journal.record(new Event.ProcessSpawned(journal.now(), child.name(), child.argv(), child.pid(), child.pidfd()));
    }

    /**
     * SIGKILL through the pidfd unless it exited, then reap it (bounded); the caller closes the pidfd after.
     * A child a WAITID SQE reaped already answers ECHILD: nothing left to reap.
     */
    public Event.ProcessReaped reap(String name) {
        Child child = children.remove(name);
        ProcessCalls.signal(child.pidfd(), ProcessCalls.SIGKILL);
        Event.ProcessReaped reaped = new Event.ProcessReaped(journal.now(), name, child.pid(), false, false, -1);
        long deadline = System.nanoTime() + REAP_NANOS;
        try {
            while (true) {
                Optional<ProcessCalls.Exit> exit = ProcessCalls.reap(child.pidfd(), false);
                if (exit.isPresent()) {
                    boolean killed = !exit.get().exited() && exit.get().status() == ProcessCalls.SIGKILL;
                    reaped = new Event.ProcessReaped(journal.now(), name, child.pid(), killed, exit.get().exited(), exit.get().status());
                    break;
                }
                if (System.nanoTime() > deadline) {
                    break; // SIGKILL is not deliverable (D state): the kernel reparents it when we exit
                }
                Thread.sleep(1);
            }
        } catch (SyscallException e) {
            // ECHILD: reaped already, by a WAITID request or an earlier wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.record(reaped);
        return reaped;
    }

    /** Whether a child the script spawned is still the session's: it may be writing the console's stdout. */
    public boolean hasChildren() {
        return !children.isEmpty();
    }

    public List<String> childNames() {
        return List.copyOf(children.keySet());
    }

    // ---- threads

    public void started(SecondThread thread) {
        threads.put(thread.name(), thread);
    }

    public Optional<SecondThread> thread(String name) {
        return Optional.ofNullable(threads.get(name));
    }

    public void joined(String name) {
        threads.remove(name);
    }

    public List<String> threadNames() {
        return List.copyOf(threads.keySet());
    }

    // ---- limits

    /** Remembers a limit before its first change, to restore it at the end. */
    public void changingLimit(int resource, PlainCalls.Limit before) {
        originalLimits.putIfAbsent(resource, before);
    }

    /** Joins every thread (before the rings they submit to close); see {@link #close} for the rest. */
    public void joinThreads() {
        for (SecondThread t : new ArrayList<>(threads.values())) {
            t.awaitEnd(REAP_NANOS);
        }
        threads.clear();
    }

    /** Reaps every child (their pidfds are console fds: Resources closes them after) and restores the limits. */
    @Override
    public void close() {
        joinThreads();
        for (String name : childNames()) {
            reap(name);
        }
        originalLimits.forEach((resource, limit) -> PlainCalls.setrlimit(resource, limit));
        originalLimits.clear();
    }
}
