package dev.ringside.shell.session;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.caps.SetupDiagnosis;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.ring.RingConfig;
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

    /**
     * The one-line message for a refused io_uring_setup: the errno and the cause a trial isolated
     * ({@code DEFER_TASKRUN requires SINGLE_ISSUER}), or the errno's generic cause when no trial did.
     */
    static String setupError(Session session, RingConfig config, SyscallException e) {
        dev.ringside.shell.explain.SetupRefusals.note(session, config, e.errno()); // for 'explain setup'
        return SetupDiagnosis.explain(config, e.errno(), query(session), session.catalog().flagSet(FlagSets.SETUP.name()))
                .map(cause -> e.call() + ": " + Errno.of(e.errno()).map(n -> "-" + n.name() + " (" + n.description() + ")")
                        .orElse(String.valueOf(-e.errno())) + ": " + cause + fromProfile(session, config, cause))
                .orElseGet(e::getMessage);
    }

    /**
     * A refused flag that a loaded profile added (BPF_EXT from bpf-ext) names the series: the kernel does not
     * know the flag because that series is not merged into it.
     */
    private static String fromProfile(Session session, RingConfig config, String cause) {
        StringBuilder out = new StringBuilder();
        for (var flag : session.catalog().flagSet(FlagSets.SETUP.name()).flags()) {
            if ((config.flags() & flag.value()) == 0 || FlagSets.SETUP.member(flag.name()).isPresent()
                    || !cause.contains(flag.cName() + ": this kernel does not know the flag")) {
                continue;
            }
            for (var profile : session.catalog().appliedProfiles()) {
                if (profile.apply().apply(dev.ringside.decoders.catalog.Catalog.builtin()).flagSet(FlagSets.SETUP.name())
                        .member(flag.name()).isPresent()) {
                    out.append("; ").append(flag.name()).append(" comes from profile ").append(profile.summary())
                            .append(": that series is not in this kernel");
                }
            }
        }
        return out.toString();
    }
}
