package dev.ringside.tracer.register;

import dev.ringside.tracer.journal.Event;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * A journaled registration ({@link Event.Registered}) rebuilt for a trial on a scratch ring: its structs
 * copied into the trial's arena with each reference to another of its structs re-pointed at the copy.
 * Only calls whose references are all to their own structs (or NULL) can be rebuilt: the others hold the
 * session's addresses or fds, which a trial must not hand the kernel.
 */
public final class ScratchArgs {
    private ScratchArgs() {
    }

    /** Whether {@code call}'s argument is made of its own structs only (no session buffer, fd or mapping). */
    public static boolean copyable(Event.Registered call) {
        if (call.arg().source() == Event.RegisterSource.NULL) {
            return true;
        }
        return call.arg().source() == Event.RegisterSource.ARG && call.mappings().isEmpty()
                && call.args().stream().flatMap(a -> a.refs().stream())
                        .allMatch(r -> r.source() == Event.RegisterSource.ARG || r.source() == Event.RegisterSource.NULL);
    }

    /** {@code call}'s argument copied into {@code arena} (NULL when the call passed NULL), with {@code nr} as nr_args. */
    public static RegisterArgument copyOf(Event.Registered call, Arena arena, int nr) {
        if (!copyable(call)) {
            throw new IllegalArgumentException("the argument holds the session's addresses or fds");
        }
        if (call.arg().source() == Event.RegisterSource.NULL || call.args().isEmpty()) {
            return RawArgs.none(Integer.toUnsignedLong(call.opcode()), nr);
        }
        List<MemorySegment> copies = new ArrayList<>();
        for (Event.RegisterArg a : call.args()) {
            copies.add(arena.allocate(Math.max(8, a.bytes().length), 8).copyFrom(MemorySegment.ofArray(a.bytes())));
        }
        for (int i = 0; i < call.args().size(); i++) {
            for (Event.RegisterRef ref : call.args().get(i).refs()) {
                long address = ref.source() == Event.RegisterSource.NULL ? 0
                        : copies.get(Integer.parseInt(ref.name())).address() + ref.delta();
                if (ref.size() == 4) {
                    copies.get(i).set(ValueLayout.JAVA_INT_UNALIGNED, ref.offset(), (int) address);
                } else {
                    copies.get(i).set(ValueLayout.JAVA_LONG_UNALIGNED, ref.offset(), address);
                }
            }
        }
        // an ARG reference names its struct by its index in args
        MemorySegment root = copies.get(Integer.parseInt(call.arg().name()));
        return RawArgs.raw(Integer.toUnsignedLong(call.opcode()), root, nr);
    }

    /** {@code call}'s opcode with a NULL argument and {@code nr} as nr_args. */
    public static RegisterArgument none(Event.Registered call, int nr) {
        return RawArgs.none(Integer.toUnsignedLong(call.opcode()), nr);
    }
}
