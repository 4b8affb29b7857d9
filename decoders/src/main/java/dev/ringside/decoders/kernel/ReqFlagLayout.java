package dev.ringside.decoders.kernel;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The REQ_F_* bits of {@code struct io_kiocb.flags} (include/linux/io_uring_types.h): kernel-internal,
 * renumbered between releases, printed by io_uring tracepoints as {@code flags 0x...}.
 *
 * <p>Both tables are read from a kernel's BTF (the enum of REQ_F_*_BIT): {@link #V6_18} from 6.18.44's
 * {@code /sys/kernel/btf/vmlinux} (a test re-reads it on a 6.18 machine), {@link #V7_2} from 7.2.13's,
 * as {@code kernel-internal-7.2.13.tsv} records it (a test checks every row). 7.2 keeps 6.18's bits and
 * adds REQ_F_IOPOLL as bit 41.
 */
public enum ReqFlagLayout {
    V6_18("6.18 (exact, from its BTF)", false),
    V7_2("7.2 (exact, from 7.2.13's BTF)", true);

    /** Bit order of 6.18: index is the bit number; bit 7 is left free after the IOSQE_* user bits. */
    private static final class Table618 {
        // a holder class: an enum constructor may not read the enum's own static fields
        static final String[] BITS = {
        "FIXED_FILE", "IO_DRAIN", "LINK", "HARDLINK", "FORCE_ASYNC", "BUFFER_SELECT", "CQE_SKIP", null,
        "FAIL", "INFLIGHT", "CUR_POS", "NOWAIT", "LINK_TIMEOUT", "NEED_CLEANUP", "POLLED", "HYBRID_IOPOLL_STATE",
        "BUFFER_SELECTED", "BUFFER_RING", "REISSUE", "CREDS", "REFCOUNT", "ARM_LTIMEOUT", "ASYNC_DATA", "SKIP_LINK_CQES",
        "SINGLE_POLL", "DOUBLE_POLL", "MULTISHOT", "APOLL_MULTISHOT", "CLEAR_POLLIN", "SUPPORT_NOWAIT", "ISREG", "POLL_NO_LAZY",
        "CAN_POLL", "BL_EMPTY", "BL_NO_RECYCLE", "BUFFERS_COMMIT", "BUF_NODE", "BUF_MORE", "HAS_METADATA", "IMPORT_BUFFER",
        "SQE_COPIED",
        };
    }

    private final String description;
    private final FlagSet flags;

    ReqFlagLayout(String description, boolean iopoll) {
        this.description = description;
        List<Flag> members = new ArrayList<>();
        for (int bit = 0; bit < Table618.BITS.length; bit++) {
            if (Table618.BITS[bit] != null) {
                members.add(new Flag(Table618.BITS[bit], 1L << bit, "REQ_F_" + Table618.BITS[bit]));
            }
        }
        if (iopoll) {
            members.add(new Flag("IOPOLL", 1L << Table618.BITS.length, "REQ_F_IOPOLL"));
        }
        this.flags = new FlagSet("req flag", "REQ_F_", FlagSet.Kind.BITS, members);
    }

    public String description() {
        return description;
    }

    public FlagSet flags() {
        return flags;
    }

    /** {@code LINK|ASYNC_DATA}; bits this layout does not name stay as a hex remainder. */
    public String format(long reqFlags) {
        return flags.format(reqFlags);
    }
}
