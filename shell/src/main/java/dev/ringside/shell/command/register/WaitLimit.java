package dev.ringside.shell.command.register;

import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.session.Assignment;

/**
 * Every wait the user names (submit/wait/expect timeout=, watch for=, sync cancel's timeout) lasts at
 * most an hour: a longer one is a typo or 292 years of 2^63 ns, and a reproducer must end.
 */
public final class WaitLimit {
    private WaitLimit() {
    }

    public static final long MAX_WAIT_NANOS = 3_600_000_000_000L;

    /** The duration of {@code a} (its value), refused with one line when negative or above an hour. */
    public static long parse(Assignment a) {
        long nanos;
        try {
            nanos = Values.parseDurationNanos(a.value());
        } catch (ValueException e) {
            throw a.error(e.getMessage());
        }
        return check(a, nanos);
    }

    /** {@code nanos}, when it is within 0..1h; else one line naming the word. */
    public static long check(Assignment a, long nanos) {
        if (nanos < 0 || nanos > MAX_WAIT_NANOS) {
            throw a.error(a.name() + "=" + a.value() + " is outside 0 to 1h: a wait lasts at most an hour"
                    + (nanos < 0 ? " and is never negative" : ""));
        }
        return nanos;
    }
}
