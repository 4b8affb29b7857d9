package dev.ringside.shell.command.ring;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.ring.RingConfig;

/**
 * {@code ring create ... expect=-EINVAL}: the setup is expected to be refused with that errno; met, the
 * refusal and its cause (by trial) are shown and counted; missed, it is a failed expectation, not an error.
 */
final class SetupExpectation {
    private SetupExpectation() {
    }

    static void check(Session session, String name, RingConfig config, Assignment expect) {
        long wanted;
        try {
            wanted = Values.parseResult(expect.value());
        } catch (ValueException e) {
            throw expect.error("expect: " + e.getMessage());
        }
        if (wanted >= 0) {
            throw expect.error("ring create expect= takes the errno a refused setup answers (expect=-EINVAL); a ring that is set up needs no expect=");
        }
        long result = session.setupExpecting(name, config, wanted);
        String what = "io_uring_setup(" + name + ", entries " + Integer.toUnsignedString(config.entries())
                + (config.flags() != 0 ? ", flags " + session.catalog().flagSet(FlagSets.SETUP.name()).format(config.flags()) : "") + ")";
        if (result < 0) {
            session.out().println(what + " = " + Errno.describeResult(result) + "\n  " + session.setupRefusal(config, (int) -result));
        } else {
            session.out().println(what + " = fd " + result + " (set up, closed at once: a refusal was expected)");
        }
        if (result != wanted) {
            throw new ExpectationFailed(what + " = " + Errno.describeResult(wanted),
                    result < 0 ? Errno.describeResult(result) : "a ring (fd " + result + ")");
        }
        session.expectationMet();
    }
}
