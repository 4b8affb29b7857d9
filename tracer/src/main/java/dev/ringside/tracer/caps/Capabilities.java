package dev.ringside.tracer.caps;

import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.flags.TimeoutFlag;
import dev.ringside.decoders.flags.ZcrxRegFlag;
import dev.ringside.tracer.probe.OpcodeProbe;
import dev.ringside.tracer.probe.RegisterQuery;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The capability catalogue: every setup flag, feature bit, opcode, register opcode and enter flag of
 * the uapi tables (generated from them, never listed by hand), the seed features and the environment,
 * each with the trial that asks the running kernel.
 */
public final class Capabilities {
    /** The proposed IORING_OP_BPF series (seed 001, v3): values from /work/shared/uapi/proposed-bpf-ext.tsv. */
    public static final String BPF_SERIES = "proposed: [PATCH V3] io_uring: add IORING_OP_BPF (Ming Lei, 2026-03-24)";
    public static final long SETUP_BPF_EXT = 1L << 21;
    public static final long FEAT_BPF = 1L << 18;
    /** Seed 000: the zcrx, timeout and BPF event loop changes merged after 6.18. */
    static final String SEED_000 = Flag.AFTER_6_18 + " (seed 000)";

    private static final List<Capability> ALL = build();

    private Capabilities() {
    }

    public static List<Capability> all() {
        return ALL;
    }

