package dev.ringside.tracer.probe;

import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.layout.LayoutPaths;
import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * A trial io_uring_setup: asks the kernel whether it accepts a set of setup flags and what
 * features it reports, then closes the ring at once without mapping it.
 */
public final class TrialSetup {
    private static final StructLayout PARAMS = UapiLayouts.IO_URING_PARAMS;
    /** Small enough to be cheap; CQSIZE asks for twice as many CQ entries. */
    private static final int ENTRIES = 4;

    private TrialSetup() {
    }

    /** The kernel's answer: the features it reported. Throws with the errno when it refused the flags. */
    public static long features(long setupFlags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(PARAMS);
            int fd = setup(setupFlags, params);
            Syscalls.close(fd);
            return Integer.toUnsignedLong(params.get(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, "features")));
        }
    }

    /** Opens a ring with these flags and returns its fd; the caller closes it. */
    static int open(long setupFlags) throws SyscallException {
        try (Arena arena = Arena.ofConfined()) {
            return setup(setupFlags, arena.allocate(PARAMS));
        }
    }

    private static int setup(long setupFlags, MemorySegment params) throws SyscallException {
        params.set(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, "flags"), (int) setupFlags);
        if ((setupFlags & SetupFlag.CQSIZE.value()) != 0) {
            params.set(ValueLayout.JAVA_INT, LayoutPaths.offset(PARAMS, "cq_entries"), 2 * ENTRIES);
        }
        return (int) Syscalls.ioUringSetup(ENTRIES, params);
    }
}
