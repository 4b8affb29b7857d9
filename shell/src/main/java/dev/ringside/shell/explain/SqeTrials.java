package dev.ringside.shell.explain;

import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.decoders.catalog.SqeSlot;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.memory.Buffers;
import dev.ringside.tracer.memory.SessionBuffer;
import dev.ringside.tracer.ring.Completion;
import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingConfig;
import dev.ringside.tracer.sys.SyscallException;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Why the kernel refused one SQE, found by trial: the SQE is resubmitted on scratch rings (a fresh one
 * per trial, with the user's ring's setup flags), its pointers aimed at scratch copies of the session's
 * buffers and its fds replaced by scratch fds of the same kind, linked to a short LINK_TIMEOUT so a
 * request that would block ends. One field (or one flag bit) at a time is reset, the rest unchanged;
 * when no single change is accepted, pairs of changes. The user's ring, buffers and fds are never used.
 */
public final class SqeTrials implements AutoCloseable {
    /** How long a trial that blocks waits before its LINK_TIMEOUT cancels it. */
    static final long LINK_TIMEOUT_NANOS = 20_000_000L;
    /** How long a trial's two completions are waited for at most. */
    static final long TRIAL_WAIT_NANOS = 1_000_000_000L;
    /** At most this many pairs are tried: the search stays short. */
    static final int MAX_PAIRS = 64;
    static final long TRIAL_USER_DATA = 1;
    static final long TIMEOUT_USER_DATA = 2;

    /** The slots a trial may reset, in SQE order; views of the same bytes (addr2, cmd_op) are covered by these. */
    static final List<SqeSlot> RESETTABLE = List.of(SqeSlot.FLAGS, SqeSlot.IOPRIO, SqeSlot.OFF, SqeSlot.ADDR, SqeSlot.LEN,
            SqeSlot.OP_FLAGS, SqeSlot.BUF_INDEX, SqeSlot.PERSONALITY, SqeSlot.FILE_INDEX, SqeSlot.ADDR3, SqeSlot.PAD2);

    /** One change to try: the slot, its new value, and how the message names it. */
    record Change(SqeSlot slot, long value, String field, String describe) {
    }

    /** What a trial got: the request's result, or empty when it posted no CQE (CQE_SKIP_SUCCESS). */
    record Outcome(Optional<Integer> res) {
        /** Accepted: a result, a block ended by the trial's LINK_TIMEOUT, a timeout's own expiry, or no CQE. */
        boolean passes() {
            return res.isEmpty() || res.get() >= 0 || res.get() == -Errno.ECANCELED.number() || res.get() == -Errno.ETIME.number();
        }

        String describe() {
            if (res.isEmpty()) {
                return "no CQE (success skipped)";
            }
            int r = res.get();
            return r == -Errno.ECANCELED.number() ? "-ECANCELED: accepted, then blocked until the trial's LINK_TIMEOUT"
                    : r == -Errno.ETIME.number() ? "-ETIME: accepted, its timeout expired"
                    : r >= 0 ? "res=" + r : Errno.of(-r).map(e -> "-" + e.name()).orElse(String.valueOf(r));
        }
    }

    private final Opcode opcode;
    private final RingConfig config;
    private final int linkTimeoutOpcode;
    private final BooleanSupplier cancelled;
    private final Arena arena = Arena.ofShared();
    private final List<AutoCloseable> scratchFds = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final byte[] base;
    private int trials;

    private SqeTrials(Opcode opcode, RingConfig config, int linkTimeoutOpcode, byte[] sqe, BooleanSupplier cancelled) {
        this.opcode = opcode;
        // a scratch ring shares no io-wq with the user's ring
        this.config = new RingConfig(8, config.flags() & ~SetupFlag.ATTACH_WQ.value(), 0, config.sqThreadCpu(),
                config.sqThreadIdle(), 0);
        this.linkTimeoutOpcode = linkTimeoutOpcode;
        this.cancelled = cancelled;
        this.base = sqe.clone();
    }

