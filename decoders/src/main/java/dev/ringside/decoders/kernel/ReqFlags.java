package dev.ringside.decoders.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which REQ_F_* layout a kernel release uses: a pure function of the release string ({@code uname -r},
 * which the caller reads). The answer says whether the table is known to match that release.
 */
public final class ReqFlags {
    private ReqFlags() {
    }

    /**
     * The first release REQ_F_IOPOLL is assumed in: the commit was applied in March 2026, after the 7.0
     * merge window. 7.2 has it (its BTF); 7.1 having it is an assumption, not a verified fact.
     */
    public static final int[] IOPOLL_SINCE = {7, 1};

    /** A layout for a release, and how sure the choice is. */
    public record Choice(ReqFlagLayout layout, boolean exact, String note) {
        public String format(long reqFlags) {
            return layout.format(reqFlags);
        }
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
