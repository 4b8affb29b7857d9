package dev.ringside.tracer.journal;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.tracer.ring.RingConfig;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Everything that happens to a ring, recorded in order: the spine of display, expectations and reports. */
public sealed interface Event {
    /**
     * A check of what the kernel answered (not a kind of event of its own: the records stay Event's permitted kinds),
     * so reports and the exporter ask one question instead of listing every expectation record.
     */
    interface Expectation {
        boolean met();
    }

    /** Nanoseconds since the journal started. */
    long at();

    /**
     * Writes this event's journal line and its newline: {@code "type"} (the record's name in snake case), then the
     * components in declaration order, byte for byte what Jackson writes for the record (EventLinesTest).
     */
    void writeLine(JsonLine line);

    /** A ring's configuration as the object Jackson writes for the record. */
    private static JsonLine config(JsonLine line, RingConfig config) {
        if (config == null) {
            return line.string("config", null);
        }
        return line.object("config").number("entries", config.entries()).number("flags", config.flags())
                .number("cq_entries", config.cqEntries()).number("sq_thread_cpu", config.sqThreadCpu())
                .number("sq_thread_idle", config.sqThreadIdle()).number("wq_fd", config.wqFd()).close();
    }

    record RingCreated(long at, String ring, int fd, int entries, long flags, long features) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("ring_created", at).string("ring", ring).number("fd", fd).number("entries", entries).number("flags", flags)
                    .number("features", features).end();
        }
    }

    record SqeQueued(long at, String ring, String opcode, long userData, byte[] bytes) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            StepLines.sqeQueued(line.out, at, ring, opcode, userData, bytes);
        }
    }

    /**
     * One io_uring_register call, recorded by {@code tracer.register.RegisterCall} as it was made: the fd it
     * went to (-1: no ring), the opcode, nr_args, the argument's address and its bytes as passed and as the
     * kernel left them (equal when it wrote nothing back), the result ({@code >= 0}) or -errno, and how long
     * it took. {@code ring} is "" for a call on no ring of the session.
     */
    record RegisterCalled(long at, String ring, int fd, int opcode, int nr, long argAddress, byte[] argIn, byte[] argOut,
                          long result, long nanos) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("register_called", at).string("ring", ring).number("fd", fd).number("opcode", opcode).number("nr", nr)
                    .number("arg_address", argAddress).hex("arg_in", argIn).hex("arg_out", argOut).number("result", result)
                    .number("nanos", nanos).end();
        }

        public RegisterCalled {
            argIn = argIn.clone();
            argOut = argOut.clone();
        }

        /** Whether the kernel changed the argument. */
        public boolean wroteBack() {
            return !java.util.Arrays.equals(argIn, argOut);
        }
    }

    /** Why a ring entered the kernel: what a reproducer must do to make the same call. */
    enum EnterReason {
        /** Submitting SQEs (to_submit above 0). */
        SUBMIT,
        /** Waking a sleeping SQPOLL thread (IORING_ENTER_SQ_WAKEUP). */
        WAKEUP,
        /** One slice of a bounded wait for completions (GETEVENTS with an EXT_ARG timeout), or its last non-blocking pass. */
        WAIT,
        /** A non-blocking GETEVENTS that runs pending task work so DEFER_TASKRUN / COOP_TASKRUN completions get posted. */
        TASK_WORK,
        /** The GETEVENTS that runs an attached BPF event loop until its loop_step returns IOU_LOOP_STOP. */
        BPF_LOOP
    }

    /**
     * One io_uring_enter call, recorded by the ring that made it: its arguments, the EXT_ARG timeout
     * ({@code timeoutNanos}, -1 without one), the result ({@code >= 0}) or -errno, and how long it took.
     */
    record Entered(long at, String ring, EnterReason reason, int toSubmit, int minComplete, int flags, long timeoutNanos,
                   long result, long nanos) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            if (reason == null) { // the hot path writes a reason by its ordinal
                line.begin("entered", at).string("ring", ring).name("reason", null).number("to_submit", toSubmit)
                        .number("min_complete", minComplete).number("flags", flags).number("timeout_nanos", timeoutNanos)
                        .number("result", result).number("nanos", nanos).end();
                return;
            }
            HotLines.entered(line.out, at, ring, reason, toSubmit, minComplete, flags, timeoutNanos, result, nanos);
        }

        /** The errno the call failed with, 0 when it succeeded. */
        public int errno() {
            return result < 0 ? (int) -result : 0;
        }
    }

    /**
     * A submit: {@code pending} SQEs the kernel had not consumed (tail - khead after publishing the
     * new ones), of which it consumed {@code submitted} (-errno when the enter failed); with SQPOLL
     * there may be no io_uring_enter at all.
     */
    record Submitted(long at, String ring, int pending, long submitted) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            HotLines.submitted(line.out, at, ring, pending, submitted);
        }
    }

    /** The console let time pass ({@code sleep}), e.g. for a timeout to fire. */
    record Slept(long at, long nanos) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("slept", at).number("nanos", nanos).end();
        }
    }

    record CqeReaped(long at, String ring, long userData, int res, int flags) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            HotLines.cqeReaped(line.out, at, ring, userData, res, flags);
        }
    }

    /**
     * A ring header ({@code which}: sq or cq) as a command showed it to the user ({@code shownBy}: mem, watch,
     * cqes), field by field as read from the shared memory, so the journal has what the user saw.
     */
    record HeaderShown(long at, String ring, String which, String shownBy, Map<String, Long> fields) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("header_shown", at).string("ring", ring).string("which", which).string("shown_by", shownBy)
                    .map("fields", fields).end();
        }

        public HeaderShown {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }
    }

    /** Unsafe mode's {@code mem poke}: the console wrote {@code value} into header word {@code field} of ring {@code which} (sq or cq). */
    record HeaderPoked(long at, String ring, String which, String field, long value) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("header_poked", at).string("ring", ring).string("which", which).string("field", field)
                    .number("value", value).end();
        }
    }

    /**
     * {@code pbuf add}: buffers {@code bids} of buffer group {@code group} handed back to the kernel
     * (io_uring_buf_ring_add each, {@code len} bytes, 0: the whole buffer; then io_uring_buf_ring_advance), the
     * ring's tail now {@code tail}.
     */
    record PbufAdded(long at, String ring, int group, List<Integer> bids, int len, int tail) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("pbuf_added", at).string("ring", ring).number("group", group).numbers("bids", bids).number("len", len)
                    .number("tail", tail).end();
        }

        public PbufAdded {
            bids = List.copyOf(bids);
        }
    }

    /** A CQE a command showed without reaping it ({@code watch}, {@code mem cqes}): it stays in the CQ ring. */
    record CqeSeen(long at, String ring, String shownBy, long userData, int res, int flags) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("cqe_seen", at).string("ring", ring).string("shown_by", shownBy).number("user_data", userData)
                    .number("res", res).number("flags", flags).end();
        }
    }

    /**
     * An mmap(2) ringside made: {@code what} (sq ring, cq ring, sqes, buffer pages, registered memory, pbuf
     * ring, pbuf buffers) of {@code owner} (a ring or a buffer), {@code length} bytes at {@code address},
     * of {@code fd} at {@code offset} (-1 and 0 for anonymous memory).
     */
    record Mapped(long at, String owner, String what, long address, long length, long offset, int fd) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("mapped", at).string("owner", owner).string("what", what).number("address", address)
                    .number("length", length).number("offset", offset).number("fd", fd).end();
        }
    }

    /** The munmap(2) of one {@link Mapped}: {@code result} 0, or -errno. */
    record Unmapped(long at, String owner, String what, long address, long length, long result) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("unmapped", at).string("owner", owner).string("what", what).number("address", address)
                    .number("length", length).number("result", result).end();
        }
    }

    record RingClosed(long at, String ring) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("ring_closed", at).string("ring", ring).end();
        }
    }

    record Note(long at, String text) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("note", at).string("text", text).end();
        }
    }

    /** A console line that ran to its end ({@code succeeded}) or stopped on an error or a failed expectation: the boundary of a step, for reproducers. */
    record CommandRan(long at, String line, boolean succeeded) implements Event {
        @Override
        public void writeLine(JsonLine json) { // not "line": that is this record's component
            StepLines.commandRan(json.out, at, line, succeeded);
        }
    }

    /**
     * One io_uring tracepoint the kernel emitted for one of this session's rings (attributed by its ctx,
     * whichever thread emitted it: the console's, iou-sqp-*, iou-wrk-*), read from the session's tracefs
     * instance: {@code name} without the io_uring_ prefix, the fields by the names of the event's format
     * file as the kernel printed them (pointers hashed, consistent within one boot), and {@code note}: what
     * ringside decoded from them (REQ_F_* names), empty if nothing.
     */
    record KernelEvent(long at, String ring, String name, String comm, int tid, int cpu, Map<String, String> fields,
                       String note) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("kernel_event", at).string("ring", ring).string("name", name).string("comm", comm).number("tid", tid)
                    .number("cpu", cpu).map("fields", fields).string("note", note).end();
        }

        public KernelEvent {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        }

        /** A field parsed as a number (decimal, or hex with 0x), empty when absent or not a number. */
        public OptionalLong number(String field) {
            String text = fields.get(field);
            if (text == null) {
                return OptionalLong.empty();
            }
            try {
                return OptionalLong.of(text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16)
                        : Long.parseLong(text));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
    }

    /** The kernel's trace buffer of one CPU overwrote {@code overrun} events before they were read (per_cpu/cpuN/stats). */
    record KernelEventsLost(long at, int cpu, long overrun) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("kernel_events_lost", at).number("cpu", cpu).number("overrun", overrun).end();
        }
    }

    /** Kernel tracing started in tracefs instance {@code instance} with these events, or stopped ({@code on} false) after {@code read} of ours. */
    record KernelTrace(long at, boolean on, String instance, List<String> events, long read) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("kernel_trace", at).bool("on", on).string("instance", instance).strings("events", events)
                    .number("read", read).end();
        }

        public KernelTrace {
            events = List.copyOf(events);
        }
    }

    /** What io_uring_setup was asked for, so that a reproducer can ask the same. */
    record RingConfigured(long at, String ring, RingConfig config) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            Event.config(line.begin("ring_configured", at).string("ring", ring), config).end();
        }
    }

    /**
     * {@code ring create ... expect=-EINVAL}: io_uring_setup with this configuration was expected to fail
     * with {@code expected}; {@code result} is its answer (a ring fd, closed at once, or -errno).
     */
    record SetupExpected(long at, String ring, RingConfig config, long expected, long result) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            Event.config(line.begin("setup_expected", at).string("ring", ring), config).number("expected", expected)
                    .number("result", result).end();
        }
    }

    /** The field assignments, as the user named them, that the next SqeQueued of this ring was encoded from. */
    record SqeAssigned(long at, String ring, Opcode opcode, List<SqeDraft.Assignment> assignments) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            StepLines.sqeAssigned(line.out, at, ring, opcode, assignments);
        }

        public SqeAssigned {
            assignments = List.copyOf(assignments);
        }
    }

    /** A bounded wait for {@code count} completions of at most {@code timeoutNanos}; {@code ready} were there after it. */
    record Waited(long at, String ring, int count, long timeoutNanos, int ready) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            StepLines.waited(line.out, at, ring, count, timeoutNanos, ready);
        }
    }

    /** An {@code expect cqe} check: its filters (empty: any), its timeout, the ring current then ("" if none), and whether it held. */
    record Expected(long at, String ring, OptionalLong userData, OptionalLong res, OptionalLong flags, long timeoutNanos,
                    boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected", at).string("ring", ring).optional("user_data", userData).optional("res", res)
                    .optional("flags", flags).number("timeout_nanos", timeoutNanos).bool("met", met).end();
        }
    }

    /** A session buffer was allocated ({@code buf alloc}), zeroed, {@code align}-aligned. */
    record BufferAllocated(long at, String name, long size, long align) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("buffer_allocated", at).string("name", name).number("size", size).number("align", align).end();
        }
    }

    /** The console wrote these bytes at this offset of a session buffer ({@code buf alloc} contents, {@code buf fill}). */
    record BufferWritten(long at, String name, long offset, byte[] bytes) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("buffer_written", at).string("name", name).number("offset", offset).hex("bytes", bytes).end();
        }

        public BufferWritten {
            bytes = bytes.clone();
        }
    }

    record BufferFreed(long at, String name) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("buffer_freed", at).string("name", name).end();
        }
    }

    /**
     * The console wrote into buffer {@code name}, at {@code offset}, the address of {@code target}+{@code targetOffset}
     * (a typed struct's pointer member): a reproducer writes its own buffer's address there.
     */
    record BufferPointer(long at, String name, long offset, String target, long targetOffset) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("buffer_pointer", at).string("name", name).number("offset", offset).string("target", target)
                    .number("target_offset", targetOffset).end();
        }
    }

    /**
     * One call that opened console fds: {@code pipe2} (args: flags), {@code socketpair} (domain, type),
     * {@code eventfd} (initial, flags) or {@code openat} (flags, mode; path), each without the CLOEXEC the
     * console adds; the names it gave them ({@code p.r}) and the fds, in the call's order.
     */
    record FdsOpened(long at, String call, List<Long> args, String path, List<String> names, List<Integer> fds) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("fds_opened", at).string("call", call).numbers("args", args).string("path", path)
                    .strings("names", names).numbers("fds", fds).end();
        }

        public FdsOpened {
            args = List.copyOf(args);
            names = List.copyOf(names);
            fds = List.copyOf(fds);
        }
    }

    record FdClosed(long at, String name, int fd) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("fd_closed", at).string("name", name).number("fd", fd).end();
        }
    }

    /** {@code spawn NAME PROGRAM ARGS}: a child started by posix_spawnp, its pid, and its pidfd (the console fd NAME.pidfd). */
    record ProcessSpawned(long at, String name, List<String> argv, int pid, int pidfd) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("process_spawned", at).string("name", name).strings("argv", argv).number("pid", pid)
                    .number("pidfd", pidfd).end();
        }

        public ProcessSpawned {
            argv = List.copyOf(argv);
        }
    }

    /**
     * A spawned child the console reaped ({@code close NAME}, session end): {@code killed} when it still ran and got
     * SIGKILL; how it ended ({@code exited}: exit code in status, else the signal); status -1 when a WAITID reaped it first.
     */
    record ProcessReaped(long at, String name, int pid, boolean killed, boolean exited, int status) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("process_reaped", at).string("name", name).number("pid", pid).bool("killed", killed)
                    .bool("exited", exited).number("status", status).end();
        }
    }

    /**
     * One plain system call of {@code sys VERB} or of a socket command ({@code bind}, {@code listen}, {@code connect}):
     * the console fds it named (their names), its numeric arguments, its text (a path or address), the bytes it wrote,
     * the session buffer it filled ("" none), the result it got ({@code >= 0}) or -errno, and the expect= it was checked
     * against ({@code checked} false: none).
     */
    record SysCalled(long at, String call, List<String> fds, List<Long> args, String text, byte[] bytes, String buffer,
                     boolean checked, long expected, long result, List<FieldCheck> checks) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("sys_called", at).string("call", call).strings("fds", fds).numbers("args", args).string("text", text)
                    .hex("bytes", bytes).string("buffer", buffer).bool("checked", checked).number("expected", expected)
                    .number("result", result).parts("checks", checks).end();
        }

        public SysCalled {
            fds = List.copyOf(fds);
            args = List.copyOf(args);
            bytes = bytes.clone();
            checks = List.copyOf(checks);
        }

        /** {@code expect=RES} (checked) or none: the check is res equal to expected. */
        public SysCalled(long at, String call, List<String> fds, List<Long> args, String text, byte[] bytes, String buffer,
                         boolean checked, long expected, long result) {
            this(at, call, fds, args, text, bytes, buffer, checked, expected, result, FieldCheck.answer(checked, expected));
        }
    }

    /**
     * {@code thread NAME after=D ACTION}: a second OS thread that sleeps D then makes one call; {@code action} is
     * {@code write} (to the console fd {@code fd}, these bytes) or {@code submit} (io_uring_enter of {@code toSubmit}
     * SQEs the main thread published on {@code ring}).
     */
    record ThreadStarted(long at, String name, long delayNanos, String action, String fd, byte[] bytes, String ring,
                         int toSubmit) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("thread_started", at).string("name", name).number("delay_nanos", delayNanos).string("action", action)
                    .string("fd", fd).hex("bytes", bytes).string("ring", ring).number("to_submit", toSubmit).end();
        }

        public ThreadStarted {
            bytes = bytes.clone();
        }
    }

    /** {@code thread join NAME}: the thread's call answered {@code result} (or -errno); checked against expected when given. */
    record ThreadJoined(long at, String name, boolean checked, long expected, long result, List<FieldCheck> checks) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("thread_joined", at).string("name", name).bool("checked", checked).number("expected", expected)
                    .number("result", result).parts("checks", checks).end();
        }

        public ThreadJoined {
            checks = List.copyOf(checks);
        }

        public ThreadJoined(long at, String name, boolean checked, long expected, long result) {
            this(at, name, checked, expected, result, FieldCheck.answer(checked, expected));
        }
    }

    /** An {@code expect cqes=N} check: how many unchecked completions there were after its bounded wait. */
    record ExpectedCount(long at, String ring, int count, long timeoutNanos, int got, boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_count", at).string("ring", ring).number("count", count).number("timeout_nanos", timeoutNanos)
                    .number("got", got).bool("met", met).end();
        }
    }

    /** An {@code expect sq|cq FIELD=VALUE...} check of a ring's header, polled up to the timeout. */
    record ExpectedHeader(long at, String ring, String which, Map<String, Long> wanted, long timeoutNanos, boolean met)
            implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_header", at).string("ring", ring).string("which", which).map("wanted", wanted)
                    .number("timeout_nanos", timeoutNanos).bool("met", met).end();
        }

        public ExpectedHeader {
            wanted = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(wanted));
        }
    }

    /**
     * An {@code expect refused [naming=TEXT] COMMAND...}: the console was expected to refuse the command
     * (nothing reached the kernel); {@code message} is its refusal, empty when it ran.
     */
    record ExpectedRefusal(long at, String command, String naming, String message, boolean met) implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_refusal", at).string("command", command).string("naming", naming)
                    .string("message", message).bool("met", met).end();
        }
    }

    /**
     * One field check of an expectation, {@code FIELD[&MASK] OP VALUE[,VALUE...]}: {@code (actual & mask) OP
     * value}, with {@code =} any one of the values; {@code signed} says how {@code <} compares (res) or not.
     */
    record FieldCheck(String field, long mask, String op, List<Long> values, boolean signed) implements JsonLine.Part {
        @Override
        public void writeMembers(JsonLine line) {
            line.string("field", field).number("mask", mask).string("op", op).numbers("values", values).bool("signed", signed);
        }

        public FieldCheck {
            values = List.copyOf(values);
        }

        /** A call's {@code expect=RES}: its signed result equal to expected, or no check. */
        public static List<FieldCheck> answer(boolean checked, long expected) {
            return checked ? List.of(new FieldCheck("expect", -1L, "=", List.of(expected), true)) : List.of();
        }

        /** Whether it is one {@code =VALUE}, no mask: what a plain expect= checks. */
        public boolean plain() {
            return op.equals("=") && mask == -1L && values.size() == 1;
        }
    }

    /**
     * An {@code expect cqe} with comparisons, timing or big bytes: the completion taken (by user_data, or the
     * next), the checks of its fields, the time from the submit that sent its SQE to its reap within
     * [{@code afterNanos}, {@code beforeNanos}) (-1: no bound), its 16 extra bytes (empty: not checked).
     */
    record ExpectedCqe(long at, String ring, OptionalLong userData, List<FieldCheck> checks, long afterNanos,
                       long beforeNanos, byte[] big, long timeoutNanos, boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_cqe", at).string("ring", ring).optional("user_data", userData).parts("checks", checks)
                    .number("after_nanos", afterNanos).number("before_nanos", beforeNanos).hex("big", big)
                    .number("timeout_nanos", timeoutNanos).bool("met", met).end();
        }

        public ExpectedCqe {
            checks = List.copyOf(checks);
            big = big.clone();
        }
    }

    /** An {@code expect order U1 U2 ...}: the first completions of these user_data since each was submitted were reaped in this order. */
    record ExpectedOrder(long at, String ring, List<Long> userData, long timeoutNanos, boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_order", at).string("ring", ring).numbers("user_data", userData)
                    .number("timeout_nanos", timeoutNanos).bool("met", met).end();
        }

        public ExpectedOrder {
            userData = List.copyOf(userData);
        }
    }

    /** An {@code expect buf NAME same=@OTHER+OFF}: {@code length} bytes at {@code offset} of buffer equal those at {@code otherOffset} of other. */
    record ExpectedSame(long at, String buffer, long offset, String other, long otherOffset, long length, boolean met)
            implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_same", at).string("buffer", buffer).number("offset", offset).string("other", other)
                    .number("other_offset", otherOffset).number("length", length).bool("met", met).end();
        }
    }

    /**
     * An {@code expect struct NAME FIELD OP VALUE} on a numeric member: the {@code size} bytes at {@code offset}
     * of the buffer (big-endian ones such as sin_port byte-swapped, signed ones sign-extended) meet the check.
     */
    record ExpectedMember(long at, String buffer, long offset, int size, boolean bigEndian, FieldCheck check, String what,
                          boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_member", at).string("buffer", buffer).number("offset", offset).number("size", size)
                    .bool("big_endian", bigEndian).part("check", check).string("what", what).bool("met", met).end();
        }
    }

    /** An {@code expect sq|cq} with comparisons ({@code tail>=2}, {@code flags&CQ_OVERFLOW=0}), polled up to the timeout. */
    record ExpectedHeaderCheck(long at, String ring, String which, List<FieldCheck> checks, long timeoutNanos, boolean met)
            implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_header_check", at).string("ring", ring).string("which", which).parts("checks", checks)
                    .number("timeout_nanos", timeoutNanos).bool("met", met).end();
        }

        public ExpectedHeaderCheck {
            checks = List.copyOf(checks);
        }
    }

    /** An {@code expect buf NAME} check of a session buffer's bytes at an offset. */
    record ExpectedBytes(long at, String buffer, long offset, byte[] bytes, boolean met) implements Event, Expectation {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("expected_bytes", at).string("buffer", buffer).number("offset", offset).hex("bytes", bytes)
                    .bool("met", met).end();
        }

        public ExpectedBytes {
            bytes = bytes.clone();
        }
    }

    /**
     * An io_uring_register call as a reproducer needs it: the opcode, {@code arg} (NULL, the first of
     * {@code args}, or a session buffer), the exact bytes of every struct passed (the argument and the
     * structs it points to, as they were before the call), which of their bytes are addresses or fds the
     * program must put back, the memory ringside mapped for it, nr_args, {@code expect=} and the result.
     * {@code unexported} says why a reproducer cannot pass the same (empty: it can).
     */
    record Registered(long at, String ring, int opcode, RegisterRef arg, List<RegisterArg> args, int nr,
                      List<RegisterMapping> mappings, OptionalLong expected, long result, String unexported)
            implements Event {
        @Override
        public void writeLine(JsonLine line) {
            line.begin("registered", at).string("ring", ring).number("opcode", opcode).part("arg", arg).parts("args", args)
                    .number("nr", nr).parts("mappings", mappings).optional("expected", expected).number("result", result)
                    .string("unexported", unexported).end();
        }

        public Registered {
            args = List.copyOf(args);
            mappings = List.copyOf(mappings);
        }
    }

    /** What a value in a register argument stands for; {@code name} and {@code delta} locate it. */
    enum RegisterSource {
        /** NULL (a root argument only). */
        NULL,
        /** The address of {@code args[name]}. */
        ARG,
        /** The address of session buffer {@code name} plus {@code delta}. */
        BUFFER,
        /** The address of mapping {@code name} plus {@code delta}. */
        MAPPED,
        /** The number of console fd {@code name} ({@code p.r}). */
        CONSOLE_FD,
        /** The fd of ring {@code name}. */
        RING_FD
    }

    /** {@code size} bytes at {@code offset} of a struct that hold an address or an fd of the session. */
    record RegisterRef(int offset, int size, RegisterSource source, String name, long delta) implements JsonLine.Part {
        @Override
        public void writeMembers(JsonLine line) {
            line.number("offset", offset).number("size", size).name("source", source).string("name", name).number("delta", delta);
        }
    }

    /** One struct passed to io_uring_register, by its bytes, and the places in it the session's values go. */
    record RegisterArg(String type, byte[] bytes, List<RegisterRef> refs) implements JsonLine.Part {
        @Override
        public void writeMembers(JsonLine line) {
            line.string("type", type).hex("bytes", bytes).parts("refs", refs);
        }

        public RegisterArg {
            bytes = bytes.clone();
            refs = List.copyOf(refs);
        }
    }

    /**
     * Anonymous page-aligned memory ringside mapped for a registration ({@code bytes} before rounding);
     * a provided-buffer ring ({@code pbufEntries} > 0) also had {@code pbufEntries} buffers of
     * {@code pbufSize} bytes put in it, tail published, once the kernel accepted it.
     */
    record RegisterMapping(String name, long bytes, int pbufEntries, int pbufSize) implements JsonLine.Part {
        @Override
        public void writeMembers(JsonLine line) {
            line.string("name", name).number("bytes", bytes).number("pbuf_entries", pbufEntries).number("pbuf_size", pbufSize);
        }
    }
}
