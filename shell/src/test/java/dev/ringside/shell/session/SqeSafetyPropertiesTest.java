package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Extent;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.decoders.catalog.SqeSlot;
import dev.ringside.decoders.codec.SqeCodec;
import dev.ringside.decoders.flags.SpliceFlag;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.FdCalls;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random SQEs crafted through every field name the catalogue knows for every opcode (its own
 * names, the common ones, every raw io_uring_sqe member, cmd as hex) with values aimed at the JVM's
 * memory, near-miss buffer addresses, the JVM's fds and console fds: whatever the check accepts
 * has, in every slot the opcode reads as a pointer, 0, a ring timespec or an extent inside one
 * session buffer, and in every fd slot an fd of the session. A refusal is one line.
 */
class SqeSafetyPropertiesTest {
    private static Session session;
    private static RingSession rs;
    /** JVM native memory that is not a session buffer: where a smuggled pointer would land. */
    private static MemorySegment victim;
    private static final Catalog CATALOG = Catalog.builtin();

    @BeforeContainer
    static void open() throws Exception {
        session = new Session(new PrintWriter(new StringWriter()), new Style(false));
        rs = session.createRing("r", RingConfig.of(8, dev.ringside.decoders.flags.SetupFlag.SQE128.value()));
        session.resources().buffers().allocate("a", 64, 64);
        session.resources().buffers().allocate("b", 300, 8);
        session.resources().buffers().allocatePages("pg", 4096);
        SessionBuffer text = session.resources().buffers().allocate("t", 16, 8);
        text.write(0, "/tmp\0".getBytes());
        FdCalls.FdPair pipe = FdCalls.pipe(0);
        session.resources().addFd("p.r", pipe.first(), "pipe read end");
        session.resources().addFd("p.w", pipe.second(), "pipe write end");
        FdIdentity.remember(session, pipe.first());
        FdIdentity.remember(session, pipe.second());
        victim = Arena.global().allocate(4096, 4096);
        Files.size(Path.of("/proc/self/maps")); // the JVM has its own fds open: 0..2, jars, lib/modules
    }

    @AfterContainer
    static void close() {
        session.close();
    }

