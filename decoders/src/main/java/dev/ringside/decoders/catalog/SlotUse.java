package dev.ringside.decoders.catalog;

import java.util.List;

/**
 * What the kernel does with a field's bytes beyond taking them as a number: follows them as a user
 * pointer, or takes them as a file descriptor. Declared on the field, checked on the final SQE bytes
 * at submit whatever name set them (docs/SAFETY.md).
 */
public sealed interface SlotUse {
    /** The guards that must all hold on the SQE's bytes for this use to apply. */
    List<Guard> when();

    /** One line for help: {@code pointer: the kernel writes len bytes there}, {@code fd: the file it works on}. */
    default String describe() {
        String guard = when().isEmpty() ? "" : " (" + String.join(", ", when().stream().map(Guard::text).toList()) + ")";
        return switch (this) {
            case Pointer p when p.extent() instanceof Extent.Undeclared u -> p.slot().uapiName() + ": " + u.why()
                    + ", which may hold pointers: zero unless the target is a socket" + guard;
            case Pointer p -> p.slot().uapiName() + ": a pointer, the kernel " + p.access().verb() + " " + extent(p.extent())
                    + (p.holds() == Holds.DATA ? "" : ", a " + p.holds().what() + " built by the console") + guard;
            case Fd f -> f.slot().uapiName() + ": an fd, " + switch (f.kind()) {
                case FILE -> "the console's, or a registered index with FIXED_FILE";
                case DIRFD -> "the console's, or AT_FDCWD (-100)";
                case PLAIN -> "the console's";
                case SPLICE_IN -> "the console's, or a registered index with FD_IN_FIXED";
                case RING -> "a ring's, or a registered index with FIXED_FILE";
            } + guard;
            case FileIndex i -> i.slot().uapiName() + ": " + i.what() + " (the kernel bounds-checks it against the table)" + guard;
        };
    }

    private static String extent(Extent e) {
        return switch (e) {
            case Extent.Fixed f -> f.bytes() + " bytes (" + f.what() + ")";
            case Extent.Counted c -> c.elementSize() == 1 ? c.countName() + " bytes"
                    : c.countName() + " x " + c.elementSize() + " bytes (" + c.what() + ")";
            case Extent.Product p -> p.countName() + " x " + p.sizeName() + " bytes";
            case Extent.FirstNonZero f -> f.firstName() + " (or, when 0, " + f.secondName() + ") bytes";
            case Extent.SizeCode s -> "a " + s.what();
            case Extent.CString s -> "the " + s.what() + " up to its NUL";
            case Extent.Undeclared u -> "what its driver decides (" + u.why() + ")";
        };
    }

    /** Whether the kernel reads the memory, writes it, or both. */
    enum Access {
        READS("reads"), WRITES("writes"), READS_WRITES("reads and writes"),
        /** Acts on whole pages around the range (MADVISE): only pages the console mapped for the buffer. */
        PAGES("acts on the pages of");

        private final String verb;

        Access(String verb) {
            this.verb = verb;
        }

        public String verb() {
            return verb;
        }
    }

    /**
     * A user pointer with the extent the kernel may touch from it.
     *
     * @param holds the layout the pointed-to memory has when it contains pointers or fds of its own
     *              (iovec, msghdr, futex_waitv, fds): such memory must come from a console builder
     */
    record Pointer(SqeSlot slot, Extent extent, Access access, Holds holds, List<Guard> when) implements SlotUse {
        public Pointer {
            when = List.copyOf(when);
        }

        public Pointer onlyIf(Guard guard) {
            List<Guard> next = new java.util.ArrayList<>(when);
            next.add(guard);
            return new Pointer(slot, extent, access, holds, next);
        }
    }

    /** What pointed-to memory contains that the kernel follows in turn. */
    enum Holds {
        /** Plain data. */
        DATA(null),
        IOVECS("struct iovec array"),
        MSGHDR("struct msghdr"),
        FUTEX_WAITV("struct futex_waitv array"),
        ATTR_PI("struct io_uring_attr_pi"),
        /** An array of __s32 file descriptors (FILES_UPDATE). */
        FDS("__s32 fd array");

        private final String what;

        Holds(String what) {
            this.what = what;
        }

        public String what() {
            return what;
        }
    }

    /** How the kernel takes an fd slot. */
    enum FdKind {
        /** A file the request works on; with IOSQE_FIXED_FILE an index into the registered files. */
        FILE,
        /** A directory fd paths are relative to: AT_FDCWD (-100) is allowed; IOSQE_FIXED_FILE does not apply. */
        DIRFD,
        /** A plain fd that IOSQE_FIXED_FILE does not turn into an index (CLOSE's fd, EPOLL_CTL's target). */
        PLAIN,
        /** splice_fd_in: an index into the registered files with SPLICE_F_FD_IN_FIXED. */
        SPLICE_IN,
        /** A ring fd (MSG_RING's target); with IOSQE_FIXED_FILE an index into the registered files. */
        RING
    }

    /**
     * A slot of the registered-file table, not an fd: only files the console registered or a checked
     * SQE installed (OPENAT's path, FILES_UPDATE's fds) are in it, and the kernel checks the index
     * against it, so any number is safe.
     */
    record FileIndex(SqeSlot slot, String what, List<Guard> when) implements SlotUse {
        public FileIndex {
            when = List.copyOf(when);
        }
    }

    /** A file descriptor slot. */
    record Fd(SqeSlot slot, FdKind kind, List<Guard> when) implements SlotUse {
        public Fd {
            when = List.copyOf(when);
        }
    }
}
