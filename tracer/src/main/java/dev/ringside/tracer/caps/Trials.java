package dev.ringside.tracer.caps;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.flags.TimeoutFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.probe.TrialSetup;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Map;

/** Trials that need more than one shared fact: a trial ring with given flags, a timeout SQE. */
public final class Trials {
    private Trials() {
    }

    /**
     * The flags a setup flag cannot go without on a trial ring (the kernel refuses it alone):
     * io_uring_setup checks these in io_uring_sanitise_params / io_uring_create.
     */
    public static final Map<SetupFlag, Long> COMPANIONS = Map.of(
            SetupFlag.DEFER_TASKRUN, SetupFlag.SINGLE_ISSUER.value(),
            SetupFlag.SQ_REWIND, SetupFlag.NO_SQARRAY.value(),
            SetupFlag.TASKRUN_FLAG, SetupFlag.COOP_TASKRUN.value(),
            SetupFlag.SQ_AFF, SetupFlag.SQPOLL.value(),
            SetupFlag.HYBRID_IOPOLL, SetupFlag.IOPOLL.value());

    /** Setup flags a plain trial ring cannot take (they need a wq fd or user memory): only the query can tell. */
    static final List<SetupFlag> QUERY_ONLY = List.of(SetupFlag.ATTACH_WQ, SetupFlag.NO_MMAP, SetupFlag.REGISTERED_FD_ONLY);

    /** The flags a trial of this setup flag needs beside it (0: none); by name, as FlagSets.SETUP lists it. */
    static long companions(Flag flag) {
        return COMPANIONS.entrySet().stream().filter(e -> e.getKey().name().equals(flag.name()))
                .mapToLong(java.util.Map.Entry::getValue).findFirst().orElse(0L);
    }

    /** Whether only the query can tell of this setup flag (a plain trial ring cannot take it). */
    static boolean queryOnly(Flag flag) {
        return QUERY_ONLY.stream().anyMatch(f -> f.name().equals(flag.name()));
    }

    /** A trial io_uring_setup with these flags: 0 when accepted, else the errno. */
    public static int setupErrno(long flags) {
        try {
            TrialSetup.features(flags);
            return 0;
        } catch (SyscallException e) {
            return e.errno();
        }
    }

    /** A setup flag's answer: the trial ring with its companions, checked against the query's list where there is one. */
    static Answer setupFlag(KernelFacts kernel, long flag, long companions) {
        var query = kernel.query().setupFlags();
        String listed = query.isPresent() ? ((query.getAsLong() & flag) != 0 ? "; IORING_REGISTER_QUERY lists it"
                : "; IORING_REGISTER_QUERY does not list it") : "";
        String how = "trial io_uring_setup(" + FlagSets.SETUP.format(flag | companions) + ")";
        int errno = setupErrno(flag | companions);
        if (errno == 0) {
            return Answer.present(how, "accepted" + listed);
        }
        String refused = Errno.describeResult(-errno);
        if (query.isPresent()) {
            return Answer.of((query.getAsLong() & flag) != 0, how, refused + listed);
        }
        return errno == Errno.EINVAL.number() ? Answer.absent(how, refused) : Answer.unknown(how, refused + ": not a verdict on the flag");
    }

    /**
     * IORING_TIMEOUT_IMMEDIATE_ARG: a TIMEOUT SQE whose addr holds 1 ms in nanoseconds on a trial ring.
     * A kernel without the flag completes it -EINVAL; one with it fires the timeout: -ETIME.
     */
    static Answer immediateArg(KernelFacts kernel) {
        String how = "TIMEOUT SQE with timeout_flags=IMMEDIATE_ARG addr=1000000 on a trial ring";
        StructLayout sqe = UapiLayouts.IO_URING_SQE;
        try (Ring ring = Ring.create(RingConfig.of(4, 0))) {
            MemorySegment slot = ring.nextSqe();
            slot.set(ValueLayout.JAVA_BYTE, LayoutPaths.offset(sqe, "opcode"), (byte) 11); // IORING_OP_TIMEOUT
            slot.set(ValueLayout.JAVA_INT, LayoutPaths.offset(sqe, "fd"), -1);
            slot.set(ValueLayout.JAVA_LONG, LayoutPaths.offset(sqe, "addr"), 1_000_000L);
            slot.set(ValueLayout.JAVA_INT, LayoutPaths.offset(sqe, "len"), 1);
            // timeout_flags is a member of the op-flags union, at rw_flags' offset
            slot.set(ValueLayout.JAVA_INT, LayoutPaths.offset(sqe, "rw_flags"), (int) TimeoutFlag.IMMEDIATE_ARG.value());
            slot.set(ValueLayout.JAVA_LONG, LayoutPaths.offset(sqe, "user_data"), 1L);
            ring.submit();
            ring.waitFor(1, 1_000_000_000L, () -> false);
            List<Completion> cqes = ring.reap();
            if (cqes.isEmpty()) {
                return Answer.unknown(how, "no CQE within 1 s");
            }
            int res = cqes.getFirst().res();
            String said = Errno.describeResult(res);
            if (res == -Errno.ETIME.number()) {
                return Answer.present(how, said);
            }
            return res == -Errno.EINVAL.number() ? Answer.absent(how, said) : Answer.unknown(how, said);
        } catch (SyscallException e) {
            return Answer.unknown(how, e.getMessage());
        }
    }
}