    /**
     * The one line that says which field of {@code sqe} (as the kernel answered {@code res} on a ring made
     * with {@code config}) the kernel objects to; {@code buffers} are the session's, read only to copy them.
     */
    public static String explain(Opcode opcode, byte[] sqe, int res, RingConfig config, int linkTimeoutOpcode,
                                 Buffers buffers, BooleanSupplier cancelled) {
        try (SqeTrials t = new SqeTrials(opcode, config, linkTimeoutOpcode, sqe, cancelled)) {
            t.scratchCopies(buffers);
            return t.search(res);
        }
    }

    private String search(int res) {
        String refused = Errno.of(-res).map(e -> "-" + e.name()).orElse(String.valueOf(res));
        Outcome baseline = trial(base);
        if (baseline.passes()) {
            return opcode.name() + " as submitted passes on a scratch ring (" + baseline.describe() + "): the " + refused
                    + " came from the session's state (its ring, registrations, fds or buffers), not from the SQE's fields"
                    + noted();
        }
        if (baseline.res().orElse(0) != res) {
            notes.add("on a scratch ring it gets " + baseline.describe() + ", not " + refused);
        }
        List<Change> changes = changes();
        List<String> accepted = new ArrayList<>();
        for (Change c : changes) {
            Outcome o = trial(apply(base, List.of(c)));
            if (o.passes()) {
                accepted.add(c.describe().strip() + " passes (" + o.describe() + ")" + docOf(c));
            }
        }
        String as = opcode.name() + " " + refused;
        if (!accepted.isEmpty()) {
            return as + ": " + String.join("; ", accepted) + noted();
        }
        for (int i = 0; i < changes.size(); i++) {
            for (int j = i + 1; j < changes.size() && trials < changes.size() + MAX_PAIRS; j++) {
                Change a = changes.get(i);
                Change b = changes.get(j);
                if (a.slot() == b.slot()) {
                    continue;
                }
                Outcome o = trial(apply(base, List.of(a, b)));
                if (o.passes()) {
                    return as + ": no single change is accepted; together " + a.describe() + " and " + b.describe()
                            + " pass (" + o.describe() + "): the kernel refuses the combination" + noted();
                }
            }
        }
        return as + ": no trial isolated it: resetting each field (and each flag bit) alone and in pairs, "
                + trials + " trials on scratch rings, all still refused" + noted();
    }

    private String noted() {
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /** The catalogue's doc of the field, when it states a rule. */
    private String docOf(Change c) {
        return field(c.slot()).map(FieldSpec::doc).filter(doc -> doc.contains("must") || doc.contains("exactly"))
                .map(doc -> ": " + c.field() + " is the " + doc).orElse("");
    }

    /** The opcode's field on this slot whose condition holds for the SQE as submitted, else its first one. */
    private Optional<FieldSpec> field(SqeSlot slot) {
        List<FieldSpec> on = opcode.fields().stream().filter(f -> f.slot() == slot).toList();
        return on.stream().filter(f -> f.when().map(w -> w.holds(read(base, w.slot()))).orElse(true)).findFirst()
                .or(() -> on.stream().findFirst());
    }

    /** Every single reset worth trying: each flag bit cleared, each number reset to its preset, 0 or 1. */
    List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (SqeSlot slot : RESETTABLE) {
            long value = read(base, slot);
            if (value == 0 || pointerSlots().contains(slot)) {
                continue; // nothing to reset, or an address: a zero pointer only trades one error for EFAULT
            }
            Optional<FieldSpec> spec = field(slot);
            String name = spec.map(FieldSpec::name).orElse(slot.uapiName());
            Optional<FlagSet> flags = slot == SqeSlot.FLAGS ? Optional.of(FlagSets.SQE)
                    : spec.map(FieldSpec::type).filter(t -> t instanceof FieldType.Flags).map(t -> ((FieldType.Flags) t).set());
            if (flags.isPresent() && flags.get().kind() == FlagSet.Kind.BITS) {
                for (long rest = value; rest != 0; rest &= rest - 1) {
                    long bit = Long.lowestOneBit(rest);
                    if (slot == SqeSlot.FLAGS && bit == SqeFlag.IO_LINK.value()) {
                        continue; // every trial links its LINK_TIMEOUT
                    }
                    Optional<dev.ringside.decoders.flags.Flag> named = flags.get().flags().stream().filter(f -> f.value() == bit).findFirst();
                    String meaning = named.map(f -> f.cName() + f.release().map(r -> ", added in " + r).orElse(""))
                            .orElse("it has no " + flags.get().prefix() + "* name: unknown to this kernel");
                    out.add(new Change(slot, value & ~bit, name, name + "=0x" + Long.toHexString(value) + " is refused; with bit 0x"
                            + Long.toHexString(bit) + " cleared (" + meaning + ") it"));
                }
                continue;
            }
            List<Long> tries = new ArrayList<>();
            spec.flatMap(FieldSpec::preset).ifPresent(tries::add);
            tries.add(0L);
            tries.add(1L);
            tries.stream().distinct().filter(v -> v != value).forEach(v -> out.add(new Change(slot, v, name,
                    name + "=" + Long.toUnsignedString(value) + " is refused; " + name + "=" + v + " ")));
        }
        return out;
    }

