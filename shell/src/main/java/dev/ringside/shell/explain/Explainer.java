package dev.ringside.shell.explain;

import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.KernelTrials;
import dev.ringside.shell.session.Pending;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.caps.SetupDiagnosis;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.RingConfig;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code explain}: finds the refusal the user names in the journal (a request's CQE with an error, a
 * refused io_uring_setup, a refused io_uring_register) and asks the kernel, by trial on scratch rings,
 * which field or flag it objects to. The answer is one line.
 */
public final class Explainer {
    private Explainer() {
    }

    /** What {@code explain} can be about. */
    sealed interface Target {
        long at();
    }

    /** A request whose CQE carried an error: its SQE as submitted, on its ring. */
    record Request(long at, String ring, Opcode opcode, byte[] sqe, int res) implements Target {
    }

    record Setup(long at, RingConfig config, int errno) implements Target {
    }

    record Register(long at, String ring, Event.Registered call) implements Target {
    }

    /** {@code last} (or nothing), {@code #N}, {@code user_data=U}, {@code setup}, {@code register}. */
    public static String explain(Session session, String what, OptionalLong userData) {
        List<Event> journal = session.journal().events();
        Target target;
        if (userData.isPresent()) {
            target = request(session, journal, userData.getAsLong()).orElseThrow(() -> new ConsoleException(
                    "explain: no refused request with user_data=" + Long.toUnsignedString(userData.getAsLong())
                            + " (a CQE with an error) in this session"));
        } else if (what.startsWith("#")) {
            long n;
            try {
                n = Long.parseLong(what.substring(1));
            } catch (NumberFormatException e) {
                throw new ConsoleException("explain: " + what + " is no draft number (#3)", what);
            }
            Optional<Pending.Request> flying = session.inFlight((int) n);
            if (flying.isPresent()) {
                throw new ConsoleException("explain: #" + n + " is still in flight; wait for its CQE first", what);
            }
            // a completed request keeps no draft number: #N is the SQE whose (default) user_data is N
            target = request(session, journal, n).orElseThrow(() -> new ConsoleException(
                    "explain: no refused request #" + n + " (user_data=" + n + ") in this session", what));
        } else {
            target = switch (what) {
                case "setup" -> setup(session, journal).orElseThrow(() -> new ConsoleException("explain: no refused io_uring_setup in this session"));
                case "register" -> register(journal).orElseThrow(() -> new ConsoleException("explain: no refused io_uring_register in this session"));
                case "last", "" -> last(session, journal);
                default -> throw new ConsoleException("explain: '" + what + "' names nothing; give #N, user_data=U, last, setup or register", what);
            };
        }
        return switch (target) {
            case Request r -> SqeTrials.explain(r.opcode(), r.sqe(), r.res(), configOf(journal, r.ring(), r.at()),
                    session.catalog().opcode("LINK_TIMEOUT").number(), session.resources().buffers(), session::cancelled);
            case Setup s -> "io_uring_setup " + Errno.describeResult(-s.errno()).replaceFirst("^-?\\d+ ", "-") + ": "
                    + SetupDiagnosis.explain(s.config(), s.errno(), KernelTrials.query(session),
                    session.catalog().flagSet(FlagSets.SETUP.name())).orElse("no trial isolated the cause");
            case Register r -> RegisterTrials.explain(r.call(), configOf(journal, r.ring(), r.at()));
        };
    }

    /** The latest refusal of any kind. */
    private static Target last(Session session, List<Event> journal) {
        Optional<Target> latest = Optional.empty();
        for (Optional<? extends Target> t : List.of(lastRequest(session, journal), setup(session, journal), register(journal))) {
            if (t.isPresent() && (latest.isEmpty() || t.get().at() > latest.get().at())) {
                latest = Optional.of(t.get());
            }
        }
        return latest.orElseThrow(() -> new ConsoleException("explain: nothing was refused in this session"
                + " (no CQE with an error, no refused setup or register)"));
    }

    /** A refusal, not an outcome: a timeout's expiry and a cancellation are answers the request asked for. */
    private static boolean refusal(int res) {
        return res < 0 && res != -Errno.ETIME.number() && res != -Errno.ECANCELED.number();
    }

    private static Optional<Request> lastRequest(Session session, List<Event> journal) {
        for (int i = journal.size() - 1; i >= 0; i--) {
            if (journal.get(i) instanceof Event.CqeReaped c && refusal(c.res())) {
                Optional<Request> r = queued(session, journal, i, c);
                if (r.isPresent()) {
                    return r;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Request> request(Session session, List<Event> journal, long userData) {
        for (int i = journal.size() - 1; i >= 0; i--) {
            if (journal.get(i) instanceof Event.CqeReaped c && c.userData() == userData && c.res() < 0) {
                return queued(session, journal, i, c);
            }
        }
        return Optional.empty();
    }

    /** The SQE a CQE answered: the latest SqeQueued of its ring and user_data before it. */
    private static Optional<Request> queued(Session session, List<Event> journal, int cqeAt, Event.CqeReaped c) {
        for (int i = cqeAt - 1; i >= 0; i--) {
            if (journal.get(i) instanceof Event.SqeQueued q && q.ring().equals(c.ring()) && q.userData() == c.userData()) {
                return Optional.of(new Request(c.at(), c.ring(), session.catalog().opcode(q.opcode()), q.bytes(), c.res()));
            }
        }
        return Optional.empty();
    }

    private static Optional<Setup> setup(Session session, List<Event> journal) {
        Optional<Setup> noted = SetupRefusals.last(session).map(r -> new Setup(r.at(), r.config(), r.errno()));
        for (int i = journal.size() - 1; i >= 0; i--) {
            if (journal.get(i) instanceof Event.SetupExpected x && x.result() < 0
                    && (noted.isEmpty() || x.at() > noted.get().at())) {
                return Optional.of(new Setup(x.at(), x.config(), (int) -x.result()));
            }
        }
        return noted;
    }

    private static Optional<Register> register(List<Event> journal) {
        for (int i = journal.size() - 1; i >= 0; i--) {
            if (journal.get(i) instanceof Event.Registered r && r.result() < 0) {
                return Optional.of(new Register(r.at(), r.ring(), r));
            }
        }
        return Optional.empty();
    }

    /** The setup of the ring this name had at that time. */
    private static RingConfig configOf(List<Event> journal, String ring, long at) {
        RingConfig config = RingConfig.of(8, 0);
        for (Event e : journal) {
            if (e.at() > at) {
                break;
            }
            if (e instanceof Event.RingConfigured rc && rc.ring().equals(ring)) {
                config = rc.config();
            }
        }
        return config;
    }
}
