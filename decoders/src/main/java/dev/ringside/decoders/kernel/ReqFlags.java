package dev.ringside.decoders.kernel;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which REQ_F_* table decodes a kernel's req flags. Where the running kernel has BTF, its own enum of
 * {@code REQ_F_*_BIT} is the table ({@link #fromBtf}: exact for that build, whatever its version says);
 * only without BTF is the table chosen by release ({@link #forRelease}), and then marked unverified
 * outside the releases whose BTF was read (6.18, 7.2).
 */
public final class ReqFlags {
    private ReqFlags() {
    }

    /**
     * The first release REQ_F_IOPOLL is assumed in: the commit was applied in March 2026, after the 7.0
     * merge window. 7.2 has it (its BTF); 7.1 having it is an assumption, not a verified fact.
     */
    public static final int[] IOPOLL_SINCE = {7, 1};

    /** The bit enumerators end with this; {@code __REQ_F_LAST_BIT} is no flag but the count. */
    static final String BIT_SUFFIX = "_BIT";
    static final String LAST_BIT = "__REQ_F_LAST_BIT";

    /** A table for a kernel, and how sure the choice is. */
    public record Choice(FlagSet flags, boolean exact, String note) {
        public String format(long reqFlags) {
            return flags.format(reqFlags);
        }

        Choice(ReqFlagLayout layout, boolean exact, String note) {
            this(layout.flags(), exact, note);
        }

        /** The release table this choice is, when its bits are exactly one's. */
        public Optional<ReqFlagLayout> layout() {
            for (ReqFlagLayout l : ReqFlagLayout.values()) {
                if (l.flags().flags().equals(flags.flags())) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * The table a kernel's BTF gives: every {@code REQ_F_X_BIT = n} enumerator as {@code REQ_F_X = 1 << n}
     * (the enumerators of other enums are ignored); empty when the BTF has none (no io_uring, or stripped).
     */
    public static Optional<Choice> fromBtf(Map<String, Long> enumerators) {
        List<Flag> members = new ArrayList<>();
        enumerators.forEach((name, bit) -> {
            if (name.startsWith("REQ_F_") && name.endsWith(BIT_SUFFIX) && bit >= 0 && bit < 64) {
                String flag = name.substring("REQ_F_".length(), name.length() - BIT_SUFFIX.length());
                members.add(new Flag(flag, 1L << bit, "REQ_F_" + flag));
            }
        });
        if (members.isEmpty()) {
            return Optional.empty();
        }
        members.sort(java.util.Comparator.comparingLong(Flag::value));
        FlagSet set = new FlagSet("req flag", "REQ_F_", FlagSet.Kind.BITS, members);
        Choice read = new Choice(set, true, "");
        String same = read.layout().map(l -> ", the same as the " + l.description().replaceFirst(" \\(.*", "") + " table").orElse(
                ", matching no table the console ships");
        Long last = enumerators.get(LAST_BIT);
        return Optional.of(new Choice(set, true, "from this kernel's BTF: " + members.size() + " REQ_F_*_BIT enumerators"
                + (last == null ? "" : " (__REQ_F_LAST_BIT " + last + ")") + same));
    }

    /** The running kernel's table: its BTF's when there is one, else the closest release table. */
    public static Choice forKernel(Optional<Map<String, Long>> btfEnumerators, String release) {
        return btfEnumerators.flatMap(ReqFlags::fromBtf).orElseGet(() -> {
            Choice byRelease = forRelease(release);
            return new Choice(byRelease.flags(), byRelease.exact(), "no REQ_F_* in BTF; by release: " + byRelease.note());
        });
    }

    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)");

    /** {@code 6.18.44-fc-v769} -> the exact 6.18 table, {@code 7.2.13} the exact 7.2 one; others the closest, marked unverified. */
    public static Choice forRelease(String release) {
        Matcher m = RELEASE.matcher(release.trim());
        if (!m.find()) {
            return new Choice(ReqFlagLayout.V6_18, false, "'" + release + "' is not a kernel release; using the 6.18 table");
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        if (major == 6 && minor == 18) {
            return new Choice(ReqFlagLayout.V6_18, true, "6.18, from BTF");
        }
        if (major == 7 && minor == 2) {
            return new Choice(ReqFlagLayout.V7_2, true, "7.2, from 7.2.13's BTF");
        }
        if (compare(major, minor, 7, 2) > 0) {
            return new Choice(ReqFlagLayout.V7_2, false, release + ": assumed unchanged since 7.2; unverified");
        }
        if (compare(major, minor, IOPOLL_SINCE[0], IOPOLL_SINCE[1]) >= 0) {
            return new Choice(ReqFlagLayout.V7_2, false, release + ": assumed to have 7.2's bits (REQ_F_IOPOLL is bit 41); unverified");
        }
        if (compare(major, minor, 6, 18) > 0) {
            return new Choice(ReqFlagLayout.V6_18, false, release + ": assumed unchanged since 6.18; unverified");
        }
        return new Choice(ReqFlagLayout.V6_18, false, release + " is older than 6.18: its REQ_F_* bits differ; names may be wrong");
    }

    private static int compare(int major, int minor, int otherMajor, int otherMinor) {
        return major != otherMajor ? Integer.compare(major, otherMajor) : Integer.compare(minor, otherMinor);
    }
}