    /** The slots this opcode reads as pointers. */
    private List<SqeSlot> pointerSlots() {
        return opcode.fields().stream().flatMap(f -> f.uses().stream()).filter(u -> u instanceof SlotUse.Pointer)
                .map(u -> ((SlotUse.Pointer) u).slot()).toList();
    }

    /** Pointers aimed at scratch copies, fds replaced by scratch ones of the same kind: trials touch nothing of the user's. */
    private void scratchCopies(Buffers buffers) {
        for (FieldSpec f : opcode.fields()) {
            for (SlotUse use : f.uses()) {
                if (use instanceof SlotUse.Pointer p) {
                    long address = read(base, p.slot());
                    if (address != 0 && p.when().stream().allMatch(g -> g.holds(read(base, g.slot())))) {
                        write(base, p.slot(), scratchAddress(address, f, buffers));
                    }
                } else if (use instanceof SlotUse.Fd fd && fd.when().stream().allMatch(g -> g.holds(read(base, g.slot())))
                        && (fd.kind() != SlotUse.FdKind.FILE || (read(base, SqeSlot.FLAGS) & SqeFlag.FIXED_FILE.value()) == 0)) {
                    long number = read(base, fd.slot());
                    if (number >= 0 && number < Integer.MAX_VALUE) {
                        ScratchFds.of((int) number).ifPresent(scratch -> {
                            scratchFds.add(scratch.cleanup());
                            write(base, fd.slot(), scratch.fd());
                        });
                    }
                }
            }
        }
    }

    private long scratchAddress(long address, FieldSpec field, Buffers buffers) {
        Optional<SessionBuffer> owner = buffers.owner(address);
        if (owner.isPresent()) {
            SessionBuffer b = owner.get();
            long offset = address - b.address(0);
            MemorySegment copy = arena.allocate(b.size(), Math.max(8, b.alignment()));
            copy.copyFrom(MemorySegment.ofArray(b.read(0, b.size())));
            return copy.address() + offset;
        }
        if (field.type() instanceof FieldType.TimespecPointer) {
            // the console's own timespec lives in the user's ring; the trial's is a scratch 1 ms
            MemorySegment ts = arena.allocate(16, 8);
            ts.set(ValueLayout.JAVA_LONG, 8, 1_000_000L);
            notes.add(field.name() + " is a scratch 1 ms timespec");
            return ts.address();
        }
        notes.add(field.name() + " pointed outside the session's buffers: the trials use a zeroed scratch page");
        return arena.allocate(SessionBuffer.PAGE_SIZE, SessionBuffer.PAGE_SIZE).address();
    }

