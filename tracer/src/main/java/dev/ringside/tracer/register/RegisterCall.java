package dev.ringside.tracer.register;

import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Optional;

/**
 * One io_uring_register(2) call and the kernel's answer: the opcode, the exact bytes the argument
 * held when it was passed and when the call returned, nr_args, then the result or the errno with its
 * likely cause. Every call the console makes goes through {@link #invoke}, which journals it.
 */
public record RegisterCall(int ringFd, int opcode, byte[] argBefore, byte[] argAfter, long argAddress, int nrArgs,
                           long result, int errno, String cause, long nanos) {
    public RegisterCall {
        argBefore = argBefore.clone();
        argAfter = argAfter.clone();
    }

    /**
     * Makes the call and records it in {@code journal} (when there is one) as an {@link Event.RegisterCalled}
     * of {@code ring}; a failure is an answer, not an exception. {@code arg} may be NULL.
     */
    public static RegisterCall invoke(Journal journal, String ring, int ringFd, int opcode, MemorySegment arg, int nrArgs) {
        byte[] before = bytes(arg);
        long start = System.nanoTime();
        long result;
        int errno = 0;
        String cause = "";
        try {
            result = Syscalls.ioUringRegister(ringFd, opcode, arg, nrArgs);
        } catch (SyscallException e) {
            result = e.result();
            errno = e.errno();
            cause = e.likelyCause();
        }
        long nanos = System.nanoTime() - start;
        byte[] after = bytes(arg);
        if (journal != null) {
            journal.record(new Event.RegisterCalled(journal.now(), ring, ringFd, opcode, nrArgs, arg.address(), before, after,
                    result, nanos));
        }
        return new RegisterCall(ringFd, opcode, before, after, arg.address(), nrArgs, result, errno, cause, nanos);
    }

    /** The call through a {@link RegisterArgument} built by this package. */
    public static RegisterCall invoke(Journal journal, String ring, int ringFd, RegisterArgument argument) {
        return invoke(journal, ring, argument.blind() ? -1 : ringFd, argument.opcode().number(), argument.arg(), argument.nr());
    }

    private static byte[] bytes(MemorySegment arg) {
        return arg.byteSize() == 0 ? new byte[0] : arg.toArray(ValueLayout.JAVA_BYTE);
    }

    public boolean failed() {
        return errno != 0;
    }

    public boolean wroteBack() {
        return !java.util.Arrays.equals(argBefore, argAfter);
    }

    /** {@code IORING_REGISTER_BUFFERS}, or the bare number for one the catalogue does not know. */
    public String opcodeName() {
        return name(opcode).orElse("register opcode " + Integer.toUnsignedString(opcode));
    }

    public static Optional<String> name(int opcode) {
        return RegisterOpcodes.byNumber(Integer.toUnsignedLong(opcode)).map(RegisterOpcode::cName);
    }
}
