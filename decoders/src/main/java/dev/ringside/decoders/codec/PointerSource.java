package dev.ringside.decoders.codec;

/**
 * Where the encoder gets the addresses of memory an SQE points to. The decoders do no I/O: the
 * tracer implements this with memory it owns and keeps alive until the request completes.
 */
public interface PointerSource extends dev.ringside.decoders.catalog.FieldValue.Pointers {
    /** The address of a __kernel_timespec holding this many nanoseconds. */
    long timespec(long nanos);

    /** Called for a raw address typed as a number; refuse it unless the user allowed raw addresses. */
    long rawAddress(String field, long address);

    /** The address of byte {@code offset} of the session buffer {@code name}; refuse an unknown name or offset. */
    default long buffer(String field, String name, long offset) {
        throw new IllegalArgumentException(field + "=@" + name + ": there are no session buffers here");
    }
}
