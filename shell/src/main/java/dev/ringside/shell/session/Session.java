package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.ring.RingMemory;
import dev.ringside.tracer.sys.SyscallException;

import java.io.PrintWriter;
import java.lang.foreign.MemorySegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything a console session owns: its rings, the SQE drafts being crafted, the requests in
 * flight, completions not yet checked by an expectation, and the journal. Commands act on it;
 * closing it releases every ring.
 */
public final class Session implements AutoCloseable {
    /** How long a wait may block when the user names no timeout. */
    public static final long DEFAULT_WAIT_NANOS = 1_000_000_000L;

    private Catalog catalog = Catalog.builtin();
    private final Journal journal = new Journal();
    private final Map<String, RingSession> rings = new LinkedHashMap<>();
    /** Rings the kernel changed under our mappings (RESIZE_RINGS), with why they are no longer used. */
    private final Map<String, String> retired = new HashMap<>();
    private final List<SqeDraft> drafts = new ArrayList<>();
    private final Map<Long, SqeDraft> inFlight = new HashMap<>();
    private final Deque<Completion> unchecked = new ArrayDeque<>();
    private final Resources resources = new Resources();
    private final PrintWriter out;
    private final Output output;
    private final Style style;
    /** CQEs so far of multishot requests still running (they said F_MORE), by user_data. */
    private final Map<Long, Integer> multishot = new HashMap<>();
    private Keyboard keyboard;
    private String current;
    private boolean unsafe;
    private volatile boolean cancelled;
    private int expectationsMet;
    /** The kernel's io_uring tracepoints into the journal ({@code trace on}), null when off. */
    private dev.ringside.tracer.trace.KernelTracer tracer;

    public Session(PrintWriter out, Style style) {
        this.out = out;
        this.output = new Output(out);
        this.style = style;
    }

    /** Results as text or, for a command given --json, as JSON lines. */
    public Output output() {
        return output;
    }

    /** The terminal's keys, when the session has one (the REPL); scripts have none. */
    public Optional<Keyboard> keyboard() {
        return Optional.ofNullable(keyboard);
    }

    public void keyboard(Keyboard keys) {
        keyboard = keys;
    }

    /** Whether Ctrl-C was pressed since the last {@link #resetCancel()}. */
    public boolean cancelled() {
        return cancelled;
    }

