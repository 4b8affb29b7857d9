package dev.ringside.shell.command.mem;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.CqeView;
import dev.ringside.shell.session.Keyboard;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.CompletionQueue;
import dev.ringside.tracer.ring.CqHeader;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.SqHeader;
import dev.ringside.tracer.sys.SyscallException;

import java.util.List;
import java.util.Optional;

/**
 * {@code watch [sq|cq|all] [interval=100ms] [for=D] [reap=no|yes]}: the ring headers, printed each time
 * they change, and the CQEs as they arrive, until a key, Ctrl-C or for= elapses. It only reads the
 * shared memory unless told reap=yes, so the CQEs stay for cqes, wait and expect.
 */
public final class WatchCommand implements Declared {
    static final List<String> WHAT = List.of("sq", "cq", "all");
    /** Slower than this is not watching; faster would only burn the CPU the kernel side needs. */
    static final long MIN_INTERVAL = 1_000_000L;
    static final long MAX_INTERVAL = 10_000_000_000L;

    private final Session session;

    public WatchCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("watch",
                    "Follow a ring live: the headers when they change and each new CQE with its SQE, until a key, Ctrl-C or for= ends it.")
            .with(Positional.optional("WHAT", new ValueType.Words(WHAT), "sq, cq or all (all by default)"))
            .with(Option.of("interval", new ValueType.Duration(), "100ms", "how often to look, 1ms to 10s"),
                    Option.of("for", ValueType.Duration.WAIT, "how long to watch (needed without a terminal)"),
                    Option.of("reap", new ValueType.Words("no", "yes", "on", "off", "true", "false"), "no",
                            "whether to reap the CQEs (by default they stay for cqes, wait and expect)"))
            .withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    /** How a watch ended, as --json's closing {"type":"watch",...} line says. */
    record Summary(String ring, long elapsedMs, int headerChanges, int cqes, String stoppedBy) {
    }

    private void run(Args args) {
        String what = args.positionalValues().isEmpty() ? "all" : (String) args.positionalValues().getFirst();
        long interval = args.number("interval");
        if (interval < MIN_INTERVAL || interval > MAX_INTERVAL) {
            throw args.error("interval", "interval must be between 1ms and 10s");
        }
        Optional<Long> limit = args.optionalNumber("for");
        boolean reap = List.of("yes", "on", "true").contains(args.text("reap"));
        Optional<Keyboard> keys = session.keyboard();
        if (keys.isEmpty() && limit.isEmpty()) {
            throw new ConsoleException("without a terminal nothing can stop a watch: give for=DURATION, e.g. watch "
                    + what + " for=50ms");
        }
        RingSession rs = session.currentRing();
        Output out = session.output();
        out.text("watching " + rs.name() + " (" + what + " every " + Values.formatDurationNanos(interval)
                + (reap ? ", reaping CQEs" : ", CQEs left unreaped") + ")"
                + limit.map(l -> " for " + Values.formatDurationNanos(l)).orElse("")
                + (keys.isPresent() ? "; any key or Ctrl-C stops" : ""));
        session.out().flush();
        Watch watch = new Watch(rs, what, reap);
        long start = System.nanoTime();
        String stoppedBy;
        session.resetCancel();
        try (AutoCloseable raw = keys.isPresent() ? keys.get().raw() : null) {
            while (true) {
                watch.tick(System.nanoTime() - start);
                session.out().flush();
                long left = limit.map(l -> start + l - System.nanoTime()).orElse(Long.MAX_VALUE);
                if (session.cancelled()) {
                    stoppedBy = "Ctrl-C";
                    break;
                }
                if (left <= 0) {
                    stoppedBy = "time";
                    break;
                }
                long pause = Math.max(1, Math.min(interval, left) / 1_000_000L);
                // bounded waits between redraws, never a busy loop
                if (keys.isPresent() ? keys.get().pressed(pause) : sleep(pause)) {
                    stoppedBy = keys.isPresent() ? "key" : "interrupt";
                    break;
                }
            }
        } catch (ConsoleException e) {
            throw e;
        } catch (Exception e) {
            throw new ConsoleException("watch: cannot restore the terminal: " + e.getMessage());
        } finally {
            session.resetCancel();
        }
        long elapsed = System.nanoTime() - start;
        out.result("watch", new Summary(rs.name(), elapsed / 1_000_000L, watch.changes, watch.cqes, stoppedBy),
                "watched " + rs.name() + " for " + Values.formatDurationNanos(elapsed / 1_000_000L * 1_000_000L) + ": "
                        + watch.changes + " header changes, " + watch.cqes + " new CQEs; stopped by " + stoppedBy);
    }

    /** One ring being followed: the headers last printed and how far the CQ ring has been read. */
    private final class Watch {
        final RingSession rs;
        final boolean sq;
        final boolean cq;
        final boolean reap;
        SqHeader lastSq;
        CqHeader lastCq;
        int seen;
        int changes;
        int cqes;

        Watch(RingSession rs, String what, boolean reap) {
            this.rs = rs;
            this.sq = !what.equals("cq");
            this.cq = !what.equals("sq");
            this.reap = reap;
            this.seen = rs.ring().cqHeader().head();
        }

        void tick(long elapsed) {
            Ring ring = rs.ring();
            if (cq) {
                runTaskWork(ring);
            }
            String at = String.format("%+8.3fs ", elapsed / 1e9);
            SqHeader s = ring.sqHeader();
            if (sq && !s.equals(lastSq)) {
                lastSq = s;
                changes++;
                ShownMemory.sq(session, rs.name(), s, "watch");
                session.output().result("sq", HeaderViews.sq(rs.name(), s), at + "sq head=" + Integer.toUnsignedString(s.head())
                        + " tail=" + Integer.toUnsignedString(s.tail()) + " flags=" + FlagSets.SQ_RING.format(Integer.toUnsignedLong(s.flags()))
                        + " dropped=" + Integer.toUnsignedString(s.dropped()));
            }
            CqHeader c = ring.cqHeader();
            if (cq && !c.equals(lastCq)) {
                lastCq = c;
                changes++;
                ShownMemory.cq(session, rs.name(), c, "watch");
                session.output().result("cq", HeaderViews.cq(rs.name(), c), at + "cq head=" + Integer.toUnsignedString(c.head())
                        + " tail=" + Integer.toUnsignedString(c.tail()) + " overflow=" + Integer.toUnsignedString(c.overflow())
                        + " flags=" + FlagSets.CQ_RING.format(Integer.toUnsignedLong(c.flags())));
            }
            if (!cq) {
                return;
            }
            if (reap) {
                cqes += session.reapAndPrint().size();
                return;
            }
            // read, not reap: from the first CQE not yet shown up to the tail the kernel published
            int from = seen - c.head() < 0 ? c.head() : seen; // reaped meanwhile by someone else: skip those
            for (int pos = from; c.tail() - pos > 0; pos += ring.cq().slotsAt(pos)) {
                Completion completion = ring.cq().peek(pos);
                if (CompletionQueue.isSkip(completion)) {
                    continue;
                }
                cqes++;
                ShownMemory.cqe(session, rs.name(), completion, "watch");
                session.output().result("cqe_seen", CqeView.of(rs.name(), completion, rs.ledger().attribute(completion)),
                        at + session.describe(rs, completion) + "   (not reaped)");
            }
            seen = c.tail();
        }
    }

    /** On DEFER_TASKRUN and COOP_TASKRUN rings completions wait for task work; a non-blocking enter runs it. */
    private static void runTaskWork(Ring ring) {
        try {
            ring.runTaskWork();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
    }

    private static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
