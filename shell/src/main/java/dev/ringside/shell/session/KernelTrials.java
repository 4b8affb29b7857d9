package dev.ringside.shell.session;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.sys.SyscallException;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * What trials established about the running kernel, made once per session: a hint may say the kernel
 * lacks something only when a trial says so (an errno never does). The trial is IORING_REGISTER_QUERY on
 * a throwaway ring, outside the session's journal.
 */
public final class KernelTrials {
    private KernelTrials() {
    }

    private static final Map<Session, RegisterQuery> QUERIES = new WeakHashMap<>();

    /** The trial query, made the first time a session needs it. */
    public static synchronized RegisterQuery query(Session session) {
        return QUERIES.computeIfAbsent(session, s -> RegisterQuery.ofKernel());
    }

    /** {@code ; kernel 6.18 does not know setup flag SQ_REWIND (...)} for a refused io_uring_setup, or "". */
    static String setupHint(Session session, long flags, SyscallException e) {
        if (e.errno() != Errno.EINVAL.number()) {
            return "";
        }
        RegisterQuery kernel = query(session);
        if (kernel.setupFlags().isEmpty()) {
            return "";
        }
        long unknown = flags & ~kernel.setupFlags().getAsLong();
        return unknown != 0
                ? "; this kernel does not know setup flag " + FlagSets.SETUP.format(unknown)
                        + " (a trial IORING_REGISTER_QUERY lists the setup flags it knows)"
                : "; this kernel knows every setup flag given (a trial IORING_REGISTER_QUERY says so): a combination or a parameter is what it refuses";
    }
}
