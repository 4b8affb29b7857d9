package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcodes;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.MsgRingCommand;
import dev.ringside.decoders.flags.SqeFlag;
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
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a console session owns: its rings (each with the ledger of its requests in flight and
 * of its completions not yet checked by an expectation), the SQE drafts being crafted, and the
 * journal. Commands act on it; closing it releases every ring.
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
    /** Session-wide draft numbers: #N names one SQE from its crafting to its last CQE, never reused. */
    private final Map<SqeDraft, Integer> draftNumbers = new IdentityHashMap<>();
    /** Drafts whose user_data is still the default (their number): a copy gets its own number instead. */
    private final Set<SqeDraft> defaultUserData = Collections.newSetFromMap(new IdentityHashMap<>());
    private int lastDraftNumber;
    private final Resources resources = new Resources(journal);
    private final References references = new References();
    /** Spawned children, second threads, socket ports, the last sys result (part procs). */
    private final Procs procs = new Procs(journal);
    private final Captures captures = new Captures();
    private final PrintWriter out;
    private final Output output;
    private final Style style;
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
        references.add(procs::resolve);
        references.add(captures);
        resources.holders(buffer -> rings.values().stream().map(rs -> rs.ledger().holderOf(buffer))
                .flatMap(Optional::stream).findFirst());
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

    /** Whether {@link #out} is written a buffer at a time ({@code ringside run}: a BufferedConsole), not flushed per line. */
    private boolean outBuffered;

    public boolean outBuffered() {
        return outBuffered;
    }

    public void outBuffered(boolean on) {
        outBuffered = on;
    }

    public Style style() {
        return style;
    }

    /** The buffers and fds this session made for SQEs to use. */
    /** The sources of {@code $NAME.MEMBER} values a script line may use. */
    public References references() {
        return references;
    }

    /** The completions $cqe.res, $7.res and $NAME.res name. */
    public Captures captures() {
        return captures;
    }

    public Resources resources() {
        return resources;
    }

    /** Children, second threads, bound ports and plain-syscall results of this session. */
    public Procs procs() {
        return procs;
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

    /**
     * With tracing on, a command given --json shows the kernel's events as the journal records them, in its
     * time order (each just before the console's event that followed it), as {@code {"type":"kernel_event",...}}.
     */
    private void kernelEventAsJson(Event event) {
        if (event instanceof Event.KernelEvent && output.json()) {
            out.println(dev.ringside.tracer.journal.JsonLine.of(event));
        }
    }

    public Optional<dev.ringside.tracer.trace.KernelTracer> tracer() {
        return Optional.ofNullable(tracer);
    }

    /** Kernel tracing on (a tracer) or off (null); the caller closes the one it replaces. */
    public void tracer(dev.ringside.tracer.trace.KernelTracer next) {
        tracer = next;
        if (next != null && !showsKernelEvents) {
            // only a tracer records kernel events; without a listener the ring journals its events without making records
            journal.listen(this::kernelEventAsJson);
            showsKernelEvents = true;
        }
    }

    /** Whether the journal tells {@link #kernelEventAsJson} its events (from the first tracer on). */
    private boolean showsKernelEvents;

    // ---- rings

    public RingSession createRing(String name, RingConfig config) {
        if (rings.containsKey(name)) {
            throw new ConsoleException("a ring named '" + name + "' exists; close it or pick another name");
        }
        Ring ring;
        try {
            ring = Ring.create(config, journal, name);
        } catch (SyscallException e) {
            throw new ConsoleException(KernelTrials.setupError(this, config, e));
        }
        RingSession rs = new RingSession(name, ring, new RingMemory(ring, this::unsafe, resources.buffers()));
        rings.put(name, rs);
        current = name;
        journal.record(new Event.RingConfigured(journal.now(), name, config));
        journal.record(new Event.RingCreated(journal.now(), name, ring.fd(), ring.sqEntries(), ring.setupFlags(),
                ring.features()));
        return rs;
    }

    /**
     * {@code ring create ... expect=-EINVAL}: io_uring_setup's answer (-errno, or the fd of a ring closed at
     * once: a refusal was expected, so nothing keeps it), journaled so record and export c ask the same.
     */
    public long setupExpecting(String name, RingConfig config, long expected) {
        long result;
        try (Ring ring = Ring.create(config)) {
            result = ring.fd();
        } catch (SyscallException e) {
            result = -e.errno();
        }
        journal.record(new Event.SetupExpected(journal.now(), name, config, expected, result));
        return result;
    }

    /** The one-line cause of a refused io_uring_setup, found by trial (empty message parts are left out). */
    public String setupRefusal(RingConfig config, int errno) {
        return KernelTrials.setupError(this, config, new SyscallException("io_uring_setup", errno, ""));
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

    /** What is attached to a ring and must go before it closes (its BPF event loop), by ring name. */
    private final Map<String, AutoCloseable> attached = new java.util.HashMap<>();

    public Optional<AutoCloseable> attached(String ring) {
        return Optional.ofNullable(attached.get(ring));
    }

    public void attach(String ring, AutoCloseable thing) {
        attached.put(ring, thing);
    }

    /** Detaches what {@link #attach} put on the ring; false when nothing was. */
    public boolean detach(String ring) {
        AutoCloseable thing = attached.remove(ring);
        if (thing == null) {
            return false;
        }
        try {
            thing.close();
        } catch (Exception e) {
            throw new ConsoleException("detaching from " + ring + ": " + e.getMessage());
        }
        return true;
    }

    public void closeRing(String name) {
        RingSession rs = ring(name);
        detach(name);
        rings.remove(name);
        retired.remove(name);
        if (name.equals(current)) {
            current = rings.isEmpty() ? null : rings.keySet().iterator().next();
        }
        try {
            resources.registrations().releaseRingFdSlots(name, rs.ring().fd());
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

    /** The number the next draft will get (numbers are session-wide and never reused). */
    public int nextDraftNumber() {
        return lastDraftNumber + 1;
    }

    /** Appends a draft under the next number, which it returns. */
    public int addDraft(SqeDraft draft) {
        drafts.add(draft);
        draftNumbers.put(draft, ++lastDraftNumber);
        return lastDraftNumber;
    }

    /** The number of a draft not yet submitted ({@code sqe #N}). */
    public int number(SqeDraft draft) {
        Integer n = draftNumbers.get(draft);
        if (n == null) {
            throw new IllegalStateException("a draft the session did not number");
        }
        return n;
    }

    /** Marks a draft's user_data as the default (its number) or as chosen by the user. */
    public void defaultUserData(SqeDraft draft, boolean isDefault) {
        if (isDefault) {
            defaultUserData.add(draft);
        } else {
            defaultUserData.remove(draft);
        }
    }

    public boolean hasDefaultUserData(SqeDraft draft) {
        return defaultUserData.contains(draft);
    }

    /** Draft #n, or the last one when n is 0. */
    public SqeDraft draft(int n) {
        if (drafts.isEmpty() && n == 0) {
            throw new ConsoleException("no SQE drafts: craft one with 'sqe <opcode> field=value ...'");
        }
        if (n == 0) {
            return drafts.getLast();
        }
        return drafts.stream().filter(d -> draftNumbers.get(d) == n).findFirst().orElseThrow(() -> new ConsoleException(
                "no draft #" + n + inFlight(n).map(r -> ": it was submitted to " + r.ring() + " and is in flight").orElse("")
                + (drafts.isEmpty() ? "" : "; drafts are " + draftList())));
    }

    /** {@code #3, #4}: the numbers of the drafts waiting for submit. */
    public String draftList() {
        return drafts.stream().map(d -> "#" + draftNumbers.get(d)).collect(Collectors.joining(", "));
    }

    /** The request submitted from draft #n, on whichever ring it is in flight. */
    public Optional<Pending.Request> inFlight(int n) {
        return rings.values().stream().map(rs -> rs.ledger().request(n)).flatMap(Optional::stream).findFirst();
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
        return submit(count, waitFor, timeoutNanos, true, null);
    }

    /**
     * Like {@link #submit(int, int, long)}; {@code reap} false leaves every CQE in the CQ ring (a later wait or
     * expect reaps), and {@code expected} (-errno, or null) is io_uring_enter's failure the caller expects: the
     * call returns it as a negative count instead of making it an error.
     */
    public List<Completion> submit(int count, int waitFor, long timeoutNanos, boolean reap, Long expected) {
        Staged staged = stage(count);
        RingSession rs = staged.ring();
        Ring ring = rs.ring();
        int written = staged.slots();
        int requests = staged.requests();
        int submitted;
        // expect cqe after=/before= time a completion from here: the earliest its request could start
        long sentAt = journal.now();
        try {
            // the ring records the io_uring_enter (and the submit) in the journal itself
            submitted = ring.submit();
        } catch (SyscallException e) {
            if (expected == null) {
                throw new ConsoleException(e.getMessage());
            }
            lastSubmitResult = -e.errno();
            output.text(e.getMessage());
            return reap ? (waitFor > 0 ? await(waitFor, timeoutNanos) : reapAndPrint()) : List.of();
        }
        for (long userData : staged.userData()) {
            rs.ledger().sent(userData, sentAt);
        }
        lastSubmitResult = submitted;
        if (output.printsResults()) {
            int left = ring.has(dev.ringside.decoders.flags.SetupFlag.SQPOLL) ? 0 : ring.sq().pending();
            output.result("submitted", new Submitted(rs.name(), submitted),
                    "submitted " + submitted + (submitted == 1 ? " SQE" : " SQEs") + " to " + rs.name()
                            + (written == requests ? "" : " (" + requests + (requests == 1 ? " request" : " requests")
                                    + " in " + written + " SQ slots: the kernel counts slots, a 128-byte SQE takes two)")
                            + (left == 0 ? "" : "; " + left + " not consumed stay in the SQ ring, the next submit hands them over"));
        }
        if (!reap) {
            return List.of(); // submit reap=no: the CQEs stay in the CQ ring (it may overflow) until a wait or expect
        }
        return waitFor > 0 ? await(waitFor, timeoutNanos) : reapAndPrint();
    }

    /** Drafts written into a ring's SQ and in its ledger, not yet handed to the kernel: how many, in how many slots. */
    public record Staged(RingSession ring, int requests, int slots, long[] userData) {
    }

    /**
     * Writes the first {@code count} drafts into the current ring's SQ, enters them in its ledger and the journal,
     * without io_uring_enter: {@link #submit(int, int, long)} enters next, a second thread may ({@code thread ... submit}).
     */
    public Staged stage(int count) {
        RingSession rs = currentRing();
        Ring ring = rs.ring();
        List<SqeDraft> batch = List.copyOf(drafts.subList(0, count));
        // a 128-byte SQE takes two slots of an SQE_MIXED ring (loops, not streams: a script's loop submits every pass)
        int slots = 0;
        for (SqeDraft d : batch) {
            slots += ring.sqeSizeFor(Opcodes.bigSqe(d.opcode())) / ring.sqeSize();
        }
        if (slots > ring.sqSpace()) {
            throw new ConsoleException(count + " drafts (" + slots + " SQ slots) but only " + ring.sqSpace()
                    + " free SQ slots; submit fewer or create a bigger ring");
        }
        // encode everything first, so a refused draft leaves the SQ ring untouched
        byte[][] encoded = new byte[batch.size()][];
        for (int i = 0; i < encoded.length; i++) {
            SqeDraft d = batch.get(i);
            byte[] bytes = new byte[ring.sqeSizeFor(Opcodes.bigSqe(d.opcode()))];
            try {
                SqeCodec.encode(d, MemorySegment.ofArray(bytes), rs.memory());
                SqeSafety.checkSubmit(this, rs, d, bytes);
            } catch (RuntimeException e) {
                throw new ConsoleException(e.getMessage() + "; nothing was submitted");
            }
            encoded[i] = bytes;
        }
        int written = 0;
        for (int i = 0; i < encoded.length; i++) {
            byte[] bytes = encoded[i];
            boolean wrap = bytes.length > ring.sqeSize() && ring.sq().atLastSlot();
            written += ring.writeSqe(bytes);
            if (wrap) {
                output.text("note: sqe #" + draftNumbers.get(batch.get(i)) + " " + batch.get(i).opcode().name()
                        + " is 128 bytes but starts in the SQ ring's last slot, where it cannot take two: its first 64 bytes go in"
                        + " alone and the kernel refuses it (liburing's io_uring_get_sqe128 puts a NOP there first)");
            }
        }
        drafts.subList(0, count).clear();
        long[] userData = new long[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            SqeDraft d = batch.get(i);
            int number = draftNumbers.remove(d);
            defaultUserData.remove(d);
            SqeFacts facts = SqeFacts.of(encoded[i]); // read once: the ledger's request keeps them
            userData[i] = facts.userData();
            if (!rs.ledger().withUserData(userData[i]).isEmpty()) {
                warnIfTaken(rs, userData[i], d.opcode().name() + " #" + number, "has");
            }
            // the request keeps the encoded bytes themselves: nothing writes them after this
            Pending.Request request = rs.ledger().submitted(number, d, encoded[i], facts, Resources.buffersOf(d), Resources.fdsOf(d));
            expectPosting(rs, request);
            // the journal records the request as the ledger holds it: the bytes the kernel reads
            journal.record(new Event.SqeAssigned(journal.now(), rs.name(), d.opcode(), d.assignments()));
            journal.record(new Event.SqeQueued(journal.now(), rs.name(), d.opcode().name(), request.userData(),
                    encoded[i])); // the bytes the request holds: nothing writes them after this
        }
        return new Staged(rs, batch.size(), written, userData);
    }

    /** What the last submit's io_uring_enter answered: SQEs consumed, or -errno. */
    private long lastSubmitResult;

    public long lastSubmitResult() {
        return lastSubmitResult;
    }

    /** A user_data already pending on the ring: one line naming who has it, since their CQEs cannot be told apart. */
    private void warnIfTaken(RingSession rs, long userData, String who, String verb) {
        List<Pending> same = rs.ledger().withUserData(userData);
        if (!same.isEmpty()) {
            output.text(style.error("warning: ") + who + " " + verb + " user_data=" + Long.toUnsignedString(userData) + ", as "
                    + same.getLast().label() + " in flight on " + rs.name() + " has: their CQEs will name both");
        }
    }

    /**
     * A MSG_RING posts a CQE with the user_data of its choice (the SQE's off) on its target ring:
     * that ring's ledger learns it, so the CQE is never taken for one of its own requests. With
     * FIXED_FILE the target is a registered slot the session does not follow: every ring expects it.
     */
    private void expectPosting(RingSession from, Pending.Request msgRing) {
        SqeFacts f = msgRing.facts();
        if (!msgRing.draft().opcode().name().equals("MSG_RING")
                || (f.addr() != MsgRingCommand.DATA.value() && f.addr() != MsgRingCommand.SEND_FD.value())) {
            return;
        }
        for (RingSession target : rings.values()) {
            if (f.has(SqeFlag.FIXED_FILE) || target.ring().fd() == f.fd()) {
                warnIfTaken(target, f.off(), msgRing.label() + " posts on " + target.name(), "with");
                target.ledger().expectPosting(new Pending.Posting(msgRing.number(), from.name(), f.off()));
            }
        }
    }

    /** Waits until {@code count} CQEs are ready or the timeout passes (Ctrl-C cuts it short), then reaps. */
    public List<Completion> await(int count, long timeoutNanos) {
        return await(currentRing(), count, timeoutNanos);
    }

    /** Like {@link #await(int, long)} on the given ring. */
    public List<Completion> await(RingSession rs, int count, long timeoutNanos) {
        return await(rs, count, timeoutNanos, timeoutNanos, true);
    }

    /** Waits out the rest of a timeout the user gave; a time-out names that timeout, not the remainder's nanoseconds. */
    public List<Completion> awaitRest(RingSession rs, int count, long remainingNanos, long statedNanos) {
        return await(rs, count, remainingNanos, statedNanos, true);
    }

    /** Watches the ring for the whole timeout for a CQE, without calling it a timeout when none came (expect cqes=0). */
    public List<Completion> watchForAny(RingSession rs, long timeoutNanos) {
        return await(rs, 1, timeoutNanos, timeoutNanos, false);
    }

    /** Whether Ctrl-C was pressed, for the ring's bounded wait: made once (a lambda per wait was an object per pass). */
    private final java.util.function.BooleanSupplier cancelledNow = () -> cancelled;

    private List<Completion> await(RingSession rs, int count, long timeoutNanos, long statedNanos, boolean sayWhenShort) {
        Ring ring = rs.ring();
        cancelled = false;
        int ready;
        try {
            ready = ring.waitFor(count, timeoutNanos, cancelledNow);
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        journal.record(new Event.Waited(journal.now(), rs.name(), count, timeoutNanos, ready));
        if (cancelled) {
            output.result("wait", new WaitEnded(rs.name(), count, ready, "interrupted"),
                    "wait interrupted with " + ready + " of " + count + " completions");
        } else if (ready < count && sayWhenShort) {
            output.result("wait", new WaitEnded(rs.name(), count, ready, "timed out"),
                    "timed out after " + Values.formatDurationNanos(statedNanos) + " with " + ready + " of "
                    + count + " completions");
        }
        cancelled = false;
        return reapAndPrint(rs);
    }

    /** Reaps every ready CQE of the current ring, prints each with the SQE it answers, keeps it for expect. */
    public List<Completion> reapAndPrint() {
        return reapAndPrint(currentRing());
    }

    /** Like {@link #reapAndPrint()} on the given ring: its ledger attributes and keeps each CQE. */
    public List<Completion> reapAndPrint(RingSession rs) {
        if (tracer != null) {
            tracer.drain(); // the kernel's events of these completions are in its buffer already
        }
        List<Completion> cqes = rs.ring().reap();
        Pending.Request group = null;
        long reapedAt = journal.now(); // one reap, one time: its CQEs left the ring together
        for (Completion c : cqes) {
            Event.CqeReaped journaled = new Event.CqeReaped(reapedAt, rs.name(), c.userData(), c.res(), c.flags());
            journal.record(journaled);
            RingCompletion reaped = rs.ledger().completed(c, journaled);
            captures.reaped(reaped, journaled);
            ZcrxCompletions.received(resources.zcrx(), reaped);
            group = show(reaped, group);
            ReturnedFds.reaped(this, reaped);
            if (tracer != null && !output.json()) {
                dev.ringside.shell.trace.KernelView.under(journal.recent(dev.ringside.shell.trace.KernelView.RECENT),
                        rs.name(), c).forEach(output::text);
            }
            if (reaped.answers() instanceof Attribution.One(Pending.Request r) && c.res() < 0
                    && r.draft().opcode().name().equals("MSG_RING")) {
                rings.values().forEach(target -> target.ledger().postingCancelled(r.number())); // a failed MSG_RING posts nothing
            }
        }
        return cqes;
    }

    /** {@code cqe user_data=2 res=-62 ETIME flags=0   <- TIMEOUT}, as that ring's ledger attributes it (without counting it). */
    public String describe(RingSession rs, Completion c) {
        return describe(c, rs.ledger().attribute(c));
    }

    /** {@code cqe ... <- NOP #1 or TIMEOUT #2} when several requests in flight have its user_data. */
    private String describe(Completion c, Attribution answers) {
        return cqeText(c, answers) + style.dim(answers.label().isEmpty() ? "" : "   <- " + answers.label());
    }

    private String cqeText(Completion c, Attribution answers) {
        String res = c.res() < 0 ? style.error(Errno.describeResult(c.res())) : Errno.describeResult(c.res());
        return "cqe user_data=" + UserDataText.of(answers, c.userData()) + " res=" + res
                + " flags=" + CqeCodec.formatFlags(Integer.toUnsignedLong(c.flags()))
                + (c.isBig() ? " big=" + java.util.HexFormat.of().formatHex(c.big()) : "")
                + style.dim(ZcrxCompletions.describe(answers, c));
    }

    /**
     * Prints one reaped CQE. A multishot request's CQEs (F_MORE, and the last one without it) go
     * indented under its SQE line, numbered, the last with the count; the SQE line is printed again
     * when another request's CQE came in between. Returns the multishot group now open, if any.
     */
    private Pending.Request show(RingCompletion reaped, Pending.Request openGroup) {
        Completion c = reaped.cqe();
        boolean more = (c.flags() & CQE_F_MORE) != 0;
        int seq = reaped.seq();
        Pending.Request request = reaped.answers() instanceof Attribution.One(Pending.Request r) ? r : null;
        boolean single = request == null || (!more && seq == 1);
        if (!output.printsResults()) {
            return single || !more ? null : request; // nothing shown (--quiet): only which multishot group is open
        }
        // the record only for --json: the text is what prints otherwise
        CqeView view = output.json() ? CqeView.of(reaped.ring(), c, reaped.answers()) : null;
        if (single) {
            output.result("cqe", view, describe(c, reaped.answers()));
            return null;
        }
        if (request != openGroup) {
            SqeDraft d = request.draft();
            output.text("sqe " + d.opcode().name() + d.assignments().stream()
                            .map(a -> " " + a.field().name() + "=" + a.text()).reduce("", String::concat)
                    + style.dim(seq == 1 ? "   multishot:" : "   multishot, continued:"));
        }
        output.result("cqe", view == null ? null : view.multishot(seq, more), "  " + cqeText(c, reaped.answers()) + style.dim("   #" + seq
                + (more ? "" : ", the last: " + seq + (seq == 1 ? " CQE" : " CQEs"))));
        return more ? request : null;
    }

    private static final long CQE_F_MORE = dev.ringside.decoders.flags.CqeFlag.MORE.value();

    /** {@code submit}'s count as --json shows it. */
    record Submitted(String ring, int submitted) {
    }

    /** A wait that ended short: {@code timed out} or {@code interrupted}. */
    record WaitEnded(String ring, int wanted, int ready, String ended) {
    }

    /** Closes every ring: fds closed, mappings unmapped, memory freed. */
    @Override
    public void close() {
        procs.joinThreads(); // a second thread may still enter a ring or write an fd: it ends before they close
        for (String name : List.copyOf(rings.keySet())) {
            try {
                closeRing(name);
            } catch (ConsoleException e) {
                out.println(style.error("error: ") + e.getMessage());
            }
        }
        // after the rings: no request can still point into a buffer or use an fd
        try {
            procs.close(); // children reaped while their pidfds are still open
            resources.close();
        } finally {
            if (tracer != null) {
                tracer.close(); // after the rings, so their last events are read; removes the tracefs instance
                tracer = null;
            }
            journal.close(); // last: its anonymous spool, if any, goes with it
        }
        out.flush();
    }
}
