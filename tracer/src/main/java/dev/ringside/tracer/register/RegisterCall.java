package dev.ringside.tracer.register;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.MemorySegment;
import java.util.Optional;

/**
 * One io_uring_register(2) call and the kernel's answer: the opcode, the exact bytes the argument
 * held when it was passed, nr_args, then the result or the errno with its likely cause.
 */
public record RegisterCall(int ringFd, int opcode, byte[] argBefore, long argAddress, int nrArgs,
                           long result, int errno, String cause, long nanos) {
    public RegisterCall {
        argBefore = argBefore.clone();
    }

    /** Makes the call; a failure is an answer, not an exception. {@code arg} may be NULL. */
    public static RegisterCall invoke(int ringFd, int opcode, MemorySegment arg, int nrArgs) {
        byte[] before = arg.byteSize() == 0 ? new byte[0] : arg.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
        long start = System.nanoTime();
        try {
            long result = Syscalls.ioUringRegister(ringFd, opcode, arg, nrArgs);
            return new RegisterCall(ringFd, opcode, before, arg.address(), nrArgs, result, 0, "", System.nanoTime() - start);
        } catch (SyscallException e) {
            return new RegisterCall(ringFd, opcode, before, arg.address(), nrArgs, e.result(), e.errno(),
                    e.likelyCause(), System.nanoTime() - start);
        }
    }

    public boolean failed() {
        return errno != 0;
    }

    /** {@code IORING_REGISTER_BUFFERS}, or the bare number for one the catalogue does not know. */
    public String opcodeName() {
        return name(opcode).orElse("register opcode " + Integer.toUnsignedString(opcode));
    }

    public static Optional<String> name(int opcode) {
        return FlagSets.REGISTER_OP.flags().stream().filter(f -> f.value() == Integer.toUnsignedLong(opcode))
                .map(f -> f.cName()).findFirst();
    }
}
