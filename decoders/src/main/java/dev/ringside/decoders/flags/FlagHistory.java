package dev.ringside.decoders.flags;

import java.util.Map;
import java.util.Optional;

/**
 * The kernel release that introduced a flag, by C name, for help pages. Only releases we are sure
 * of are listed; a flag missing here prints without one rather than with a guess.
 */
public final class FlagHistory {
    private FlagHistory() {
    }

    /** What the help shows for a flag merged after the release this table was checked against. */
    public static final String AFTER_6_18 = "after 6.18";

    private static final Map<String, String> SINCE = Map.ofEntries(
            Map.entry("IOSQE_FIXED_FILE", "5.1"),
            Map.entry("IOSQE_IO_DRAIN", "5.2"),
            Map.entry("IOSQE_IO_LINK", "5.3"),
            Map.entry("IOSQE_IO_HARDLINK", "5.5"),
            Map.entry("IOSQE_ASYNC", "5.6"),
            Map.entry("IOSQE_BUFFER_SELECT", "5.7"),
            Map.entry("IOSQE_CQE_SKIP_SUCCESS", "5.17"),

            Map.entry("IORING_TIMEOUT_ABS", "5.4"),
            Map.entry("IORING_TIMEOUT_UPDATE", "5.11"),
            Map.entry("IORING_TIMEOUT_BOOTTIME", "5.15"),
            Map.entry("IORING_TIMEOUT_REALTIME", "5.15"),
            Map.entry("IORING_LINK_TIMEOUT_UPDATE", "5.15"),
            Map.entry("IORING_TIMEOUT_ETIME_SUCCESS", "5.16"),
            Map.entry("IORING_TIMEOUT_MULTISHOT", "6.4"),
            // seed 000: merged in March 2026; 6.18 answers -EINVAL
            Map.entry("IORING_TIMEOUT_IMMEDIATE_ARG", AFTER_6_18),

            Map.entry("IORING_SETUP_IOPOLL", "5.1"),
            Map.entry("IORING_SETUP_SQPOLL", "5.1"),
            Map.entry("IORING_SETUP_SQ_AFF", "5.1"),
            Map.entry("IORING_SETUP_CQSIZE", "5.5"),
            Map.entry("IORING_SETUP_CLAMP", "5.6"),
            Map.entry("IORING_SETUP_ATTACH_WQ", "5.6"),
            Map.entry("IORING_SETUP_R_DISABLED", "5.10"),
            Map.entry("IORING_SETUP_SUBMIT_ALL", "5.18"),
            Map.entry("IORING_SETUP_COOP_TASKRUN", "5.19"),
            Map.entry("IORING_SETUP_TASKRUN_FLAG", "5.19"),
            Map.entry("IORING_SETUP_SQE128", "5.19"),
            Map.entry("IORING_SETUP_CQE32", "5.19"),
            Map.entry("IORING_SETUP_SINGLE_ISSUER", "6.0"),
            Map.entry("IORING_SETUP_DEFER_TASKRUN", "6.1"),
            Map.entry("IORING_SETUP_NO_MMAP", "6.5"),
            Map.entry("IORING_SETUP_REGISTERED_FD_ONLY", "6.5"),
            Map.entry("IORING_SETUP_NO_SQARRAY", "6.6"),
            Map.entry("IORING_SETUP_HYBRID_IOPOLL", "6.13"),
            Map.entry("IORING_SETUP_CQE_MIXED", "6.18"),

            Map.entry("IORING_FEAT_SINGLE_MMAP", "5.4"),
            Map.entry("IORING_FEAT_NODROP", "5.5"),
            Map.entry("IORING_FEAT_SUBMIT_STABLE", "5.5"),
            Map.entry("IORING_FEAT_RW_CUR_POS", "5.6"),
            Map.entry("IORING_FEAT_CUR_PERSONALITY", "5.6"),
            Map.entry("IORING_FEAT_FAST_POLL", "5.7"),
            Map.entry("IORING_FEAT_POLL_32BITS", "5.9"),
            Map.entry("IORING_FEAT_SQPOLL_NONFIXED", "5.11"),
            Map.entry("IORING_FEAT_EXT_ARG", "5.11"),
            Map.entry("IORING_FEAT_NATIVE_WORKERS", "5.12"),
            Map.entry("IORING_FEAT_RSRC_TAGS", "5.13"),
            Map.entry("IORING_FEAT_CQE_SKIP", "5.17"),
            Map.entry("IORING_FEAT_LINKED_FILE", "5.17"),
            Map.entry("IORING_FEAT_REG_REG_RING", "6.3"),

            Map.entry("IORING_RECVSEND_POLL_FIRST", "5.19"),
            Map.entry("IORING_RECV_MULTISHOT", "6.0"),
            Map.entry("IORING_RECVSEND_FIXED_BUF", "6.0"),
            Map.entry("IORING_ACCEPT_MULTISHOT", "5.19"),
            Map.entry("IORING_POLL_ADD_MULTI", "5.13"),
            Map.entry("IORING_POLL_UPDATE_EVENTS", "5.13"),
            Map.entry("IORING_POLL_UPDATE_USER_DATA", "5.13"),
            Map.entry("IORING_ASYNC_CANCEL_ALL", "5.19"),
            Map.entry("IORING_ASYNC_CANCEL_FD", "5.19"),
            Map.entry("IORING_ASYNC_CANCEL_ANY", "5.19"),
            Map.entry("IORING_FSYNC_DATASYNC", "5.1"));

    /** The release that introduced this flag ("5.4"), if the table knows it. */
    public static Optional<String> since(Flag flag) {
        return Optional.ofNullable(SINCE.get(flag.cName()));
    }

    /** {@code ABS(5.4)}: a flag name with its release, or the bare name when the release is not known. */
    public static String withRelease(Flag flag) {
        return since(flag).map(release -> flag.name() + "(" + release + ")").orElse(flag.name());
    }

    static Map<String, String> table() {
        return SINCE;
    }
}
