package dev.ringside.tracer.probe;

import dev.ringside.decoders.flags.ProbeOpFlag;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.register.RegisterCall;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * What IORING_REGISTER_PROBE says about the running kernel's opcodes: the last opcode it knows and
 * which of them carry IO_URING_OP_SUPPORTED.
 *
 * @param lastOp    the highest opcode number the kernel knows
 * @param supported opcode numbers with IO_URING_OP_SUPPORTED set
 */
public record OpcodeProbe(int lastOp, BitSet supported) {
    /** ops[] has a u8 index: 256 entries cover every opcode the kernel could report. */
    static final int MAX_OPS = 256;

    public OpcodeProbe {
        supported = (BitSet) supported.clone();
    }

    public boolean supports(int opcode) {
        return opcode >= 0 && supported.get(opcode);
    }

    /** Probes through an existing ring fd, not journaled (a trial ring). */
    public static OpcodeProbe of(int ringFd) throws SyscallException {
        return of(null, "", ringFd);
    }

    /** Probes through a ring of the session, the call journaled by {@link RegisterCall} under {@code ring}. */
    public static OpcodeProbe of(Journal journal, String ring, int ringFd) throws SyscallException {
        StructLayout layout = UapiLayouts.ioUringProbe(MAX_OPS);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment probe = arena.allocate(layout);
            RegisterCall call = RegisterCall.invoke(journal, ring, ringFd, (int) RegisterOp.PROBE.value(), probe, MAX_OPS);
            if (call.failed()) {
                throw new SyscallException("io_uring_register", call.errno(), call.cause());
            }
            int lastOp = Byte.toUnsignedInt(probe.get(ValueLayout.JAVA_BYTE, LayoutPaths.offset(layout, "last_op")));
            int opsLen = Byte.toUnsignedInt(probe.get(ValueLayout.JAVA_BYTE, LayoutPaths.offset(layout, "ops_len")));
            long ops = LayoutPaths.offset(layout, "ops");
            long size = UapiLayouts.IO_URING_PROBE_OP.byteSize();
            long opOffset = LayoutPaths.offset(UapiLayouts.IO_URING_PROBE_OP, "op");
            long flagsOffset = LayoutPaths.offset(UapiLayouts.IO_URING_PROBE_OP, "flags");
            BitSet supported = new BitSet();
            for (int i = 0; i < opsLen; i++) {
                long base = ops + i * size;
                int op = Byte.toUnsignedInt(probe.get(ValueLayout.JAVA_BYTE, base + opOffset));
                short flags = probe.get(ValueLayout.JAVA_SHORT_UNALIGNED, base + flagsOffset);
                if ((flags & ProbeOpFlag.SUPPORTED.value()) != 0) {
                    supported.set(op);
                }
            }
            return new OpcodeProbe(lastOp, supported);
        }
    }

    /** Probes the running kernel through a throwaway ring, closed before returning. */
    public static OpcodeProbe ofKernel() throws SyscallException {
        int fd = TrialSetup.open(0);
        try {
            return of(fd);
        } finally {
            Syscalls.close(fd);
        }
    }
}
