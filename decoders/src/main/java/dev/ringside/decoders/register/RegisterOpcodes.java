package dev.ringside.decoders.register;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.register.RegisterArg.Array;
import dev.ringside.decoders.register.RegisterArg.CpuMask;
import dev.ringside.decoders.register.RegisterArg.None;
import dev.ringside.decoders.register.RegisterArg.Pointer;
import dev.ringside.decoders.register.RegisterArg.Probe;
import dev.ringside.decoders.register.RegisterArg.Sqe;
import dev.ringside.decoders.register.RegisterArg.Struct;
import dev.ringside.decoders.register.RegisterArg.Words;
import dev.ringside.decoders.register.RegisterOpcode.NrArgs;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.Optional;

import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.ARG_SIZE;
import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.ENTRIES;
import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.ID;
import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.MASK_BYTES;
import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.ONE;
import static dev.ringside.decoders.register.RegisterOpcode.NrArgs.ZERO;

/**
 * The register catalogue: every io_uring_register(2) opcode declared once, in number order, with
 * what its argument is (named fields, from {@link UapiLayouts}), what nr_args means (as
 * {@code __io_uring_register} checks it), whether the kernel writes back, and its release (liburing's
 * io_uring_register(2) and per-call man pages; "" where no source says). The register opcode flag set,
 * help, completion, decoding of arguments, JSON and the C export read these declarations.
 */
public final class RegisterOpcodes {
    private RegisterOpcodes() {
    }

