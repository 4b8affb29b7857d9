package dev.ringside.decoders.flags;

/**
 * A member of a {@link FlagSets} table that code refers to by a checked name ({@code SetupFlag.SQPOLL})
 * instead of a string. The enum holds only the names; value and release live in the table row, and
 * FlagRefsTest fails if a name has no row.
 */
public interface FlagRef {
    String name();

    /** The table this name is looked up in. */
    FlagSet set();

    default Flag flag() {
        return set().row(name());
    }

    default long value() {
        return flag().value();
    }
}
