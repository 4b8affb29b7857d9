package dev.ringside.tracer.sys;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * A system call that returns -errno, as the kernel does, instead of setting errno: glibc's syscall(2) up to its
 * {@code syscall} instruction, then {@code ret} (liburing's own __do_syscall6 does the same inline, for the same
 * reason). The errno of a libc call must be captured by the downcall stub, a call into the JVM after each one
 * preceded by a vzeroupper, which right after a system call costs several ns here; a batch-1 round trip is one
 * io_uring_enter, and the profile put a twentieth of its time on that capture (docs/performance.md).
 *
 * <p>The nine instructions are copied once into a page of their own, mapped writable, then made read + exec
 * (never both writable and executable), and live as long as the JVM, as libc's text does. x86-64 only, like
 * the syscall numbers here; elsewhere, or where the kernel refuses an executable mapping (an SELinux execmem
 * policy), {@link #available} is false and callers use libc's syscall(2) with errno captured.
 */
final class RawSyscall {
    private RawSyscall() {
    }

    /** syscall(number, a1..a6) in the SysV calling convention: the kernel's argument registers, then trap. */
    private static final byte[] X86_64 = {
            0x48, (byte) 0x89, (byte) 0xf8,             // mov %rdi,%rax     the number
            0x48, (byte) 0x89, (byte) 0xf7,             // mov %rsi,%rdi     a1
            0x48, (byte) 0x89, (byte) 0xd6,             // mov %rdx,%rsi     a2
            0x48, (byte) 0x89, (byte) 0xca,             // mov %rcx,%rdx     a3
            0x4d, (byte) 0x89, (byte) 0xc2,             // mov %r8,%r10      a4
            0x4d, (byte) 0x89, (byte) 0xc8,             // mov %r9,%r8       a5
            0x4c, (byte) 0x8b, 0x4c, 0x24, 0x08,        // mov 0x8(%rsp),%r9 a6, the first stack argument
            0x0f, 0x05,                                 // syscall           rax = result or -errno
            (byte) 0xc3,                                // ret
    };

    private static final long PAGE = 4096;

    /** The stub's address, or 0 where it could not be made; and why not. */
    private static final long ADDRESS;
    private static final String UNAVAILABLE;

    static {
        long address = 0;
        String why = null;
        if (!"amd64".equals(System.getProperty("os.arch")) && !"x86_64".equals(System.getProperty("os.arch"))) {
            why = "the raw syscall stub is x86-64 code; this JVM runs on " + System.getProperty("os.arch");
        } else {
            try {
                MemorySegment page = Syscalls.mmap(PAGE, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                        Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
                page.copyFrom(MemorySegment.ofArray(X86_64));
                try {
                    Syscalls.mprotect(page, Syscalls.PROT_READ | Syscalls.PROT_EXEC);
                    address = page.address();
                } catch (SyscallException e) {
                    Syscalls.munmap(page);
                    why = "the kernel refused an executable page for the raw syscall stub: " + e.getMessage();
                }
            } catch (SyscallException e) {
                why = "no page for the raw syscall stub: " + e.getMessage();
            }
        }
        ADDRESS = address;
        UNAVAILABLE = why;
    }

    /** Whether the stub exists: {@link #bind} works only then. */
    static boolean available() {
        return ADDRESS != 0;
    }

    /** Why the stub does not exist, or null when it does. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /** A handle (long number, six long arguments) -> long result or -errno, with {@code options} (critical or not). */
    static MethodHandle bind(Linker.Option... options) {
        if (!available()) {
            throw new IllegalStateException(UNAVAILABLE);
        }
        return Linker.nativeLinker().downcallHandle(MemorySegment.ofAddress(ADDRESS),
                FunctionDescriptor.of(JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
                options);
    }

    /** The errno a raw result carries, or 0 for a success: the kernel's errors are -4095..-1. */
    static int errno(long result) {
        return result < 0 && result >= -4095 ? (int) -result : 0;
    }
}
