package dev.ringside.shell.command.register;

import dev.ringside.decoders.codec.Decoded;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Function;

/**
 * A register argument view that can also hand over the structs it decoded, so {@code register --json}
 * carries the same fields the text shows, decoded from the same bytes.
 */
interface ArgView extends Function<MemorySegment, String> {
    /** The argument's bytes as the uapi structs they hold, in order. */
    List<Decoded> decode(MemorySegment arg);

    /** A view whose text is {@code text} of the decoded structs. */
    static ArgView of(Function<MemorySegment, List<Decoded>> decode, Function<List<Decoded>, String> text) {
        return new ArgView() {
            @Override
            public List<Decoded> decode(MemorySegment arg) {
                return decode.apply(arg);
            }

            @Override
            public String apply(MemorySegment arg) {
                return text.apply(decode.apply(arg));
            }
        };
    }
}
