package dev.ringside.tracer.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The one FFM binding scaffolding of the tracer: libc symbols bound with errno captured right after
 * the call ({@link Linker.Option#captureCallState}), and the call that turns a -1 into a
 * {@link SyscallException} naming the errno. {@link Syscalls} and {@link FdCalls} only declare
 * their functions.
 */
final class Downcalls {
    private Downcalls() {
    }

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    // errno read at its offset, found among the members, not through a layout path: the first path op initializes
    // LayoutPath, which spins seven LambdaForm classes on the warm-up thread's way to the first downcall stub (the first
    // io_uring_setup waits for it); a VarHandle of the path spun more
    private static final long ERRNO_OFFSET = errnoOffset();
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** Thread-confined scratch for the captured errno of the cold calls; a ring passes its own {@link CallState} instead. */
    private static final ThreadLocal<MemorySegment> STATE = ThreadLocal.withInitial(
            () -> Arena.global().allocate(CALL_STATE));

    /** The byte offset of the errno member of the call-state struct (its members are laid out one after another). */
    private static long errnoOffset() {
        long offset = 0;
        for (MemoryLayout member : CALL_STATE.memberLayouts()) {
            if ("errno".equals(member.name().orElse(null))) {
                return offset;
            }
            offset += member.byteSize();
        }
        throw new IllegalStateException("the call-state layout has no errno: " + CALL_STATE);
    }

    /** This thread's errno slot of the cold calls, in the global arena. */
    static MemorySegment threadState() {
        return STATE.get();
    }

    /** A fresh errno slot in {@code arena}, for one thread's calls. */
    static MemorySegment allocateState(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    /** A libc function whose first argument becomes the call-state segment the errno is captured in. */
    static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... extra) {
        MemorySegment symbol = LINKER.defaultLookup().find(name)
                .orElseThrow(() -> new IllegalStateException("libc has no " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE_ERRNO;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    /** One invocation of a bound handle, given the call-state segment to pass first. */
    @FunctionalInterface
    interface Invocation {
        long invoke(MemorySegment state) throws Throwable;
    }

    /** Runs the call; a result of -1 throws with the errno and what {@code cause} makes of it. */
    static long call(String call, Syscalls.Cause cause, Invocation invocation) throws SyscallException {
        MemorySegment state = STATE.get();
        long result;
        try {
            result = invocation.invoke(state);
        } catch (Throwable t) {
            throw failed(call, t);
        }
        return checked(call, cause, state, result);
    }

    /** The result, or the SyscallException of a -1 with the errno captured in {@code state}. */
    static long checked(String call, Syscalls.Cause cause, MemorySegment state, long result) throws SyscallException {
        if (result == -1) {
            int errno = state.get(ValueLayout.JAVA_INT, ERRNO_OFFSET);
            throw new SyscallException(call, errno, cause.explain(errno));
        }
        return result;
    }

    /** A downcall that threw: never expected from a C function, so not a SyscallException. */
    static IllegalStateException failed(String call, Throwable t) {
        return new IllegalStateException("downcall " + call + " failed", t);
    }

    /** For calls whose errno needs no explanation beyond its name. */
    static String noCause(int errno) {
        return "";
    }
}
