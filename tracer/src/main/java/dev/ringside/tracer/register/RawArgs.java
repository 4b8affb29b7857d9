package dev.ringside.tracer.register;

import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.memory.SessionBuffer;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Arguments whose bytes the user wrote: {@code register raw}, {@code query}, {@code bpf_filter}. The argument
 * is the rest of a session buffer from an offset, or (unsafe mode only) a raw address.
 */
public final class RawArgs {
    private RawArgs() {
    }

    /** Opcode {@code opcode} (any number) with the bytes of {@code buffer} from {@code offset} on. */
    public static RegisterArgument inBuffer(long opcode, SessionBuffer buffer, long offset, int nr) {
        buffer.address(offset);
        return raw(opcode, buffer.segment().asSlice(offset), nr);
    }

    /** Opcode {@code opcode} with a raw address the console cannot check (unsafe mode). */
    public static RegisterArgument atAddress(long opcode, long address, int nr) {
        return raw(opcode, MemorySegment.ofAddress(address), nr);
    }

    /** Opcode {@code opcode} with a NULL argument. */
    public static RegisterArgument none(long opcode, int nr) {
        return raw(opcode, MemorySegment.NULL, nr);
    }

    private static RegisterArgument raw(long opcode, MemorySegment arg, int nr) {
        RegisterOpcode op = RegisterOpcodes.byNumber(opcode).orElseGet(() -> unknown(opcode));
        return new RegisterArgument(op, arg, nr, List.of(), false, true);
    }

    /** A number the catalogue does not know, passed as it is (the kernel's -EINVAL is the answer to show). */
    private static RegisterOpcode unknown(long opcode) {
        return new RegisterOpcode((int) opcode, "opcode " + Long.toUnsignedString(opcode & 0xffff_ffffL), "",
                "not in the register catalogue", new dev.ringside.decoders.register.RegisterArg.None(),
                RegisterOpcode.NrArgs.ZERO, false);
    }
}
