package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.Extent;
import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Guard;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.Opcodes;
import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeSlot;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.SpliceFlag;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.BufferException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.sys.FdCalls;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rule of docs/SAFETY.md, enforced on the SQE's final bytes: outside unsafe mode every slot the
 * opcode's catalogue entry declares a pointer holds 0 or an address in one session buffer with the
 * whole extent inside it (memory holding pointers must be console-built and is re-checked), and
 * every fd slot holds an fd this session made, a ring fd, AT_FDCWD where a dirfd goes, or a
 * registered index with FIXED_FILE. Whatever name set the bytes: an alias, a raw member, hex in cmd.
 */
public final class SqeSafety {
    private SqeSafety() {
    }

    private static final long FILES_SKIP = -2; // IORING_REGISTER_FILES_SKIP (../shared/uapi/constants.tsv)
    private static final String OR_UNSAFE = " or 'set unsafe on'";
    /** MADV_* (asm-generic/mman-common.h) that leave the pages readable: NORMAL..DONTNEED, FREE..COLLAPSE. */
    private static final Set<Long> SAFE_MADVICE = java.util.stream.LongStream.concat(java.util.stream.LongStream.rangeClosed(0, 4),
            java.util.stream.LongStream.rangeClosed(8, 25)).boxed().collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** SOL_SOCKET options whose optval holds a pointer (struct sock_fprog): asm-generic/socket.h. */
    private static final long SOL_SOCKET = 1;
    private static final Set<Long> POINTER_SOCKOPTS = Set.of(26L /* SO_ATTACH_FILTER */, 51L /* SO_ATTACH_REUSEPORT_CBPF */);

    /**
     * Checks an encoded SQE before it goes into the SQ ring; a refusal is one line naming the field
     * as typed, the slot and what is allowed. Nothing is checked in unsafe mode.
     */
    public static void checkSubmit(Session session, RingSession rs, SqeDraft draft, byte[] bytes) {
        if (session.unsafe()) {
            return;
        }
        new Check(session, Optional.of(rs), draft, MemorySegment.ofArray(bytes), false).run();
    }

    /**
     * At crafting time: the buffers {@code @name} names exist and the extents that go with them fit
     * (raw numbers and fds wait for submit, when the draft is final).
     */
    public static void checkCrafted(Session session, SqeDraft draft) {
        if (!namesBuffer(draft)) {
            return; // while crafting only the pointers an @name sets are checked (the rest waits for submit)
        }
        MemorySegment bytes = MemorySegment.ofArray(new byte[(int) (2 * SqeCodec.SQE_SIZE)]);
        try {
            SqeCodec.encode(draft, bytes, new PreviewPointers(session.resources().buffers()::address));
        } catch (BufferException e) {
            SqeDraft.Assignment bad = draft.assignments().stream()
                    .filter(a -> a.value() instanceof FieldValue.BufferRef ref && !refValid(session, ref))
                    .findFirst().orElseThrow(() -> e);
            throw new ConsoleException(bad.field().name() + "=" + bad.text() + ": " + e.getMessage(), bad.text());
        } catch (RuntimeException e) {
            return; // a value error the submit reports with its own words (cmd of URING_CMD128 in 64 bytes)
        }
        if (!session.unsafe()) {
            new Check(session, Optional.empty(), draft, bytes, true).run();
        }
    }

    private static boolean namesBuffer(SqeDraft draft) {
        for (SqeDraft.Assignment a : draft.assignments()) {
            if (a.value() instanceof FieldValue.BufferRef) {
                return true;
            }
        }
        return false;
    }

    private static boolean refValid(Session session, FieldValue.BufferRef ref) {
        try {
            session.resources().buffers().address(ref.name(), ref.offset());
            return true;
        } catch (BufferException e) {
            return false;
        }
    }

