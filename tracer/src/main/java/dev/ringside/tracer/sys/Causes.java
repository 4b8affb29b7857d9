package dev.ringside.tracer.sys;

import dev.ringside.decoders.values.Errno;

import java.nio.file.Files;
import java.nio.file.Path;

/** The likely cause of each errno of the calls ringside makes, in one line each. */
final class Causes {
    private Causes() {
    }

    static String setup(int errno) {
        return switch (name(errno)) {
            case "EPERM" -> "io_uring is disabled for this process" + disabledSetting();
            case "ENOMEM" -> "the rings do not fit in RLIMIT_MEMLOCK or free memory; try fewer entries";
            case "EINVAL" -> "the kernel rejects a setup flag or parameter: a flag that needs another "
                    + "(DEFER_TASKRUN needs SINGLE_ISSUER), or entries out of range";
            case "ENOSYS" -> "this kernel was built without io_uring (CONFIG_IO_URING)";
            case "EMFILE", "ENFILE" -> "too many open files";
            case "EFAULT" -> "the params pointer is not readable";
            case "EBADF" -> "ATTACH_WQ names an fd that is not an io_uring";
            default -> "";
        };
    }

    static String enter(int errno) {
        return switch (name(errno)) {
            case "ETIME" -> "the wait timed out before enough completions arrived";
            case "EINTR" -> "a signal interrupted the wait";
            case "EBUSY" -> "the CQ ring is full or overflowed: reap completions first";
            case "EAGAIN" -> "the kernel could not allocate a request right now; try again";
            case "EBADF", "EBADFD" -> "the ring fd is not valid or the ring is disabled (R_DISABLED)";
            case "EINVAL" -> "an enter flag or argument this kernel rejects";
            case "EOPNOTSUPP" -> "the fd is not an io_uring";
            case "EEXIST" -> "SINGLE_ISSUER: another task submits on this ring";
            case "ENXIO" -> "the ring is being torn down";
            default -> "";
        };
    }

    static String register(int errno) {
        return switch (name(errno)) {
            // not "the kernel lacks the opcode": only a trial can say that (shell's RegisterHints asks IORING_REGISTER_QUERY)
            case "EINVAL" -> "the kernel found the call invalid; -EINVAL does not say which part";
            case "EBUSY" -> "already registered, or requests are in flight that use it";
            case "EEXIST" -> "already registered";
            case "ENXIO" -> "nothing of that kind is registered";
            case "ENOMEM" -> "out of memory or over RLIMIT_MEMLOCK";
            case "EFAULT" -> "an argument pointer is not readable";
            case "EOPNOTSUPP" -> "not supported on this ring or kernel";
            case "EPERM" -> "needs privileges the process lacks";
            default -> "";
        };
    }

    static String mmap(int errno) {
        return switch (name(errno)) {
            case "ENOMEM" -> "not enough memory for the mapping";
            case "EINVAL" -> "an offset or length the ring does not have";
            default -> "";
        };
    }

    private static String name(int errno) {
        return Errno.of(errno).map(Enum::name).orElse("");
    }

    /** ": kernel.io_uring_disabled = 2" when the sysctl explains an EPERM. */
    private static String disabledSetting() {
        try {
            String value = Files.readString(Path.of("/proc/sys/kernel/io_uring_disabled")).trim();
            return value.equals("0") ? " (kernel.io_uring_disabled is 0: a seccomp filter or LSM may deny it)"
                    : ": kernel.io_uring_disabled = " + value + " (1: only members of kernel.io_uring_group, 2: nobody)";
        } catch (Exception e) {
            return "";
        }
    }
}
