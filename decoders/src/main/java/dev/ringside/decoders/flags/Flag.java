package dev.ringside.decoders.flags;

import java.util.Optional;

/**
 * A named value of a flag set: short name, value, C name and the kernel release that introduced it.
 *
 * @param since the release ("5.4"), {@link #AFTER_6_18}, or "" when not known for sure (help then prints none rather than a guess)
 */
public record Flag(String name, long value, String cName, String since) {
    /** What the help shows for a flag merged after the release the table was checked against. */
    public static final String AFTER_6_18 = "after 6.18";

    /** A flag whose release is not recorded (profiles, kernel-internal tables). */
    public Flag(String name, long value, String cName) {
        this(name, value, cName, "");
    }

    /** The release that introduced this flag ("5.4"), if known. */
    public Optional<String> release() {
        return since.isEmpty() ? Optional.empty() : Optional.of(since);
    }

    /** {@code ABS(5.4)}: the name with its release, or the bare name when the release is not known. */
    public String withRelease() {
        return release().map(release -> name + "(" + release + ")").orElse(name);
    }
}
