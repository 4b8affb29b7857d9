package dev.ringside.tracer.probe;

import dev.ringside.decoders.flags.QueryOp;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What a trial IORING_REGISTER_QUERY (6.18) on a throwaway ring says about the running kernel: how many
 * register opcodes and which setup flags it knows (IO_URING_QUERY_OPCODES) and which ZCRX_REG_* flags
 * (IO_URING_QUERY_ZCRX).
 * This is how a hint may say the kernel lacks a register opcode or flag: from the kernel's own answer.
 *
 * @param queryErrno            0 when the kernel answered the query; its errno otherwise (EINVAL: no QUERY);
 *                              {@link #NO_TRIAL} when the throwaway ring itself was refused, so nothing is known
 * @param registerOpcodes       nr_register_opcodes (the kernel's IORING_REGISTER_LAST), if it answered
 * @param setupFlags            the IORING_SETUP_* flags it knows (ring_setup_flags), if it answered
 * @param zcrxRegisterFlags     the ZCRX_REG_* flags it accepts, if it answered the zcrx query
 * @param enterFlags            the IORING_ENTER_* flags it knows, if it answered
 * @param zcrxCtrlOpcodes       nr_ctrl_opcodes (ZCRX_CTRL_* ops it knows), if it answered the zcrx query
 */
public record RegisterQuery(int queryErrno, OptionalInt registerOpcodes, OptionalLong setupFlags, OptionalLong zcrxRegisterFlags,
                            OptionalLong enterFlags, OptionalInt zcrxCtrlOpcodes) {
    /** queryErrno when no trial could be made: io_uring_setup refused the throwaway ring. */
    public static final int NO_TRIAL = -1;

    private static final StructLayout HDR = UapiLayouts.IO_URING_QUERY_HDR;
    private static final StructLayout OPCODES = UapiLayouts.IO_URING_QUERY_OPCODE;
    private static final StructLayout ZCRX = UapiLayouts.IO_URING_QUERY_ZCRX;

    /** Whether the kernel knows IORING_REGISTER_QUERY: it answered a well-formed query (nr_args 0). */
    public boolean queryKnown() {
        return queryErrno == 0;
    }

    /** Whether the trial established that the kernel lacks IORING_REGISTER_QUERY: a well-formed query got -EINVAL. */
    public boolean lacksQuery() {
        return queryErrno == Errno.EINVAL.number();
    }

    /** Whether the kernel knows this register opcode, when the query established it. */
    public OptionalInt knows(int registerOpcode) {
        return registerOpcodes.isEmpty() ? OptionalInt.empty()
                : OptionalInt.of(Integer.compareUnsigned(registerOpcode, registerOpcodes.getAsInt()) < 0 ? 1 : 0);
    }

    /** The query, made on a ring opened for it and closed at once; it never touches the session's rings. */
    public static RegisterQuery ofKernel() {
        int fd;
        try {
            fd = TrialSetup.open(0);
        } catch (SyscallException e) {
            return new RegisterQuery(NO_TRIAL, OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                    OptionalInt.empty());
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment opcodesHdr = arena.allocate(HDR);
            MemorySegment zcrxHdr = arena.allocate(HDR);
            MemorySegment opcodes = arena.allocate(OPCODES);
            MemorySegment zcrx = arena.allocate(ZCRX);
            header(opcodesHdr, QueryOp.OPCODES, opcodes, OPCODES, zcrxHdr.address());
            header(zcrxHdr, QueryOp.ZCRX, zcrx, ZCRX, 0);
            try {
                // nr_args must be 0: the chain's headers say how much there is
                Syscalls.ioUringRegister(fd, (int) RegisterOp.QUERY.value(), opcodesHdr, 0);
            } catch (SyscallException e) {
                return new RegisterQuery(e.errno(), OptionalInt.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
                        OptionalInt.empty());
            }
            boolean answered = result(opcodesHdr) == 0;
            OptionalInt nr = answered ? OptionalInt.of((int) get(opcodes, OPCODES, "nr_register_opcodes")) : OptionalInt.empty();
            OptionalLong setup = answered ? OptionalLong.of(get(opcodes, OPCODES, "ring_setup_flags")) : OptionalLong.empty();
            OptionalLong enter = answered ? OptionalLong.of(get(opcodes, OPCODES, "enter_flags")) : OptionalLong.empty();
            boolean zcrxAnswered = result(zcrxHdr) == 0;
            OptionalLong zcrxFlags = zcrxAnswered ? OptionalLong.of(get(zcrx, ZCRX, "register_flags")) : OptionalLong.empty();
            OptionalInt ctrl = zcrxAnswered ? OptionalInt.of((int) get(zcrx, ZCRX, "nr_ctrl_opcodes")) : OptionalInt.empty();
            return new RegisterQuery(0, nr, setup, zcrxFlags, enter, ctrl);
        } finally {
            try {
                Syscalls.close(fd);
            } catch (SyscallException e) {
                // a throwaway ring: nothing depends on its close
            }
        }
    }

    private static void header(MemorySegment hdr, QueryOp op, MemorySegment data, StructLayout dataLayout, long next) {
        set(hdr, "next_entry", 8, next);
        set(hdr, "query_data", 8, data.address());
        set(hdr, "query_op", 4, op.value());
        set(hdr, "size", 4, dataLayout.byteSize());
    }

    private static int result(MemorySegment hdr) {
        return hdr.get(ValueLayout.JAVA_INT, LayoutPaths.offset(HDR, "result"));
    }

    private static void set(MemorySegment hdr, String field, int size, long value) {
        long at = LayoutPaths.offset(HDR, field);
        if (size == 8) {
            hdr.set(ValueLayout.JAVA_LONG, at, value);
        } else {
            hdr.set(ValueLayout.JAVA_INT, at, (int) value);
        }
    }

    private static long get(MemorySegment struct, StructLayout layout, String field) {
        LayoutPaths.Field f = LayoutPaths.field(layout, field);
        return f.size() == 8 ? struct.get(ValueLayout.JAVA_LONG, f.offset())
                : Integer.toUnsignedLong(struct.get(ValueLayout.JAVA_INT, f.offset()));
    }
}
