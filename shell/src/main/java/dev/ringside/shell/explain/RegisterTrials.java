package dev.ringside.shell.explain;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.ScratchArgs;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.util.ArrayList;
import java.util.List;

/**
 * Why the kernel refused an io_uring_register call, found by trial on a scratch ring (with the user's
 * ring's setup flags): the same opcode with scratch copies of the structs it passed, then with nr_args
 * reset to 0 and 1 and with a NULL argument, one change at a time, each built by tracer's {@link ScratchArgs}. Arguments that hold the session's
 * addresses or fds are not copied (their copies would point at the user's memory): such a call is not tried.
 */
public final class RegisterTrials {
    private RegisterTrials() {
    }

    /** A variant of the call: its argument (copied or NULL) and nr_args, and how the message names it. */
    private record Variant(boolean nullArg, int nr, String describe) {
    }

    public static String explain(Event.Registered call, RingConfig config) {
        String name = FlagSets.REGISTER_OP.format(call.opcode());
        String refused = Errno.of((int) -call.result()).map(e -> "-" + e.name()).orElse(String.valueOf(call.result()));
        String as = "register " + name + " " + refused;
        boolean nullRoot = call.arg().source() == Event.RegisterSource.NULL;
        if (!ScratchArgs.copyable(call)) {
            return as + ": not tried: its argument holds the session's addresses or fds, which a trial must not hand the kernel";
        }
        RingConfig scratch = new RingConfig(8, config.flags() & ~dev.ringside.decoders.flags.SetupFlag.ATTACH_WQ.value(), 0,
                config.sqThreadCpu(), config.sqThreadIdle(), 0);
        long baseline = trial(call, scratch, nullRoot, call.nr());
        if (baseline >= 0) {
            return as + ": the same call passes on a scratch ring (" + baseline + "): the refusal came from the session's"
                    + " state (what the ring had registered, its fds), not from the argument";
        }
        List<Variant> variants = new ArrayList<>();
        for (int nr : new int[] {0, 1}) {
            if (nr != call.nr()) {
                variants.add(new Variant(nullRoot, nr, "nr=" + Integer.toUnsignedString(call.nr()) + " is refused; nr=" + nr));
            }
        }
        if (!nullRoot) {
            variants.add(new Variant(true, 0, "with arg=NULL and nr=0"));
        }
        List<String> accepted = new ArrayList<>();
        for (Variant v : variants) {
            long res = trial(call, scratch, v.nullArg(), v.nr());
            if (res >= 0 || res != baseline && res != -Errno.EINVAL.number() && res != -Errno.EFAULT.number()) {
                accepted.add(v.describe() + " passes (" + (res >= 0 ? "result " + res : Errno.describeResult(res)) + ")");
            }
        }
        if (accepted.isEmpty()) {
            return as + ": no trial isolated it (nr=0, nr=1" + (nullRoot ? "" : ", a NULL argument")
                    + " on a scratch ring are refused as well)";
        }
        return as + ": " + String.join("; ", accepted);
    }

    /** The call on a fresh scratch ring, not journaled (the session did not make it): the result or -errno. */
    private static long trial(Event.Registered call, RingConfig config, boolean nullArg, int nr) {
        try (Ring ring = Ring.create(config); Arena arena = Arena.ofConfined()) {
            RegisterArgument argument = nullArg ? ScratchArgs.none(call, nr) : ScratchArgs.copyOf(call, arena, nr);
            return RegisterCall.invoke(null, "scratch", ring.fd(), argument).result();
        } catch (SyscallException e) {
            throw new IllegalStateException("a scratch ring for the trial failed: " + e.getMessage(), e);
        }
    }
}