    @Property(tries = 3000)
    void nothingOutsideSessionBuffersReachesAPointerSlot(@ForAll("drafts") SqeDraft draft) {
        byte[] bytes = new byte[rs.ring().sqeSize()];
        MemorySegment sqe = MemorySegment.ofArray(bytes);
        try {
            SqeCodec.encode(draft, sqe, rs.memory());
        } catch (RuntimeException e) {
            return; // not encodable (a freed buffer, an offset outside): nothing would be submitted
        }
        try {
            SqeSafety.checkSubmit(session, rs, draft, bytes);
        } catch (ConsoleException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains("'set unsafe on'") || e.getMessage().contains("fit")
                    || e.getMessage().contains("NUL") || e.getMessage().contains("page"), e.getMessage());
            return;
        }
        Opcode op = draft.opcode();
        for (SlotUse use : SqeSafety.uses(op, sqe)) {
            switch (use) {
                case SlotUse.Pointer p -> pointerIsSafe(op, p, sqe);
                case SlotUse.Fd f -> fdIsSafe(op, f, sqe);
                case SlotUse.FileIndex i -> {
                    // an index: the kernel checks it against a table only session fds went into
                }
            }
        }
        // independently of the catalogue: the members liburing's io_uring_prep_* helpers fill with pointers
        for (String member : LIBURING_POINTERS.getOrDefault(op.name(), java.util.Set.of())) {
            long v = sqe.get(ValueLayout.JAVA_LONG_UNALIGNED, switch (member) {
                case "off" -> 8L;
                case "addr" -> 16L;
                default -> 48L;
            });
            assertFalse(v >= victim.address() && v < victim.address() + victim.byteSize(),
                    op.name() + "." + member + " points into JVM memory");
            assertTrue(v == 0 || owner(v).isPresent() || rs.memory().ownsTimespec(v, 16),
                    op.name() + "." + member + "=0x" + Long.toHexString(v) + " is in no session buffer");
        }
        if (!SqeSafety.declared(op)) {
            for (SqeSlot slot : List.of(SqeSlot.ADDR, SqeSlot.OFF, SqeSlot.ADDR3)) {
                long v = SqeSafety.read(sqe, slot);
                assertTrue(v == 0 || owner(v).isPresent(), op.name() + " " + slot + "=0x" + Long.toHexString(v));
            }
        }
    }

    /** Every opcode, every field name it takes (own, common, raw, cmd), alone and with a length: a JVM address never passes. */
    @net.jqwik.api.Example
    void noFieldNameOfAnyOpcodeSmugglesAJvmAddress() {
        long jvm = victim.address() + 64;
        int tried = 0;
        for (Opcode op : CATALOG.opcodes()) {
            for (SqeField f : CATALOG.fieldsOf(op)) {
                if (f.name().equals("opcode") || f.size() < 8 && !(f.type() instanceof FieldType.HexBytes)) {
                    continue; // fewer than 8 bytes cannot hold a 64-bit address
                }
                for (boolean withLength : new boolean[] {false, true}) {
                    SqeDraft d = new SqeDraft(op);
                    if (withLength) {
                        d.set(CATALOG.field(op, "len"), new FieldValue.Scalar(16), "16");
                    }
                    FieldValue v = switch (f.type()) {
                        case FieldType.HexBytes h -> {
                            byte[] bytes = new byte[(int) f.size()];
                            MemorySegment.ofArray(bytes).set(ValueLayout.JAVA_LONG_UNALIGNED, 0, jvm);
                            yield new FieldValue.Bytes(bytes);
                        }
                        case FieldType.Address a -> new FieldValue.RawAddress(jvm);
                        case FieldType.TimespecPointer t -> new FieldValue.Timespec(1);
                        default -> new FieldValue.Scalar(jvm);
                    };
                    d.set(f, v, "0x" + Long.toHexString(jvm));
                    nothingOutsideSessionBuffersReachesAPointerSlot(d);
                    tried++;
                }
            }
        }
        assertTrue(tried > 1000, tried + " drafts");
    }

    /**
     * From liburing's src/include/liburing.h (see decoders' PointerSlotsMatchLiburingTest), for the
     * opcodes whose pointer does not depend on a flag (TIMEOUT's addr is a number with IMMEDIATE_ARG).
     */
    private static final java.util.Map<String, java.util.Set<String>> LIBURING_POINTERS = java.util.Map.ofEntries(
            java.util.Map.entry("READV", java.util.Set.of("addr")), java.util.Map.entry("WRITEV", java.util.Set.of("addr")),
            java.util.Map.entry("READ", java.util.Set.of("addr")), java.util.Map.entry("WRITE", java.util.Set.of("addr")),
            java.util.Map.entry("READ_FIXED", java.util.Set.of("addr")), java.util.Map.entry("WRITE_FIXED", java.util.Set.of("addr")),
            java.util.Map.entry("RECVMSG", java.util.Set.of("addr")), java.util.Map.entry("SENDMSG", java.util.Set.of("addr")),
            java.util.Map.entry("ACCEPT", java.util.Set.of("addr", "off")), java.util.Map.entry("CONNECT", java.util.Set.of("addr")),
            java.util.Map.entry("BIND", java.util.Set.of("addr")), java.util.Map.entry("EPOLL_WAIT", java.util.Set.of("addr")),
            java.util.Map.entry("EPOLL_CTL", java.util.Set.of("addr")), java.util.Map.entry("FILES_UPDATE", java.util.Set.of("addr")),
            java.util.Map.entry("OPENAT", java.util.Set.of("addr")), java.util.Map.entry("OPENAT2", java.util.Set.of("addr", "off")),
            java.util.Map.entry("STATX", java.util.Set.of("addr", "off")), java.util.Map.entry("MADVISE", java.util.Set.of("addr")),
            java.util.Map.entry("SEND", java.util.Set.of("addr", "off")), java.util.Map.entry("RECV", java.util.Set.of("addr")),
            java.util.Map.entry("PROVIDE_BUFFERS", java.util.Set.of("addr")), java.util.Map.entry("UNLINKAT", java.util.Set.of("addr")),
            java.util.Map.entry("MKDIRAT", java.util.Set.of("addr")), java.util.Map.entry("RENAMEAT", java.util.Set.of("addr", "off")),
            java.util.Map.entry("SYMLINKAT", java.util.Set.of("addr", "off")), java.util.Map.entry("LINKAT", java.util.Set.of("addr", "off")),
            java.util.Map.entry("GETXATTR", java.util.Set.of("addr", "off", "addr3")),
            java.util.Map.entry("SETXATTR", java.util.Set.of("addr", "off", "addr3")),
            java.util.Map.entry("FGETXATTR", java.util.Set.of("addr", "off")), java.util.Map.entry("FSETXATTR", java.util.Set.of("addr", "off")),
            java.util.Map.entry("WAITID", java.util.Set.of("off")), java.util.Map.entry("FUTEX_WAIT", java.util.Set.of("addr")),
            java.util.Map.entry("FUTEX_WAKE", java.util.Set.of("addr")), java.util.Map.entry("FUTEX_WAITV", java.util.Set.of("addr")),
            java.util.Map.entry("PIPE", java.util.Set.of("addr")));

    private static void pointerIsSafe(Opcode op, SlotUse.Pointer p, MemorySegment sqe) {
        if (p.slot() == SqeSlot.CMD || p.slot() == SqeSlot.CMD128) {
            // a driver's command: only a socket's (none here but console fds of pipes), else all zero
            for (long i = p.slot().offset(); i < Math.min(sqe.byteSize(), p.slot().offset() + p.slot().size()); i++) {
                assertTrue(sqe.get(ValueLayout.JAVA_BYTE, i) == 0, op.name() + " cmd byte " + i);
            }
            return;
        }
        long v = SqeSafety.read(sqe, p.slot());
        String where = op.name() + " " + p.slot() + "=0x" + Long.toHexString(v);
        assertFalse(v >= victim.address() && v < victim.address() + victim.byteSize(), where + " points into JVM memory");
        boolean nullIsNoPointer = p.access() != SlotUse.Access.PAGES && !(p.extent() instanceof Extent.Product);
        if ((v == 0 && nullIsNoPointer) || rs.memory().ownsTimespec(v, 16)) {
            return;
        }
        SessionBuffer b = owner(v).orElseThrow(() -> new AssertionError(where + " is in no session buffer"));
        long left = b.size() - (v - b.address(0));
        long extent = switch (p.extent()) {
            case Extent.Fixed f -> f.bytes();
            case Extent.Counted c -> exact(unsigned(sqe, c.count()), c.elementSize());
            case Extent.Product x -> exact(unsigned(sqe, x.count()), unsigned(sqe, x.size()));
            case Extent.SizeCode s -> 1L << (SqeSafety.read(sqe, s.slot()) & s.mask());
            case Extent.FirstNonZero f -> unsigned(sqe, f.first()) != 0 ? unsigned(sqe, f.first()) : unsigned(sqe, f.second());
            case Extent.CString s -> 1;
            case Extent.Undeclared u -> 1;
        };
        assertTrue(extent >= 0 && extent <= left, where + ": " + extent + " bytes, " + left + " left in " + b.name());
        if (p.extent() instanceof Extent.CString) {
            byte[] rest = b.read(v - b.address(0), left);
            boolean nul = false;
            for (byte x : rest) {
                nul |= x == 0;
            }
            assertTrue(nul, where + ": no NUL in " + b.name());
        }
        if (p.access() == SlotUse.Access.PAGES) {
            assertTrue(b.ownsPages(), where + ": page-granular on shared pages");
        }
        if (p.holds() != SlotUse.Holds.DATA && p.holds() != SlotUse.Holds.FDS) {
            assertTrue(b.built().isPresent(), where + ": " + p.holds() + " in memory no builder made");
        }
    }

    private static void fdIsSafe(Opcode op, SlotUse.Fd f, MemorySegment sqe) {
        int fd = (int) SqeSafety.read(sqe, f.slot());
        // an index into the registered files, by IOSQE_FIXED_FILE or, for splice_fd_in, SPLICE_F_FD_IN_FIXED
        boolean index = switch (f.kind()) {
            case FILE, RING -> (SqeSafety.read(sqe, SqeSlot.FLAGS) & SqeFlag.FIXED_FILE.value()) != 0;
            case SPLICE_IN -> (SqeSafety.read(sqe, SqeSlot.OP_FLAGS) & SpliceFlag.FD_IN_FIXED.value()) != 0;
            case DIRFD, PLAIN -> false;
        };
        boolean ok = index || SqeSafety.sessionFd(session, fd) || (f.kind() == SlotUse.FdKind.DIRFD && fd == FdCalls.AT_FDCWD);
        assertTrue(ok && (index || fd > 2 || fd == FdCalls.AT_FDCWD), op.name() + " " + f.slot() + " fd " + fd);
    }

    /** The product as a non-negative long, or -1 when it does not fit one (which the assertion then rejects). */
    private static long exact(long a, long b) {
        java.math.BigInteger p = new java.math.BigInteger(Long.toUnsignedString(a)).multiply(new java.math.BigInteger(Long.toUnsignedString(b)));
        return p.bitLength() < 63 ? p.longValue() : -1;
    }

    private static long unsigned(MemorySegment sqe, SqeSlot slot) {
        long v = SqeSafety.read(sqe, slot);
        return slot.size() >= 8 ? v : v & ((1L << (slot.size() * 8)) - 1);
    }

    private static Optional<SessionBuffer> owner(long address) {
        return session.resources().buffers().owner(address);
    }

    // ---- generators

    @Provide
    Arbitrary<SqeDraft> drafts() {
        List<Opcode> ops = new ArrayList<>(CATALOG.opcodes());
        ops.add(Catalog.unknown(200));
        return Arbitraries.of(ops).flatMap(op -> assignment(op).list().ofMinSize(1).ofMaxSize(7).map(list -> {
            SqeDraft d = new SqeDraft(op);
            list.forEach(t -> d.set(t.get1(), t.get2(), String.valueOf(t.get2())));
            return d;
        }));
    }

    private Arbitrary<Tuple.Tuple2<SqeField, FieldValue>> assignment(Opcode op) {
        List<SqeField> fields = CATALOG.fieldsOf(op).stream().filter(f -> !f.name().equals("opcode")).toList();
        return Arbitraries.of(fields).flatMap(f -> value(f).map(v -> Tuple.of(f, v)));
    }

    private Arbitrary<FieldValue> value(SqeField f) {
        return switch (f.type()) {
            case FieldType.HexBytes h -> Combinators.combine(Arbitraries.bytes().array(byte[].class).ofSize((int) f.size()),
                    address(), Arbitraries.integers().between(0, (int) f.size() / 8 - 1), Arbitraries.of(true, false))
                    .as((bytes, addr, slot, zero) -> {
                        byte[] out = zero ? new byte[bytes.length] : bytes;
                        MemorySegment.ofArray(out).set(ValueLayout.JAVA_LONG_UNALIGNED, slot * 8L, addr);
                        return (FieldValue) new FieldValue.Bytes(out);
                    });
            case FieldType.Address a -> Arbitraries.oneOf(address().map(FieldValue.RawAddress::new), bufferRef());
            case FieldType.TimespecPointer t -> Arbitraries.longs().between(0, 1_000_000).map(FieldValue.Timespec::new);
            default -> number().map(v -> (FieldValue) new FieldValue.Scalar(masked(f, v)));
        };
    }

    private static long masked(SqeField f, long v) {
        return f.size() >= 8 ? v : v & ((1L << (f.size() * 8)) - 1);
    }

    private Arbitrary<FieldValue> bufferRef() {
        return Combinators.combine(Arbitraries.of("a", "b", "pg", "t"), Arbitraries.longs().between(0, 320))
                .as(FieldValue.BufferRef::new);
    }

    /** Addresses worth trying: NULL, the JVM's memory, just around and inside the buffers, anything. */
    private Arbitrary<Long> address() {
        List<Long> bases = new ArrayList<>();
        for (String name : List.of("a", "b", "pg", "t")) {
            bases.add(session.resources().buffer(name).address(0));
        }
        return Arbitraries.oneOf(
                Arbitraries.just(0L),
                Arbitraries.longs().between(0, 4095).map(k -> victim.address() + k),
                Combinators.combine(Arbitraries.of(bases), Arbitraries.longs().between(-70, 4200)).as(Long::sum),
                Arbitraries.just(0x1000L),
                Arbitraries.longs());
    }

    /** Numbers worth trying: small counts, flags, -1, AT_FDCWD, the JVM's fds and the console's, addresses. */
    private Arbitrary<Long> number() {
        List<Long> fds = new ArrayList<>(List.of(0L, 1L, 2L, 3L, 4L, 5L, -1L, -100L));
        session.resources().fds().forEach(f -> fds.add((long) f.fd()));
        fds.add((long) rs.ring().fd());
        return Arbitraries.oneOf(
                Arbitraries.longs().between(0, 300),
                Arbitraries.of(fds),
                Arbitraries.longs().between(0, 31).map(bit -> 1L << bit),
                address(),
                Arbitraries.longs());
    }
}