    /** By name, any case, with or without the C prefix of its kind: {@code SQ_REWIND}, {@code IORING_OP_NOP128}. */
    public static Optional<Capability> named(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (Capability c : ALL) {
            if (c.name().equalsIgnoreCase(text)) {
                return Optional.of(c);
            }
        }
        for (String prefix : List.of("IORING_SETUP_", "IORING_FEAT_", "IORING_OP_", "IORING_REGISTER_", "IORING_ENTER_",
                "IORING_TIMEOUT_", "ZCRX_REG_", "ZCRX_CTRL_", "IORING_")) {
            for (Capability c : ALL) {
                if (c.name().equals(prefix + upper)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    public static List<String> names() {
        return ALL.stream().map(Capability::name).toList();
    }

    private static String since(Flag flag) {
        return flag.release().orElse("?");
    }

    private static List<Capability> build() {
        List<Capability> out = new ArrayList<>();
        for (Flag flag : FlagSets.SETUP.flags()) {
            long companions = Trials.companions(flag);
            Capability.Trial trial = Trials.queryOnly(flag)
                    ? k -> listed(k.query(), k.query().setupFlags().isPresent() ? (k.query().setupFlags().getAsLong() & flag.value()) != 0 : null,
                            "ring_setup_flags")
                    : k -> Trials.setupFlag(k, flag.value(), companions);
            out.add(new Capability(flag.cName(), Capability.Kind.SETUP_FLAG, since(flag), "io_uring_setup flag 0x"
                    + Long.toHexString(flag.value()) + (companions != 0 ? ", tried with " + FlagSets.SETUP.format(companions) : ""), trial));
        }
        for (Flag flag : FlagSets.FEATURES.flags()) {
            out.add(new Capability(flag.cName(), Capability.Kind.FEATURE, since(flag), "params.features bit 0x" + Long.toHexString(flag.value()),
                    k -> feature(k, flag.value())));
        }
        for (Opcode op : Catalog.builtin().opcodes()) {
            out.add(new Capability(op.cName(), Capability.Kind.OPCODE, op.since(), op.summary(), k -> opcode(k, op.number())));
        }
        for (RegisterOpcode op : RegisterOpcodes.ALL) {
            out.add(new Capability(op.cName(), Capability.Kind.REGISTER_OPCODE, op.release().orElse("?"),
                    "io_uring_register opcode " + op.number() + ": " + op.summary(), k -> registerOpcode(k, op.number())));
        }
        for (Flag flag : FlagSets.ENTER.flags()) {
            out.add(new Capability(flag.cName(), Capability.Kind.ENTER_FLAG, since(flag), "io_uring_enter flag 0x" + Long.toHexString(flag.value()),
                    k -> listed(k.query(), k.query().enterFlags().isPresent() ? (k.query().enterFlags().getAsLong() & flag.value()) != 0 : null,
                            "enter_flags")));
        }
        out.addAll(seeds());
        out.addAll(Environment.rows());
        return List.copyOf(out);
    }

    private static List<Capability> seeds() {
        Capability.Kind seed = Capability.Kind.SEED;
        List<Capability> out = new ArrayList<>();
        out.add(new Capability("IORING_TIMEOUT_IMMEDIATE_ARG", seed, TimeoutFlag.IMMEDIATE_ARG.flag().release().orElse(SEED_000),
                "TIMEOUT/LINK_TIMEOUT take the time in addr as nanoseconds instead of a timespec pointer", Trials::immediateArg));
        out.add(new Capability("ZCRX_REG_NODEV", seed, SEED_000, "a zcrx ifq without a network device (io_uring_zcrx_ifq_reg.flags)",
                k -> zcrxRegFlag(k.query(), ZcrxRegFlag.NODEV.value())));
        for (Flag op : FlagSets.ZCRX_CTRL_OP.flags()) {
            out.add(new Capability("ZCRX_CTRL_" + op.name(), seed, op.name().equals("ARM_EVENT") ? "7.2" : SEED_000,
                    "IORING_REGISTER_ZCRX_CTRL op " + op.value(), k -> zcrxCtrl(k.query(), (int) op.value())));
        }
        out.add(new Capability("SQE_MIXED_OPS", seed, Flag.AFTER_6_18,
                "an SQE_MIXED ring with IORING_OP_NOP128 and IORING_OP_URING_CMD128 (128-byte SQEs among 64-byte ones)", Capabilities::sqeMixedOps));
        out.add(new Capability("IORING_SETUP_BPF_EXT", seed, BPF_SERIES, "io_uring_setup flag 1U << 21: BPF-defined operations on the ring",
                k -> Trials.setupFlag(k, SETUP_BPF_EXT, 0)));
        out.add(new Capability("IORING_FEAT_BPF", seed, BPF_SERIES, "params.features bit 1U << 18: the kernel has IORING_OP_BPF",
                k -> feature(k, FEAT_BPF)));
        out.add(new Capability("BPF_EVENT_LOOP", seed, SEED_000,
                "struct io_uring_bpf_ops with loop_step in the kernel's BTF: the ring's wait loop run by a BPF program", Capabilities::bpfLoop));
        return out;
    }

    private static Answer listed(RegisterQuery query, Boolean known, String field) {
        String how = "IORING_REGISTER_QUERY " + field;
        if (known == null) {
            return Answer.unknown(how, query.queryErrno() == RegisterQuery.NO_TRIAL ? "no trial ring"
                    : "the kernel did not answer the query (errno " + query.queryErrno() + ")");
        }
        return Answer.of(known, how, known ? "listed" : "not listed");
    }

    private static Answer feature(KernelFacts kernel, long bit) {
        String how = "features of a trial io_uring_setup(0)";
        return kernel.features().map(f -> Answer.of((f & bit) != 0, how, "features 0x" + Long.toHexString(f)))
                .orElseGet(() -> Answer.unknown(how, kernel.featuresError()));
    }

    private static Answer opcode(KernelFacts kernel, int number) {
        String how = "IORING_REGISTER_PROBE";
        Optional<OpcodeProbe> probe = kernel.probe();
        return probe.map(p -> Answer.of(p.supports(number), how, "last_op " + p.lastOp()))
                .orElseGet(() -> Answer.unknown(how, kernel.probeError()));
    }

    private static Answer registerOpcode(KernelFacts kernel, int number) {
        RegisterQuery query = kernel.query();
        if (query.registerOpcodes().isPresent()) {
            boolean known = query.knows(number).getAsInt() == 1;
            return Answer.of(known, "IORING_REGISTER_QUERY nr_register_opcodes", "nr_register_opcodes " + query.registerOpcodes().getAsInt());
        }
        if (number == RegisterOp.PROBE.value()) {
            return opcode(kernel, 0).present() == Answer.Presence.UNKNOWN ? Answer.unknown("IORING_REGISTER_PROBE", kernel.probeError())
                    : Answer.present("IORING_REGISTER_PROBE", "the probe answered");
        }
        if (number == RegisterOp.QUERY.value() && query.lacksQuery()) {
            return Answer.absent("IORING_REGISTER_QUERY with nr_args 0", "-22 EINVAL");
        }
        return listed(query, null, "nr_register_opcodes");
    }

    private static Answer zcrxRegFlag(RegisterQuery query, long flag) {
        Answer ifq = registerOpcodeFromQuery(query, (int) RegisterOp.ZCRX_IFQ.value());
        if (ifq.present() == Answer.Presence.ABSENT) {
            return Answer.absent(ifq.how(), "no IORING_REGISTER_ZCRX_IFQ: " + ifq.detail());
        }
        if (query.zcrxRegisterFlags().isEmpty()
                && registerOpcodeFromQuery(query, (int) RegisterOp.ZCRX_CTRL.value()).present() == Answer.Presence.ABSENT) {
            // seed 000: IORING_REGISTER_ZCRX_CTRL was there before ZCRX_REG_NODEV was added, so a kernel without it predates NODEV
            return Answer.absent("IORING_REGISTER_QUERY nr_register_opcodes", "no IORING_REGISTER_ZCRX_CTRL (36), which NODEV came after");
        }
        return listed(query, query.zcrxRegisterFlags().isPresent() ? (query.zcrxRegisterFlags().getAsLong() & flag) != 0 : null,
                "IO_URING_QUERY_ZCRX register_flags");
    }

    private static Answer zcrxCtrl(RegisterQuery query, int op) {
        Answer ctrl = registerOpcodeFromQuery(query, (int) RegisterOp.ZCRX_CTRL.value());
        if (ctrl.present() != Answer.Presence.PRESENT) {
            return new Answer(ctrl.present(), ctrl.how(), (ctrl.present() == Answer.Presence.ABSENT ? "no IORING_REGISTER_ZCRX_CTRL ("
                    : "IORING_REGISTER_ZCRX_CTRL unknown (") + ctrl.detail() + ")");
        }
        return query.zcrxCtrlOpcodes().isPresent()
                ? Answer.of(op < query.zcrxCtrlOpcodes().getAsInt(), "IORING_REGISTER_QUERY IO_URING_QUERY_ZCRX nr_ctrl_opcodes",
                        "nr_ctrl_opcodes " + query.zcrxCtrlOpcodes().getAsInt())
                : Answer.unknown("IORING_REGISTER_QUERY IO_URING_QUERY_ZCRX", "not answered");
    }

    private static Answer registerOpcodeFromQuery(RegisterQuery query, int number) {
        return query.registerOpcodes().isPresent()
                ? Answer.of(query.knows(number).getAsInt() == 1, "IORING_REGISTER_QUERY nr_register_opcodes",
                        "nr_register_opcodes " + query.registerOpcodes().getAsInt())
                : listed(query, null, "nr_register_opcodes");
    }

    private static Answer sqeMixedOps(KernelFacts kernel) {
        Answer ring = Trials.setupFlag(kernel, SetupFlag.SQE_MIXED.value(), 0);
        Optional<OpcodeProbe> probe = kernel.probe();
        String how = ring.how() + " and IORING_REGISTER_PROBE for NOP128 (63), URING_CMD128 (64)";
        if (probe.isEmpty()) {
            return Answer.unknown(how, kernel.probeError());
        }
        boolean ops = probe.get().supports(63) && probe.get().supports(64);
        String detail = "setup " + ring.detail() + ", last_op " + probe.get().lastOp();
        if (ring.present() == Answer.Presence.UNKNOWN) {
            return Answer.unknown(how, detail);
        }
        return Answer.of(ring.present() == Answer.Presence.PRESENT && ops, how, detail);
    }

    private static Answer bpfLoop(KernelFacts kernel) {
        String how = "struct io_uring_bpf_ops in " + Btf.VMLINUX;
        return kernel.btf().map(btf -> btf.struct("io_uring_bpf_ops")
                        .map(members -> Answer.of(members.contains("loop_step"), how, "members " + String.join(", ", members)))
                        .orElseGet(() -> Answer.absent(how, "no such struct")))
                .orElseGet(() -> Answer.unknown(how, "no readable BTF"));
    }
}