    /** The uses the opcode declares that apply to these bytes: field conditions and guards hold. */
    static List<SlotUse> uses(Opcode op, MemorySegment sqe) {
        List<SlotUse> out = new ArrayList<>();
        for (FieldSpec f : op.fields()) {
            if (f.when().isPresent() && !f.when().get().holds(read(sqe, f.when().get().slot()))) {
                continue;
            }
            boolean pointerDeclared = false;
            for (SlotUse use : f.uses()) {
                pointerDeclared |= use instanceof SlotUse.Pointer p && p.slot() == f.slot();
                if (guardsHold(use, sqe)) {
                    out.add(use);
                }
            }
            boolean addressTyped = f.type() instanceof FieldType.Address || f.type() instanceof FieldType.TimespecPointer;
            if (addressTyped && !pointerDeclared) {
                // a profile's address field: the catalogue knows it is a pointer, not how far the kernel reads
                out.add(new SlotUse.Pointer(f.slot(), new Extent.Undeclared("the profile declares no extent"),
                        SlotUse.Access.READS_WRITES, SlotUse.Holds.DATA, List.of()));
            }
        }
        return out;
    }

    private static boolean guardsHold(SlotUse use, MemorySegment sqe) {
        for (Guard g : use.when()) {
            if (!g.holds(read(sqe, g.slot()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the built-in catalogue declares this opcode (a profile's or an unknown number is not). */
    static boolean declared(Opcode op) {
        java.util.Set<String> names = BUILT_IN.get(op.number());
        return names != null && names.contains(op.name());
    }

    /** The built-in catalogue's opcode names by number (asked for every SQE submitted). */
    private static final java.util.Map<Integer, java.util.Set<String>> BUILT_IN = builtIn();

    private static java.util.Map<Integer, java.util.Set<String>> builtIn() {
        java.util.Map<Integer, java.util.Set<String>> byNumber = new java.util.HashMap<>();
        for (Opcode o : Opcodes.ALL) {
            byNumber.computeIfAbsent(o.number(), n -> new java.util.HashSet<>()).add(o.name());
        }
        java.util.Map<Integer, java.util.Set<String>> frozen = new java.util.HashMap<>();
        byNumber.forEach((n, names) -> frozen.put(n, java.util.Set.copyOf(names)));
        return java.util.Map.copyOf(frozen);
    }

    static long read(MemorySegment sqe, SqeSlot slot) {
        long size = Math.min(8, slot.size());
        if (slot.offset() + size > sqe.byteSize()) {
            return 0;
        }
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (sqe.get(ValueLayout.JAVA_BYTE, slot.offset() + i) & 0xffL) << (8 * i);
        }
        return v;
    }

    /** One SQE's check: the session's buffers and fds, the ring's own timespecs, the draft for naming. */
    private static final class Check {
        private final Session session;
        private final Optional<RingSession> rs;
        private final SqeDraft draft;
        private final MemorySegment sqe;
        private final boolean crafting;
        private final Opcode op;

        Check(Session session, Optional<RingSession> rs, SqeDraft draft, MemorySegment sqe, boolean crafting) {
            this.session = session;
            this.rs = rs;
            this.draft = draft;
            this.sqe = sqe;
            this.crafting = crafting;
            this.op = draft.opcode();
        }

        void run() {
            if (!declared(op) && uses(op, sqe).isEmpty()) {
                undeclaredOpcode();
                return;
            }
            List<SlotUse> uses = uses(op, sqe);
            // memory first: a pointer the kernel follows matters more than a file it uses
            for (SlotUse u : uses) {
                if (u instanceof SlotUse.Pointer p) {
                    pointer(p);
                }
            }
            if (!crafting) {
                for (SlotUse u : uses) {
                    if (u instanceof SlotUse.Fd f) {
                        fd(f);
                    }
                }
            }
        }

        // ---- pointers

        private void pointer(SlotUse.Pointer p) {
            if (p.extent() instanceof Extent.Undeclared why && (p.slot() == SqeSlot.CMD || p.slot() == SqeSlot.CMD128)) {
                driverCommand(p, why);
                return;
            }
            Optional<SqeDraft.Assignment> setBy = setter(p.slot().offset(), 8);
            if (crafting && setBy.map(a -> !(a.value() instanceof FieldValue.BufferRef)).orElse(true)) {
                return;
            }
            long address = read(sqe, p.slot());
            if (address == 0 && nullIsHarmless(p)) {
                return; // NULL: the kernel faults on its first byte (-EFAULT), or takes it as "none"
            }
            long extent = extent(p.extent());
            Optional<SessionBuffer> owner = session.resources().buffers().owner(address);
            if (owner.isEmpty()) {
                if (rs.isPresent() && rs.get().memory().ownsTimespec(address, extent)) {
                    return; // the console's own timespec, alive as long as the ring
                }
                // its words only for a refusal: reach and amount switch over the extent's type (a class spun at the first)
                throw refuse(setBy, p.slot(), notABuffer(setBy, p.slot(), address, reach(p)));
            }
            SessionBuffer b = owner.get();
            long off = address - b.address(0);
            String what = typed(setBy, p.slot(), address) + ": ";
            if (p.extent() instanceof Extent.CString s) {
                if (!hasNul(b, off)) {
                    throw refuse(setBy, p.slot(), what + op.name() + " reads " + s.what() + " up to its NUL, but buffer "
                            + b.name() + " has no NUL from offset " + off + ": end the text with \\0 inside the buffer");
                }
                if (!crafting && s.role() != Extent.PathRole.NAME) {
                    path(setBy, p, s, text(b, off), what);
                }
                return;
            }
            if (extent < 0 || extent > b.size() - off) {
                throw refuse(setBy, p.slot(), what + amount(p.extent(), extent) + " from offset " + off
                        + " do not fit in buffer " + b.name() + " of " + b.size() + " bytes (" + (b.size() - off) + " left)");
            }
            if (p.access() == SlotUse.Access.PAGES) {
                pages(setBy, p, b, off, extent, what);
            }
            if (p.holds() != SlotUse.Holds.DATA) {
                Structures.check(session, p.holds(), b, off, extent, what + op.name() + " reads " + slotName(p.slot())
                        + " as a " + p.holds().what() + ": ");
            }
        }

        /** OPENAT's path and SYMLINKAT's target, resolved as the kernel will: not into the JVM's memory or fds. */
        private void path(Optional<SqeDraft.Assignment> setBy, SlotUse.Pointer p, Extent.CString s, String text, String what) {
            Path base = directory(SqeSlot.FD);
            if (base == null) {
                return; // a dirfd the console does not own is refused as an fd
            }
            String why;
            if (s.role() == Extent.PathRole.OPENED) {
                why = PathSafety.why(base.resolve(text));
            } else {
                String link = cString(SqeSlot.ADDR2);
                Path linkDir = link == null ? base : base.resolve(link).getParent();
                why = PathSafety.whyLinkTarget((linkDir == null ? base : linkDir).resolve(text));
            }
            if (why != null) {
                throw refuse(setBy, p.slot(), what + op.name() + " " + (s.role() == Extent.PathRole.OPENED ? "opens " : "links to ")
                        + text + ": " + why + OR_UNSAFE);
            }
        }

        /** The directory a dirfd slot names: the console's cwd for AT_FDCWD, a console fd's file, else null. */
        private Path directory(SqeSlot slot) {
            int fd = (int) read(sqe, slot);
            if (fd == FdCalls.AT_FDCWD) {
                return Path.of("").toAbsolutePath();
            }
            if (!sessionFd(session, fd)) {
                return null;
            }
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
            } catch (IOException e) {
                return null;
            }
        }

        /** The NUL-terminated text a path slot points to in a session buffer, or null. */
        private String cString(SqeSlot slot) {
            long address = read(sqe, slot);
            return session.resources().buffers().owner(address).map(b -> text(b, address - b.address(0))).orElse(null);
        }

        private static String text(SessionBuffer b, long off) {
            MemorySegment m = b.segment();
            StringBuilder out = new StringBuilder();
            for (long i = off; i < b.size() && m.get(ValueLayout.JAVA_BYTE, i) != 0; i++) {
                out.append((char) (m.get(ValueLayout.JAVA_BYTE, i) & 0xff));
            }
            return out.toString();
        }

        /**
         * NULL is no pointer where the kernel never touches byte 0 first: MADVISE acts on the pages of
         * [0, len), and PROVIDE_BUFFERS' buffer i starts at 0 + i x len, in the JVM's memory.
         */
        private static boolean nullIsHarmless(SlotUse.Pointer p) {
            return p.access() != SlotUse.Access.PAGES && !(p.extent() instanceof Extent.Product);
        }

        private void pages(Optional<SqeDraft.Assignment> setBy, SlotUse.Pointer p, SessionBuffer b, long off, long extent,
                           String what) {
            if (!b.ownsPages()) {
                throw refuse(setBy, p.slot(), what + op.name() + " acts on whole pages, and buffer " + b.name()
                        + " shares its pages with the JVM: use a buffer of its own pages ('buf alloc NAME SIZE pages')"
                        + OR_UNSAFE);
            }
            long advice = read(sqe, SqeSlot.OP_FLAGS) & 0xffff_ffffL;
            if (!SAFE_MADVICE.contains(advice)) {
                throw refuse(setter(SqeSlot.OP_FLAGS.offset(), 4), SqeSlot.OP_FLAGS, what + "MADV advice " + advice
                        + " is not one the console allows (HWPOISON, SOFT_OFFLINE and GUARD_INSTALL make later reads of"
                        + " the buffer fault): use 0..4 or 8..25" + OR_UNSAFE);
            }
            long page = SessionBuffer.PAGE_SIZE;
            if (off % page != 0 || (off + (extent + page - 1) / page * page) > b.size()) {
                throw refuse(setBy, p.slot(), what + op.name() + " acts on the whole pages of " + extent + " bytes from offset "
                        + off + ": start on a page of buffer " + b.name() + " (offsets 0, 4096, ...) inside its "
                        + b.size() + " bytes");
            }
        }

        /** URING_CMD: a socket's commands are declared; any other driver's cmd bytes may hold pointers of its own. */
        private void driverCommand(SlotUse.Pointer p, Extent.Undeclared why) {
            if (crafting) {
                return;
            }
            if (isSocket()) {
                long cmdOp = read(sqe, SqeSlot.CMD_OP) & 0xffff_ffffL;
                if (cmdOp == dev.ringside.decoders.flags.SocketUringOp.SETSOCKOPT.value()
                        && (read(sqe, SqeSlot.LEVEL) & 0xffff_ffffL) == SOL_SOCKET
                        && POINTER_SOCKOPTS.contains(read(sqe, SqeSlot.OPTNAME) & 0xffff_ffffL)) {
                    Optional<SqeDraft.Assignment> setBy = setter(SqeSlot.OPTNAME.offset(), 4);
                    throw refuse(setBy, SqeSlot.OPTNAME, typed(setBy, SqeSlot.OPTNAME, read(sqe, SqeSlot.OPTNAME))
                            + ": this socket option's optval is a struct sock_fprog holding a pointer the console cannot"
                            + " check" + OR_UNSAFE);
                }
                return;
            }
            // a driver may read addr too (the block layer's discard takes its range from addr and addr3)
            long addr = read(sqe, SqeSlot.ADDR);
            if (addr != 0) {
                Optional<SqeDraft.Assignment> setBy = setter(SqeSlot.ADDR.offset(), 8);
                throw refuse(setBy, SqeSlot.ADDR, typed(setBy, SqeSlot.ADDR, addr) + " sets addr, which " + op.name()
                        + " to something other than a socket (fd) hands its driver, which the console cannot check;"
                        + " leave it 0" + OR_UNSAFE);
            }
            long end = Math.min(sqe.byteSize(), p.slot().offset() + p.slot().size());
            for (long i = p.slot().offset(); i < end; i++) {
                if (sqe.get(ValueLayout.JAVA_BYTE, i) != 0) {
                    Optional<SqeDraft.Assignment> setBy = setter(i, 1);
                    throw refuse(setBy, p.slot(), setBy.map(a -> a.field().name() + "=" + a.text() + " sets").orElse("byte "
                            + i + " is in") + " cmd, " + why.why() + ": " + op.name() + " to something other than a socket"
                            + " (fd) may read pointers from them, which the console cannot check; leave cmd zero" + OR_UNSAFE);
                }
            }
        }

        private boolean isSocket() {
            if ((read(sqe, SqeSlot.FLAGS) & SqeFlag.FIXED_FILE.value()) != 0) {
                return false;
            }
            int fd = (int) read(sqe, SqeSlot.FD);
            if (!owned(fd)) {
                return false;
            }
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString().startsWith("socket:");
            } catch (IOException e) {
                return false;
            }
        }

        private void undeclaredOpcode() {
            for (SqeSlot slot : List.of(SqeSlot.ADDR, SqeSlot.OFF, SqeSlot.ADDR3)) {
                long v = read(sqe, slot);
                if (v != 0 && session.resources().buffers().owner(v).isEmpty() && !crafting) {
                    Optional<SqeDraft.Assignment> setBy = setter(slot.offset(), 8);
                    throw refuse(setBy, slot, typed(setBy, slot, v) + ": opcode " + op.number() + " (" + op.name()
                            + ") has no declaration of the pointers it reads, so " + slot.uapiName()
                            + " must be 0 or an address in a session buffer (@name)" + OR_UNSAFE);
                }
            }
            int fd = (int) read(sqe, SqeSlot.FD);
            if (!crafting && fd != 0 && !owned(fd) && (read(sqe, SqeSlot.FLAGS) & SqeFlag.FIXED_FILE.value()) == 0) {
                Optional<SqeDraft.Assignment> setBy = setter(SqeSlot.FD.offset(), 4);
                throw refuse(setBy, SqeSlot.FD, typed(setBy, SqeSlot.FD, fd) + " is not an fd of this session: "
                        + allowedFds(SlotUse.FdKind.FILE));
            }
        }

        // ---- extents

        private long extent(Extent e) {
            return e.reach(this::unsigned);
        }

        private long unsigned(SqeSlot slot) {
            long v = read(sqe, slot);
            return slot.size() >= 8 ? v : v & ((1L << (slot.size() * 8)) - 1);
        }

        /** {@code len=16 bytes}, {@code 256 bytes (struct statx)}: what the kernel may touch. */
        private String amount(Extent e, long bytes) {
            return switch (e) {
                case Extent.Fixed f -> bytes + " bytes (" + f.what() + ")";
                case Extent.Counted c -> c.elementSize() == 1 ? bytes + " bytes"
                        : bytes + " bytes (" + c.countName() + "=" + unsigned(c.count()) + " x " + c.elementSize() + ", " + c.what() + ")";
                case Extent.Product p -> bytes + " bytes (" + p.countName() + "=" + unsigned(p.count()) + " x " + p.sizeName()
                        + "=" + unsigned(p.size()) + ")";
                case Extent.SizeCode s -> bytes + " bytes (" + s.what() + ")";
                case Extent.FirstNonZero f -> bytes + " bytes (" + (unsigned(f.first()) != 0 ? f.firstName() : f.secondName()) + ")";
                case Extent.CString s -> s.what();
                case Extent.Undeclared u -> "at least 1 byte (" + u.why() + ")";
            };
        }

        /** {@code a pointer to len=16 bytes (it writes them)}. */
        private String reach(SlotUse.Pointer p) {
            long bytes = extent(p.extent());
            String what = switch (p.extent()) {
                case Extent.Counted c when c.elementSize() == 1 -> c.countName() + "=" + bytes + " bytes";
                case Extent.FirstNonZero f -> (unsigned(f.first()) != 0 ? f.firstName() : f.secondName()) + "=" + bytes + " bytes";
                case Extent.CString s -> "a NUL-terminated " + s.what();
                default -> amount(p.extent(), bytes);
            };
            String verb = switch (p.access()) {
                case READS -> "";
                case WRITES -> " (it writes them)";
                case READS_WRITES -> " (it reads and writes them)";
                case PAGES -> " (it acts on their whole pages)";
            };
            return "a pointer to " + what + verb;
        }

        private static boolean hasNul(SessionBuffer b, long off) {
            MemorySegment m = b.segment();
            for (long i = off; i < b.size(); i++) {
                if (m.get(ValueLayout.JAVA_BYTE, i) == 0) {
                    return true;
                }
            }
            return false;
        }

        // ---- fds

        private void fd(SlotUse.Fd use) {
            int fd = (int) read(sqe, use.slot());
            boolean fixedFile = (read(sqe, SqeSlot.FLAGS) & SqeFlag.FIXED_FILE.value()) != 0;
            boolean ok = switch (use.kind()) {
                // a registered index: the kernel bounds-checks it against a table only console fds went into
                case FILE, RING -> fixedFile || owned(fd);
                case DIRFD -> fd == FdCalls.AT_FDCWD || owned(fd);
                case PLAIN -> owned(fd);
                case SPLICE_IN -> (read(sqe, SqeSlot.OP_FLAGS) & SpliceFlag.FD_IN_FIXED.value()) != 0 || owned(fd);
            };
            if (!ok) {
                Optional<SqeDraft.Assignment> setBy = setter(use.slot().offset(), 4);
                String number = setBy.filter(a -> !a.text().equals(Integer.toString(fd))).map(a -> " (" + fd + ")").orElse("");
                throw refuse(setBy, use.slot(), typed(setBy, use.slot(), fd) + number + " is not an fd of this session: " + op.name()
                        + " takes " + slotName(use.slot()) + " as " + kind(use.kind()) + "; " + allowedFds(use.kind()));
            }
        }

        private boolean owned(int fd) {
            return sessionFd(session, fd);
        }

        private static String kind(SlotUse.FdKind kind) {
            return switch (kind) {
                case FILE -> "the file it works on";
                case DIRFD -> "a directory fd";
                case PLAIN -> "an fd";
                case SPLICE_IN -> "the fd to splice from";
                case RING -> "the target ring";
            };
        }

        private static String allowedFds(SlotUse.FdKind kind) {
            String base = switch (kind) {
                case RING -> "use a ring fd (%NAME)";
                default -> "use an fd the console made ($p.r from pipe, socketpair, eventfd, file open) or a ring fd (%NAME)";
            };
            String extra = switch (kind) {
                case FILE, RING -> ", a registered index with flags=FIXED_FILE";
                case DIRFD -> ", AT_FDCWD (-100)";
                case SPLICE_IN -> ", a registered index with splice_flags=FD_IN_FIXED";
                case PLAIN -> "";
            };
            return base + extra + OR_UNSAFE;
        }

        // ---- naming what the user typed

        /** The last assignment whose bytes overlap {@code size} bytes at {@code offset}: the name that set them. */
        private Optional<SqeDraft.Assignment> setter(long offset, long size) {
            Optional<SqeDraft.Assignment> found = Optional.empty();
            for (SqeDraft.Assignment a : draft.assignments()) {
                if (a.field().offset() < offset + size && offset < a.field().offset() + a.field().size()) {
                    found = Optional.of(a);
                }
            }
            return found;
        }

        /** The opcode's own name for a slot's bytes (statxbuf for STATX's addr2), else the uapi member. */
        private String slotName(SqeSlot slot) {
            return op.fields().stream().filter(f -> f.slot() == slot).map(FieldSpec::name).findFirst()
                    .orElse(slot.uapiName());
        }

        private String typed(Optional<SqeDraft.Assignment> setBy, SqeSlot slot, long value) {
            return setBy.map(a -> a.field().name() + "=" + a.text())
                    .orElse(slotName(slot) + "=0x" + Long.toHexString(value));
        }

        private String notABuffer(Optional<SqeDraft.Assignment> setBy, SqeSlot slot, long address, String reach) {
            String use = ": use a session buffer (@name)" + OR_UNSAFE;
            boolean alias = setBy.map(a -> !a.field().name().equals(slotName(slot)) || a.field().offset() != slot.offset())
                    .orElse(false);
            if (alias) {
                return typed(setBy, slot, address) + " sets " + slotName(slot) + ", which " + op.name() + " reads as "
                        + reach + use;
            }
            return typed(setBy, slot, address) + " is not in a session buffer: " + op.name() + " reads " + slotName(slot)
                    + " as " + reach + use;
        }

        private static ConsoleException refuse(Optional<SqeDraft.Assignment> setBy, SqeSlot slot, String message) {
            return setBy.map(a -> new ConsoleException(message, a.text())).orElseGet(() -> new ConsoleException(message));
        }
    }

    /**
     * Whether an SQE may name this fd outside unsafe mode: one the console made and still the file
     * it made (not closed by a CLOSE SQE and reused by the JVM), or one of the session's rings.
     * Also for the register commands' fd arrays (files, files_update).
     */
    public static boolean sessionFd(Session session, int fd) {
        if (session.rings().values().stream().anyMatch(r -> r.ring().fd() == fd)) {
            return FdIdentity.unchanged(session, fd, true);
        }
        return session.resources().fds().stream().anyMatch(f -> f.fd() == fd) && FdIdentity.unchanged(session, fd, false);
    }

    static long filesSkip() {
        return FILES_SKIP;
    }
}
