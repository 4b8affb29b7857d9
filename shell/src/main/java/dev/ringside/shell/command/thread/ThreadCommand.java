package dev.ringside.shell.command.thread;

import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.command.sys.FdWords;
import dev.ringside.shell.session.Resources;
import dev.ringside.shell.session.SecondThread;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.sys.CallState;
import dev.ringside.tracer.sys.PlainCalls;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code thread NAME after=D sys write FD text=...} or {@code thread NAME after=D submit [ring=R]}: one call made by a
 * second OS thread after a delay, for tests where another task must act while the main thread waits (a write that
 * completes a POLL_ADD, a submit SINGLE_ISSUER refuses). The thread gets only numbers and bytes copied when it is
 * declared (the fd, or the ring fd and how many SQEs the main thread published); the session is never touched from it.
 * {@code thread join NAME [expect=RES]} waits for it (bounded) and journals its answer on the main thread.
 */
public final class ThreadCommand implements Declared {
    private final Session session;

    public ThreadCommand(Session session) {
        this.session = session;
    }

    static final Syntax START = Syntax.of("thread",
                    "Start a second thread that waits after= then makes one call: 'sys write FD text=|hex=' or 'submit [ring=R]'"
                            + " (the drafts are written to the ring's SQ now; the thread's io_uring_enter hands them over).")
            .with(Positional.required("NAME", ValueType.Name.NEW_NAME, "the thread's name"),
                    Positional.many("ACTION", ValueType.Name.TEXT, "sys write FD text=...|hex=..., or submit [ring=R]"))
            .optionsAsTyped()
            .note("after=DURATION (default 0) may stand anywhere; join it with thread join NAME [expect=RES].");
    static final Syntax JOIN = Syntax.of("thread join", "Wait for a thread's call (bounded) and show its answer; expect= checks it.")
            .with(Positional.required("NAME", ValueType.Name.TEXT, "a thread started by thread NAME ..."))
            .with(Option.of("expect", new ValueType.Result(), "the answer wanted (expect=1,-EAGAIN one of, expect>=0): a mismatch fails the script as an expect does")
                            .comparable(),
                    Option.of("timeout", ValueType.Duration.WAIT, "1s", "the longest to wait for it"));

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(JOIN, this::join), new Verb(START, this::start));
    }

    private void start(Args args) {
        List<String> words = args.words();
        String name = words.getFirst();
        if (session.procs().thread(name).isPresent()) {
            throw new ConsoleException("thread " + name + " is running; thread join " + name + " first", name);
        }
        long delay = 0;
        String ring = null;
        String text = null;
        String hex = null;
        List<String> action = new java.util.ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            if (w.startsWith("after=")) {
                delay = duration(w);
            } else if (w.startsWith("ring=")) {
                ring = w.substring(5);
            } else if (w.startsWith("text=")) {
                text = w.substring(5);
            } else if (w.startsWith("hex=")) {
                hex = w.substring(4);
            } else {
                action.add(w);
            }
        }
        if (action.equals(List.of("submit"))) {
            submit(name, delay, ring);
        } else if (action.size() == 2 && action.get(0).equals("sys") && action.get(1).startsWith("write")) {
            throw new ConsoleException("thread " + name + ": sys write needs FD: sys write $p.w text=x");
        } else if (action.size() == 3 && action.get(0).equals("sys") && action.get(1).equals("write")) {
            write(name, delay, FdWords.fd(session, action.get(2)), text, hex);
        } else {
            throw new ConsoleException("thread " + name + ": the actions are 'sys write FD text=...|hex=...' and 'submit [ring=R]'; got '"
                    + String.join(" ", action) + "'; " + START.usage());
        }
    }

    private static long duration(String word) {
        try {
            return (Long) ValueType.Duration.WAIT.parse(word.substring(6), null);
        } catch (ValueException e) {
            throw new ConsoleException("after: " + e.getMessage(), word);
        }
    }

    private void write(String name, long delay, Resources.ConsoleFd fd, String text, String hex) {
        if ((text == null) == (hex == null)) {
            throw new ConsoleException("thread " + name + ": sys write needs one of text= and hex=");
        }
        byte[] bytes;
        try {
            bytes = text != null ? text.getBytes(StandardCharsets.UTF_8) : java.util.HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException("thread " + name + ": hex= is not hex bytes: " + e.getMessage());
        }
        int number = fd.fd();
        byte[] copy = bytes.clone();
        session.journal().record(new Event.ThreadStarted(session.journal().now(), name, delay, "write", fd.name(), bytes, "", 0));
        session.procs().started(new SecondThread(name, "write(2) of " + bytes.length + " bytes to $" + fd.name(), fd.name(), delay, () -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment from = arena.allocate(Math.max(1, copy.length)).asSlice(0, copy.length);
                MemorySegment.copy(copy, 0, from, ValueLayout.JAVA_BYTE, 0, copy.length);
                return PlainCalls.write(number, from).result();
            }
        }));
        session.out().println("thread " + name + ": write(2) of " + bytes.length + " bytes to $" + fd.name() + " after "
                + Values.formatDurationNanos(delay));
    }

    private void submit(String name, long delay, String ringName) {
        if (ringName != null) {
            session.use(ringName);
        }
        Session.Staged staged = session.stage(session.drafts().size());
        int toSubmit = staged.ring().ring().publish();
        int ringFd = staged.ring().ring().fd();
        session.journal().record(new Event.ThreadStarted(session.journal().now(), name, delay, "submit", "", new byte[0],
                staged.ring().name(), toSubmit));
        session.procs().started(new SecondThread(name, "io_uring_enter of " + toSubmit + " SQEs on " + staged.ring().name(), "", delay, () -> {
            try (Arena arena = Arena.ofConfined()) {
                return Syscalls.ioUringEnter(new CallState(arena), ringFd, toSubmit, 0, 0, MemorySegment.NULL, 0);
            } catch (SyscallException e) {
                return e.result();
            }
        }));
        session.out().println("thread " + name + ": io_uring_enter(" + staged.ring().name() + ", to_submit=" + toSubmit + ") after "
                + Values.formatDurationNanos(delay) + " (" + staged.requests() + " drafts in the SQ ring)");
    }

    private void join(Args args) {
        String name = args.word(0).orElseThrow();
        SecondThread thread = session.procs().thread(name).orElseThrow(() -> new ConsoleException("no thread '" + name + "'"
                + (session.procs().threadNames().isEmpty() ? "; start one with thread NAME after=D ACTION"
                : "; threads: " + String.join(", ", session.procs().threadNames())), name));
        long timeout = args.number("timeout");
        java.util.OptionalLong answer = thread.join(timeout);
        if (answer.isEmpty()) {
            throw new ConsoleException("thread " + name + " (" + thread.describe() + ") did not end within "
                    + Values.formatDurationNanos(timeout) + "; thread join " + name + " timeout=... waits longer");
        }
        session.procs().joined(name);
        long result = answer.getAsLong();
        java.util.Optional<dev.ringside.shell.command.expect.Comparison> expected = args.comparison("expect");
        session.journal().record(new Event.ThreadJoined(session.journal().now(), name, expected.isPresent(),
                expected.map(c -> c.values().getFirst()).orElse(0L), result, expected.map(c -> List.of(c.toEvent())).orElse(List.of())));
        session.procs().lastResult(result);
        String line = "thread " + name + ": " + thread.describe() + " = " + Errno.describeResult((int) result);
        if (expected.isPresent()) {
            if (!expected.get().test(result)) {
                throw new ExpectationFailed("thread " + name + " " + dev.ringside.shell.command.sys.SysAnswer.wanted(expected.get()),
                        Errno.describeResult((int) result));
            }
            session.expectationMet();
            session.out().println(line + "   (as expected)");
            return;
        }
        session.out().println(line);
    }
}