    /** struct iovec on x86-64 (libc's, not io_uring's): a pointer and a size_t. */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("iov_base"),
            ValueLayout.JAVA_LONG.withName("iov_len")).withName("iovec");

    private static final RegisterArg NONE = new None();
    private static final RegisterArg FDS = new Words("int", true, List.of());

    private static RegisterOpcode op(int number, String name, String since, String summary, RegisterArg arg, NrArgs nr) {
        return new RegisterOpcode(number, name, since, summary, arg, nr, false);
    }

    /** The kernel writes its answer into the argument. */
    private static RegisterOpcode answers(int number, String name, String since, String summary, RegisterArg arg, NrArgs nr) {
        return new RegisterOpcode(number, name, since, summary, arg, nr, true);
    }

    private static Struct struct(StructLayout layout, Pointer... pointers) {
        return new Struct(layout, List.of(pointers));
    }

    private static Pointer points(String field, RegisterArg target, String countField) {
        return new Pointer(field, target, countField);
    }

    private static final RegisterArg REGION = struct(UapiLayouts.IO_URING_REGION_DESC);

    /** Every register opcode, in number order: {@code ALL.get(n).number() == n}. */
    public static final List<RegisterOpcode> ALL = List.of(
            op(0, "BUFFERS", "5.1", "register fixed buffers", new Array(IOVEC), ENTRIES),
            op(1, "UNREGISTER_BUFFERS", "5.1", "drop the fixed buffers", NONE, ZERO),
            op(2, "FILES", "5.1", "register fixed files (-1 leaves a slot empty)", FDS, ENTRIES),
            op(3, "UNREGISTER_FILES", "5.1", "drop the fixed files", NONE, ZERO),
            op(4, "EVENTFD", "5.2", "signal an eventfd on each completion", FDS, ONE),
            op(5, "UNREGISTER_EVENTFD", "5.2", "stop signalling the eventfd", NONE, ZERO),
            op(6, "FILES_UPDATE", "5.5", "replace fixed files from an offset",
                    struct(UapiLayouts.IO_URING_FILES_UPDATE, points("fds", FDS, "")), ENTRIES),
            op(7, "EVENTFD_ASYNC", "5.6", "signal an eventfd only for completions posted asynchronously", FDS, ONE),
            answers(8, "PROBE", "5.6", "which SQE opcodes the kernel supports", new Probe(), ENTRIES),
            op(9, "PERSONALITY", "5.6", "register the caller's credentials; the result is their id", NONE, ZERO),
            op(10, "UNREGISTER_PERSONALITY", "5.6", "drop a personality id", NONE, ID),
            op(11, "RESTRICTIONS", "5.10", "allow only these register opcodes, SQE opcodes and SQE flags (R_DISABLED rings)",
                    new Array(UapiLayouts.IO_URING_RESTRICTION), ENTRIES),
            op(12, "ENABLE_RINGS", "5.10", "enable a ring created with R_DISABLED", NONE, ZERO),
            op(13, "FILES2", "5.13", "register fixed files, or a sparse table, with tags",
                    struct(UapiLayouts.IO_URING_RSRC_REGISTER, points("data", FDS, "nr")), ARG_SIZE),
            op(14, "FILES_UPDATE2", "5.13", "replace fixed files from an offset, with tags",
                    struct(UapiLayouts.IO_URING_RSRC_UPDATE2, points("data", FDS, "nr")), ARG_SIZE),
            op(15, "BUFFERS2", "5.13", "register fixed buffers, or a sparse table, with tags",
                    struct(UapiLayouts.IO_URING_RSRC_REGISTER, points("data", new Array(IOVEC), "nr")), ARG_SIZE),
            op(16, "BUFFERS_UPDATE", "5.13", "replace fixed buffers from an offset, with tags",
                    struct(UapiLayouts.IO_URING_RSRC_UPDATE2, points("data", new Array(IOVEC), "nr")), ARG_SIZE),
            op(17, "IOWQ_AFF", "5.14", "the CPUs io-wq workers may run on", new CpuMask(), MASK_BYTES),
            op(18, "UNREGISTER_IOWQ_AFF", "5.14", "io-wq workers inherit the CPU mask again", NONE, ZERO),
            answers(19, "IOWQ_MAX_WORKERS", "5.15", "limit bound and unbound io-wq workers; answers the previous limits",
                    new Words("__u32", false, List.of("bound", "unbound")), ENTRIES),
            answers(20, "RING_FDS", "5.18", "register the ring fd itself (offset -1: the kernel picks the slot)",
                    new Array(UapiLayouts.IO_URING_RSRC_UPDATE), ENTRIES),
            op(21, "UNREGISTER_RING_FDS", "5.18", "drop registered ring fds", new Array(UapiLayouts.IO_URING_RSRC_UPDATE), ENTRIES),
            op(22, "PBUF_RING", "5.19", "register a provided-buffer ring", struct(UapiLayouts.IO_URING_BUF_REG), ONE),
            op(23, "UNREGISTER_PBUF_RING", "5.19", "drop a provided-buffer ring", struct(UapiLayouts.IO_URING_BUF_REG), ONE),
            op(24, "SYNC_CANCEL", "6.0", "cancel requests and wait for them, inline", struct(UapiLayouts.IO_URING_SYNC_CANCEL_REG), ONE),
            op(25, "FILE_ALLOC_RANGE", "6.0", "the fixed-file slots the kernel allocates from",
                    struct(UapiLayouts.IO_URING_FILE_INDEX_RANGE), ZERO),
            answers(26, "PBUF_STATUS", "6.8", "the kernel's head of a provided-buffer ring", struct(UapiLayouts.IO_URING_BUF_STATUS), ONE),
            answers(27, "NAPI", "6.9", "NAPI busy polling; answers the settings before", struct(UapiLayouts.IO_URING_NAPI), ONE),
            answers(28, "UNREGISTER_NAPI", "6.9", "stop NAPI busy polling; answers the settings it had",
                    struct(UapiLayouts.IO_URING_NAPI), ONE),
            op(29, "CLOCK", "6.12", "the clock of wait timeouts", struct(UapiLayouts.IO_URING_CLOCK_REGISTER), ZERO),
            op(30, "CLONE_BUFFERS", "6.12", "share another ring's fixed buffers", struct(UapiLayouts.IO_URING_CLONE_BUFFERS), ONE),
            op(31, "SEND_MSG_RING", "6.13", "a MSG_RING SQE run without a ring of one's own (fd -1)", new Sqe(), ONE),
            answers(32, "ZCRX_IFQ", "6.15", "a zero-copy receive interface queue",
                    struct(UapiLayouts.IO_URING_ZCRX_IFQ_REG,
                            points("area_ptr", struct(UapiLayouts.IO_URING_ZCRX_AREA_REG), ""),
                            points("region_ptr", REGION, "")), ONE),
            answers(33, "RESIZE_RINGS", "6.13", "resize the SQ and CQ rings (DEFER_TASKRUN)", struct(UapiLayouts.IO_URING_PARAMS), ONE),
            op(34, "MEM_REGION", "6.13", "register a memory region (for registered wait arguments)",
                    struct(UapiLayouts.IO_URING_MEM_REGION_REG, points("region_uptr", REGION, "")), ONE),
            answers(35, "QUERY", "", "ask the kernel what it supports: a chain of io_uring_query_hdr (fd may be -1)",
                    struct(UapiLayouts.IO_URING_QUERY_HDR), ZERO),
            answers(36, "ZCRX_CTRL", "", "control a zcrx interface queue (flush the refill queue, export)",
                    struct(UapiLayouts.ZCRX_CTRL), ZERO),
            op(37, "BPF_FILTER", "", "a BPF filter on SQE opcodes", struct(UapiLayouts.IO_URING_BPF), ONE));

    /** The opcode of this number, if the catalogue has one. */
    public static Optional<RegisterOpcode> byNumber(long number) {
        return number >= 0 && number < ALL.size() ? Optional.of(ALL.get((int) number)) : Optional.empty();
    }

    /** The opcode of this short name ({@code PBUF_RING}) or C name ({@code IORING_REGISTER_PBUF_RING}). */
    public static Optional<RegisterOpcode> byName(String name) {
        return ALL.stream().filter(o -> o.name().equalsIgnoreCase(name) || o.cName().equalsIgnoreCase(name)).findFirst();
    }

    /** The declaration of an opcode code names; a missing one is a programming error. */
    public static RegisterOpcode named(String name) {
        return byName(name).orElseThrow(() -> new IllegalStateException("no register opcode " + name));
    }
}
