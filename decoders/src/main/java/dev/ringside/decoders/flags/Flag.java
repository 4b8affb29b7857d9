package dev.ringside.decoders.flags;

/** A named value of a flag set, as the catalogue and profiles hold it at run time: short name, value, C name. */
public record Flag(String name, long value, String cName) {
    public static Flag of(FlagBit bit, String prefix) {
        return new Flag(bit.name(), bit.value(), bit.cName(prefix));
    }
}
