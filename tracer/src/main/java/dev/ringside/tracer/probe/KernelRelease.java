package dev.ringside.tracer.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A kernel release as uname reports it ({@code 6.18.0-rc2}), compared by major, minor and patch. */
public record KernelRelease(int major, int minor, int patch, String text) implements Comparable<KernelRelease> {
    private static final Pattern NUMBERS = Pattern.compile("(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?([-+.~].*)?");

    /** The running kernel: the JVM reads os.version from uname(2); the one place ringside reads the release. */
    public static KernelRelease running() {
        return parse(System.getProperty("os.version"));
    }

    /** {@code 7}, {@code 6.1}, {@code 6.18.0}, {@code 6.18.0-generic}; throws IllegalArgumentException for anything else. */
    public static KernelRelease parse(String text) {
        Matcher m = NUMBERS.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a kernel release such as 6.1 or 6.18.0");
        }
        return new KernelRelease(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), text.trim());
    }

    @Override
    public int compareTo(KernelRelease other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        return c != 0 ? c : Integer.compare(patch, other.patch);
    }

    @Override
    public String toString() {
        return text;
    }
}
