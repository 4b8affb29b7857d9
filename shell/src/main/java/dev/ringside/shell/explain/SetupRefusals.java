package dev.ringside.shell.explain;

import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.RingConfig;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The last io_uring_setup each session saw refused, with its configuration: a refused {@code ring create}
 * leaves no ring and no RingConfigured event, so {@code explain} finds it here.
 */
public final class SetupRefusals {
    private SetupRefusals() {
    }

    /** A refused setup: what was asked, the errno, and when on the journal's clock. */
    public record Refusal(RingConfig config, int errno, long at) {
    }

    private static final Map<Session, Refusal> LAST = new WeakHashMap<>();

    public static synchronized void note(Session session, RingConfig config, int errno) {
        LAST.put(session, new Refusal(config, errno, session.journal().now()));
    }

    public static synchronized Optional<Refusal> last(Session session) {
        return Optional.ofNullable(LAST.get(session));
    }
}
