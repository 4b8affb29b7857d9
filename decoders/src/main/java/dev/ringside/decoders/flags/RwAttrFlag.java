package dev.ringside.decoders.flags;

/** The members of {@link FlagSets#RW_ATTR} that code names: which struct attr_ptr points to. */
public enum RwAttrFlag implements FlagRef {
    PI;

    @Override
    public FlagSet set() {
        return FlagSets.RW_ATTR;
    }
}