    /** One trial: the SQE (with IO_LINK) and a LINK_TIMEOUT on a fresh scratch ring; the request's first CQE. */
    Outcome trial(byte[] sqe) {
        trials++;
        byte[] bytes = sqe.clone();
        write(bytes, SqeSlot.FLAGS, read(bytes, SqeSlot.FLAGS) | SqeFlag.IO_LINK.value());
        write(bytes, SqeSlot.USER_DATA, TRIAL_USER_DATA);
        try (Ring ring = Ring.create(config)) {
            int bigSqe = ring.sqeSize() / 64;
            ring.nextSqe().copyFrom(MemorySegment.ofArray(bytes).asSlice(0, Math.min(bytes.length, ring.sqeSize())));
            MemorySegment ts = ring.arena().allocate(16, 8);
            ts.set(ValueLayout.JAVA_LONG, 8, LINK_TIMEOUT_NANOS);
            byte[] timeout = new byte[64 * bigSqe];
            timeout[0] = (byte) linkTimeoutOpcode;
            write(timeout, SqeSlot.ADDR, ts.address());
            write(timeout, SqeSlot.LEN, 1);
            write(timeout, SqeSlot.USER_DATA, TIMEOUT_USER_DATA);
            ring.nextSqe().copyFrom(MemorySegment.ofArray(timeout));
            ring.submit();
            List<Completion> got = new ArrayList<>();
            long deadline = System.nanoTime() + TRIAL_WAIT_NANOS;
            while (got.stream().noneMatch(c -> c.userData() == TRIAL_USER_DATA) || got.stream().noneMatch(c -> c.userData() == TIMEOUT_USER_DATA)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || cancelled.getAsBoolean()) {
                    break;
                }
                ring.waitFor(1, left, cancelled);
                got.addAll(ring.reap());
            }
            return new Outcome(got.stream().filter(c -> c.userData() == TRIAL_USER_DATA).map(Completion::res).findFirst());
        } catch (SyscallException e) {
            throw new IllegalStateException("a scratch ring for the trial failed: " + e.getMessage(), e);
        }
    }

    static byte[] apply(byte[] sqe, List<Change> changes) {
        byte[] out = sqe.clone();
        changes.forEach(c -> write(out, c.slot(), c.value()));
        return out;
    }

    static long read(byte[] sqe, SqeSlot slot) {
        MemorySegment s = MemorySegment.ofArray(sqe);
        return switch ((int) slot.size()) {
            case 1 -> Byte.toUnsignedLong(s.get(ValueLayout.JAVA_BYTE, slot.offset()));
            case 2 -> Short.toUnsignedLong(s.get(ValueLayout.JAVA_SHORT_UNALIGNED, slot.offset()));
            case 4 -> Integer.toUnsignedLong(s.get(ValueLayout.JAVA_INT_UNALIGNED, slot.offset()));
            default -> s.get(ValueLayout.JAVA_LONG_UNALIGNED, slot.offset());
        };
    }

    static void write(byte[] sqe, SqeSlot slot, long value) {
        MemorySegment s = MemorySegment.ofArray(sqe);
        switch ((int) slot.size()) {
            case 1 -> s.set(ValueLayout.JAVA_BYTE, slot.offset(), (byte) value);
            case 2 -> s.set(ValueLayout.JAVA_SHORT_UNALIGNED, slot.offset(), (short) value);
            case 4 -> s.set(ValueLayout.JAVA_INT_UNALIGNED, slot.offset(), (int) value);
            default -> s.set(ValueLayout.JAVA_LONG_UNALIGNED, slot.offset(), value);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable fd : scratchFds) {
            try {
                fd.close();
            } catch (Exception ignored) {
                // a scratch fd that is already gone needs no closing
            }
        }
        arena.close();
    }
}
