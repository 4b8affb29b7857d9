package dev.ringside.tracer.caps;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.ring.RingConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why io_uring_setup refused a configuration, found by trying (the kernel answers -EINVAL for any bad
 * field): each flag alone on a trial ring (does this kernel know it?), then the smallest failing
 * combination (a flag without the one it requires, two flags that exclude each other), a bad wq_fd
 * for ATTACH_WQ, entries out of range. The answer is one sentence, or empty when no trial isolates it.
 */
public final class SetupDiagnosis {
    /** IORING_MAX_ENTRIES (io_uring/io_uring.h): more SQ entries without CLAMP is -EINVAL. */
    static final int MAX_ENTRIES = 32768;
    /** IORING_MAX_CQ_ENTRIES: 2 * IORING_MAX_ENTRIES. */
    static final int MAX_CQ_ENTRIES = 2 * MAX_ENTRIES;

    private SetupDiagnosis() {
    }

    /**
     * The cause of {@code errno} for {@code config}, named by trial. {@code query} is the kernel's list
     * of setup flags where it has IORING_REGISTER_QUERY; without it each flag is tried alone.
     * {@code flagNames} is the session's setup flag set (a loaded profile may add BPF_EXT).
     */
    public static Optional<String> explain(RingConfig config, int errno, RegisterQuery query, FlagSet flagNames) {
        long flags = config.flags();
        boolean clamp = (flags & SetupFlag.CLAMP.value()) != 0;
        // the sizes are the cause only if the same flags with a small ring are accepted (a trial ring of 4 entries)
        boolean trialable = Trials.QUERY_ONLY.stream().noneMatch(f -> (flags & f.value()) != 0);
        boolean sizesOnly = errno == Errno.EINVAL.number() && (!trialable || Trials.setupErrno(flags) == 0);
        if (sizesOnly && (config.entries() == 0 || !clamp && Integer.compareUnsigned(config.entries(), MAX_ENTRIES) > 0)) {
            return Optional.of("entries=" + Integer.toUnsignedString(config.entries()) + " is out of range: the kernel takes 1.."
                    + MAX_ENTRIES + " (with CLAMP it clamps larger ones; the same flags on a 4-entry trial ring are accepted)");
        }
        if (sizesOnly && (flags & SetupFlag.CQSIZE.value()) != 0 && !clamp
                && (config.cqEntries() == 0 || Integer.compareUnsigned(config.cqEntries(), MAX_CQ_ENTRIES) > 0
                || Integer.compareUnsigned(config.cqEntries(), config.entries()) < 0)) {
            return Optional.of("cq_entries=" + Integer.toUnsignedString(config.cqEntries()) + " is out of range: the kernel takes entries ("
                    + config.entries() + ").." + MAX_CQ_ENTRIES + " (with CLAMP it clamps larger ones; the same flags on a 4-entry trial ring with cq_entries=8 are accepted)");
        }
        List<Flag> given = flagNames.flags().stream().filter(f -> Long.bitCount(f.value()) == 1 && (flags & f.value()) != 0).toList();
        long named = given.stream().mapToLong(Flag::value).reduce(0, (a, b) -> a | b);
        if ((flags & ~named) != 0) {
            return Optional.of("setup flag bits 0x" + Long.toHexString(flags & ~named) + " have no name here; this kernel refuses unknown bits");
        }
        // 1. flags this kernel does not know: the query's list, else refused alone and with what it requires
        List<String> unknown = new ArrayList<>();
        for (Flag f : given) {
            if (knows(f, query).orElse(true)) {
                continue;
            }
            unknown.add(f.cName() + ": this kernel does not know the flag" + f.release().map(r -> " (added in " + r + ")").orElse("")
                    + (query.setupFlags().isPresent() ? " (a trial IORING_REGISTER_QUERY lists the setup flags it knows)"
                            : " (a trial ring with it alone is refused)"));
        }
        if (!unknown.isEmpty()) {
            return Optional.of(String.join("; ", unknown));
        }
        if (errno != Errno.EINVAL.number() && errno != Errno.ENXIO.number() && errno != Errno.EBADF.number()) {
            return Optional.empty();
        }
        // 2. ATTACH_WQ to an fd that is no ring: the rest alone is accepted
        if ((flags & SetupFlag.ATTACH_WQ.value()) != 0 && Trials.setupErrno(flags & ~SetupFlag.ATTACH_WQ.value()) == 0) {
            return Optional.of("ATTACH_WQ: wq_fd " + config.wqFd() + " is not an io_uring fd of this process"
                    + " (without ATTACH_WQ the same flags are accepted)");
        }
        long tried = flags & ~SetupFlag.ATTACH_WQ.value() & ~SetupFlag.NO_MMAP.value() & ~SetupFlag.REGISTERED_FD_ONLY.value();
        // 3. a flag without the one it requires: accepted with its companion
        for (Flag f : given) {
            for (var entry : Trials.COMPANIONS.entrySet()) {
                if (entry.getKey().value() == f.value() && (flags & entry.getValue()) == 0 && Trials.setupErrno(tried | entry.getValue()) == 0) {
                    return Optional.of(f.name() + " requires " + flagNames.format(entry.getValue())
                            + " (a trial ring with both is accepted)");
                }
            }
        }
        // 4. the smallest pair that is refused together though each is accepted
        for (int i = 0; i < given.size(); i++) {
            for (int j = i + 1; j < given.size(); j++) {
                long a = withCompanions(given.get(i).value());
                long b = withCompanions(given.get(j).value());
                if (Trials.setupErrno(a) == 0 && Trials.setupErrno(b) == 0 && Trials.setupErrno(a | b) != 0) {
                    return Optional.of(given.get(i).name() + " cannot be combined with " + given.get(j).name()
                            + " (trial rings with each are accepted, with both refused)");
                }
            }
        }
        if (tried == flags && Trials.setupErrno(flags) == 0) {
            return Optional.of("a trial ring with the same flags and 4 entries is accepted: a parameter (entries, cq_entries,"
                    + " sq_thread_cpu, sq_thread_idle) is what it refuses");
        }
        return Optional.empty();
    }

    private static long withCompanions(long flag) {
        for (var entry : Trials.COMPANIONS.entrySet()) {
            if (entry.getKey().value() == flag) {
                return flag | entry.getValue();
            }
        }
        return flag;
    }

    /** Whether this kernel knows the flag: the query's word, else a trial ring with it (and what it requires), empty if unsure. */
    static Optional<Boolean> knows(Flag f, RegisterQuery query) {
        if (query.setupFlags().isPresent()) {
            return Optional.of((query.setupFlags().getAsLong() & f.value()) != 0);
        }
        if (f.value() == SetupFlag.ATTACH_WQ.value() || f.value() == SetupFlag.NO_MMAP.value()
                || f.value() == SetupFlag.REGISTERED_FD_ONLY.value()) {
            return Optional.empty();
        }
        int alone = Trials.setupErrno(f.value());
        if (alone == 0) {
            return Optional.of(true);
        }
        int withCompanion = Trials.setupErrno(withCompanions(f.value()));
        if (withCompanion == 0) {
            return Optional.of(true);
        }
        return alone == Errno.EINVAL.number() && withCompanion == Errno.EINVAL.number() ? Optional.of(false) : Optional.empty();
    }
}