    public void resetCancel() {
        cancelled = false;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Replaces the catalogue (a profile loaded); drafts already made keep the opcodes they were made with. */
    public void catalog(Catalog next) {
        catalog = next;
    }

    public Journal journal() {
        return journal;
    }

    public PrintWriter out() {
        return out;
    }

    public Style style() {
        return style;
    }

    /** The buffers and fds this session made for SQEs to use. */
    public Resources resources() {
        return resources;
    }

    public boolean unsafe() {
        return unsafe;
    }

    public void unsafe(boolean on) {
        unsafe = on;
    }

    /** Counts an expectation the kernel's answer met; the script runner reports the total. */
    public void expectationMet() {
        expectationsMet++;
    }

    public int expectationsMet() {
        return expectationsMet;
    }

    /** Ctrl-C: the wait in progress, if any, returns at its next slice. */
    public void cancel() {
        cancelled = true;
    }

    public Optional<dev.ringside.tracer.trace.KernelTracer> tracer() {
        return Optional.ofNullable(tracer);
    }

    /** Kernel tracing on (a tracer) or off (null); the caller closes the one it replaces. */
    public void tracer(dev.ringside.tracer.trace.KernelTracer next) {
        tracer = next;
    }

    // ---- rings

    public RingSession createRing(String name, RingConfig config) {
        if (rings.containsKey(name)) {
            throw new ConsoleException("a ring named '" + name + "' exists; close it or pick another name");
        }
        Ring ring;
        try {
            ring = Ring.create(config, journal, name);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        RingSession rs = new RingSession(name, ring, new RingMemory(ring, this::unsafe, resources.buffers()));
        rings.put(name, rs);
        current = name;
        journal.record(new Event.RingConfigured(journal.now(), name, config));
        journal.record(new Event.RingCreated(journal.now(), name, ring.fd(), ring.sqEntries(), ring.setupFlags(),
                ring.features()));
        return rs;
    }

    /** A fresh name for an unnamed ring: r0, r1, ... */
    public String nextRingName() {
        for (int i = 0; ; i++) {
            if (!rings.containsKey("r" + i)) {
                return "r" + i;
            }
        }
    }

    public RingSession ring(String name) {
        RingSession rs = rings.get(name);
        if (rs == null) {
            throw new ConsoleException("no ring '" + name + "'" + Values.suggestion(name, rings.keySet())
                    + (rings.isEmpty() ? "; create one with 'ring create'" : "; rings: " + String.join(", ", rings.keySet())));
        }
        return rs;
    }

    public RingSession currentRing() {
        if (current == null) {
            throw new ConsoleException("no ring yet: create one with 'ring create'");
        }
        if (retired.containsKey(current)) {
            throw new ConsoleException(retired.get(current));
        }
        return ring(current);
    }

    /** Refuses the ring from now on for anything but {@code ring info NAME} and {@code ring close}: {@code why} says so. */
    public void retire(String name, String why) {
        ring(name);
        retired.put(name, why);
    }

    public void use(String name) {
        ring(name);
        current = name;
    }

    public Map<String, RingSession> rings() {
        return Map.copyOf(rings);
    }

    public Optional<String> currentName() {
        return Optional.ofNullable(current);
    }

    public void closeRing(String name) {
        RingSession rs = ring(name);
        rings.remove(name);
        retired.remove(name);
        if (name.equals(current)) {
            current = rings.isEmpty() ? null : rings.keySet().iterator().next();
        }
        try {
            rs.ring().close();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        } finally {
            resources.ringClosed(name);
            journal.record(new Event.RingClosed(journal.now(), name));
        }
    }

    // ---- drafts

    public List<SqeDraft> drafts() {
        return drafts;
    }

    public int addDraft(SqeDraft draft) {
        drafts.add(draft);
        return drafts.size();
    }

    /** Draft #n (1-based), or the last one when n is 0. */
    public SqeDraft draft(int n) {
        if (drafts.isEmpty()) {
            throw new ConsoleException("no SQE drafts: craft one with 'sqe <opcode> field=value ...'");
        }
        if (n == 0) {
            return drafts.getLast();
        }
        if (n < 1 || n > drafts.size()) {
            throw new ConsoleException("no draft #" + n + "; drafts are #1..#" + drafts.size());
        }
        return drafts.get(n - 1);
    }

    /** The draft that a completion answers, matched by user_data, among requests in flight. */
    public Optional<SqeDraft> requestFor(long userData) {
        return Optional.ofNullable(inFlight.get(userData));
    }

    // ---- submit, wait, reap

    /**
     * Writes every draft into the current ring's SQ, publishes and submits them, then waits (bounded)
     * for {@code waitFor} completions and prints what came back.
     */
    public List<Completion> submit(int waitFor, long timeoutNanos) {
        return submit(drafts.size(), waitFor, timeoutNanos);
    }

    /** Like {@link #submit(int, long)} for the first {@code count} drafts; the rest stay drafts. */
    public List<Completion> submit(int count, int waitFor, long timeoutNanos) {
        RingSession rs = currentRing();
        Ring ring = rs.ring();
        if (count > ring.sqSpace()) {
            throw new ConsoleException(count + " drafts but only " + ring.sqSpace()
                    + " free SQ slots; submit fewer or create a bigger ring");
        }
        List<SqeDraft> batch = List.copyOf(drafts.subList(0, count));
        // encode everything first, so a refused draft leaves the SQ ring untouched
        List<byte[]> encoded = new ArrayList<>();
        for (SqeDraft d : batch) {
            byte[] bytes = new byte[ring.sqeSize()];
            try {
                resources.checkBounds(d);
                SqeCodec.encode(d, MemorySegment.ofArray(bytes), rs.memory());
            } catch (RuntimeException e) {
                throw new ConsoleException(e.getMessage() + "; nothing was submitted");
            }
            encoded.add(bytes);
        }
        for (byte[] bytes : encoded) {
            ring.nextSqe().copyFrom(MemorySegment.ofArray(bytes));
        }
        drafts.subList(0, count).clear();
        for (int i = 0; i < batch.size(); i++) {
            SqeDraft d = batch.get(i);
            inFlight.put(d.userData(), d);
            resources.submitted(rs.name(), d);
            journal.record(new Event.SqeAssigned(journal.now(), rs.name(), d.opcode(), d.assignments()));
            journal.record(new Event.SqeQueued(journal.now(), rs.name(), d.opcode().name(), d.userData(),
                    encoded.get(i)));
        }
        int submitted;
        try {
            // the ring records the io_uring_enter (and the submit) in the journal itself
            submitted = ring.submit();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        int left = ring.has(dev.ringside.decoders.flags.SetupFlag.SQPOLL) ? 0 : ring.sq().pending();
        output.result("submitted", new Submitted(rs.name(), submitted),
                "submitted " + submitted + (submitted == 1 ? " SQE" : " SQEs") + " to " + rs.name()
                        + (left == 0 ? "" : "; " + left + " not consumed stay in the SQ ring, the next submit hands them over"));
        return waitFor > 0 ? await(waitFor, timeoutNanos) : reapAndPrint();
    }

    /** Waits until {@code count} CQEs are ready or the timeout passes (Ctrl-C cuts it short), then reaps. */
    public List<Completion> await(int count, long timeoutNanos) {
        Ring ring = currentRing().ring();
        cancelled = false;
        int ready;
        try {
            ready = ring.waitFor(count, timeoutNanos, () -> cancelled);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        journal.record(new Event.Waited(journal.now(), currentRing().name(), count, timeoutNanos, ready));
        if (cancelled) {
            output.result("wait", new WaitEnded(currentRing().name(), count, ready, "interrupted"),
                    "wait interrupted with " + ready + " of " + count + " completions");
        } else if (ready < count) {
            output.result("wait", new WaitEnded(currentRing().name(), count, ready, "timed out"),
                    "timed out after " + Values.formatDurationNanos(timeoutNanos) + " with " + ready + " of "
                    + count + " completions");
        }
        cancelled = false;
        return reapAndPrint();
    }

    /** Reaps every ready CQE of the current ring, prints each with the SQE it answers, keeps it for expect. */
    public List<Completion> reapAndPrint() {
        RingSession rs = currentRing();
        if (tracer != null) {
            tracer.drain(); // the kernel's events of these completions are in its buffer already
        }
        List<Completion> cqes = rs.ring().reap();
        Long group = null;
        for (Completion c : cqes) {
            journal.record(new Event.CqeReaped(journal.now(), rs.name(), c.userData(), c.res(), c.flags()));
            unchecked.add(c);
            group = show(rs.name(), c, group);
            if (tracer != null && !output.json()) {
                dev.ringside.shell.trace.KernelView.under(journal.recent(dev.ringside.shell.trace.KernelView.RECENT),
                        rs.name(), c).forEach(output::text);
            }
            if ((c.flags() & dev.ringside.decoders.flags.CqeFlag.MORE.value()) == 0) {
                inFlight.remove(c.userData());
                resources.completed(rs.name(), c.userData());
            }
        }
        return cqes;
    }

    /** {@code cqe user_data=2 res=-62 ETIME flags=0   <- TIMEOUT}. */
    public String describe(Completion c) {
        String answers = requestFor(c.userData()).map(d -> "   <- " + d.opcode().name()).orElse("");
        return cqeText(c) + style.dim(answers);
    }

    private String cqeText(Completion c) {
        String res = c.res() < 0 ? style.error(Errno.describeResult(c.res())) : Errno.describeResult(c.res());
        return "cqe user_data=" + Long.toUnsignedString(c.userData()) + " res=" + res
                + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(c.flags()))
                + (c.isBig() ? " big=" + java.util.HexFormat.of().formatHex(c.big()) : "");
    }

    /**
     * Prints one reaped CQE. A multishot request's CQEs (F_MORE, and the last one without it) go
     * indented under its SQE line, numbered, the last with the count; the SQE line is printed again
     * when another request's CQE came in between. Returns the multishot group now open, if any.
     */
    private Long show(String ring, Completion c, Long openGroup) {
        CqeView view = CqeView.of(ring, c, requestFor(c.userData()));
        boolean more = (c.flags() & dev.ringside.decoders.flags.CqeFlag.MORE.value()) != 0;
        Integer before = multishot.get(c.userData());
        if (!more && before == null) {
            output.result("cqe", view, describe(c));
            return null;
        }
        int seq = before == null ? 1 : before + 1;
        if (more) {
            multishot.put(c.userData(), seq);
        } else {
            multishot.remove(c.userData());
        }
        if (!Long.valueOf(c.userData()).equals(openGroup)) {
            output.text(requestFor(c.userData()).map(d -> "sqe " + d.opcode().name() + d.assignments().stream()
                            .map(a -> " " + a.field().name() + "=" + a.text()).reduce("", String::concat))
                    .orElse("request user_data=" + Long.toUnsignedString(c.userData()))
                    + style.dim(seq == 1 ? "   multishot:" : "   multishot, continued:"));
        }
        output.result("cqe", view.multishot(seq, more), "  " + cqeText(c) + style.dim("   #" + seq
                + (more ? "" : ", the last: " + seq + (seq == 1 ? " CQE" : " CQEs"))));
        return more ? c.userData() : null;
    }

    /** {@code submit}'s count as --json shows it. */
    record Submitted(String ring, int submitted) {
    }

    /** A wait that ended short: {@code timed out} or {@code interrupted}. */
    record WaitEnded(String ring, int wanted, int ready, String ended) {
    }

    /** Completions reaped but not yet consumed by an expectation, oldest first. */
    public Deque<Completion> unchecked() {
        return unchecked;
    }

    /** Closes every ring: fds closed, mappings unmapped, memory freed. */
    @Override
    public void close() {
        for (String name : List.copyOf(rings.keySet())) {
            try {
                closeRing(name);
            } catch (ConsoleException e) {
                out.println(style.error("error: ") + e.getMessage());
            }
        }
        // after the rings: no request can still point into a buffer or use an fd
        try {
            resources.close();
        } finally {
            if (tracer != null) {
                tracer.close(); // after the rings, so their last events are read; removes the tracefs instance
                tracer = null;
            }
        }
        out.flush();
    }
}
