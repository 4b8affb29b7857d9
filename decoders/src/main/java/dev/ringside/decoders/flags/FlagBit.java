package dev.ringside.decoders.flags;

/**
 * One named bit (or value) of a uapi flag set, declared as an enum constant whose name is the
 * constant without its prefix: {@code TimeoutFlag.IMMEDIATE_ARG} is IORING_TIMEOUT_IMMEDIATE_ARG.
 */
public interface FlagBit {
    String name();

    long value();

    /** The full C name; a member whose name does not follow the set's prefix overrides this. */
    default String cName(String prefix) {
        return prefix + name();
    }
}
