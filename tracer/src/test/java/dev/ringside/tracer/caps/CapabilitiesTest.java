package dev.ringside.tracer.caps;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.tracer.probe.OpcodeProbe;
import dev.ringside.tracer.probe.RegisterQuery;
import dev.ringside.tracer.probe.TrialSetup;
import dev.ringside.tracer.sys.SyscallException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each capability's answer on the running kernel against a second look at the kernel that the catalogue
 * does not make (its own trial redone by hand, the kernel's own lists), and the catalogue against the uapi
 * tables it is generated from: nothing here is a fixed list of what this kernel has.
 */
class CapabilitiesTest {
    private final KernelFacts kernel = new KernelFacts();

    private Answer ask(String name) {
        return Capabilities.named(name).orElseThrow(() -> new AssertionError("no capability " + name)).ask(kernel);
    }

    @Test
    void everySetupFlagFeatureOpcodeRegisterOpcodeAndEnterFlagHasOneCapability() {
        Set<String> names = new HashSet<>();
        for (Capability c : Capabilities.all()) {
            assertTrue(names.add(c.name()), "declared twice: " + c.name());
        }
        for (var set : List.of(FlagSets.SETUP, FlagSets.FEATURES, FlagSets.REGISTER_OP, FlagSets.ENTER)) {
            for (Flag f : set.flags()) {
                assertTrue(names.contains(f.cName()), set.name() + " " + f.cName());
            }
        }
        for (Opcode op : Catalog.builtin().opcodes()) {
            assertTrue(names.contains(op.cName()), op.cName());
        }
        for (String seed : List.of("IORING_TIMEOUT_IMMEDIATE_ARG", "ZCRX_REG_NODEV", "IORING_REGISTER_ZCRX_CTRL", "ZCRX_CTRL_FLUSH_RQ",
                "ZCRX_CTRL_EXPORT", "ZCRX_CTRL_ARM_EVENT", "IORING_SETUP_SQ_REWIND", "IORING_SETUP_SQE_MIXED", "IORING_OP_NOP128",
                "IORING_OP_URING_CMD128", "IORING_SETUP_CQE_MIXED", "IORING_SETUP_BPF_EXT", "IORING_FEAT_BPF", "BPF_EVENT_LOOP",
                "kernel.release", "io_uring_disabled", "io_uring_group", "RLIMIT_MEMLOCK", "CONFIG_IO_URING", "tracefs", "btf")) {
            assertTrue(names.contains(seed), seed);
        }
    }

    @Test
    void everyNumberTheCatalogueDeclaresItselfIsTheUapiFact() throws IOException {
        Map<String, Long> proposed = tsv(Path.of("/work/shared/uapi/proposed-bpf-ext.tsv"));
        Assumptions.assumeFalse(proposed.isEmpty(), "no /work/shared/uapi here");
        assertEquals(proposed.get("IORING_SETUP_BPF_EXT"), Capabilities.SETUP_BPF_EXT);
        assertEquals(proposed.get("IORING_FEAT_BPF"), Capabilities.FEAT_BPF);
        Map<String, Long> constants = tsv(Path.of("/work/shared/uapi/constants.tsv"));
        for (var set : List.of(FlagSets.SETUP, FlagSets.FEATURES, FlagSets.REGISTER_OP, FlagSets.ENTER, FlagSets.ZCRX_CTRL_OP, FlagSets.ZCRX_REG)) {
            for (Flag f : set.flags()) {
                assertEquals(constants.get(f.cName()), f.value(), f.cName());
            }
        }
        assertEquals(constants.get("IORING_OP_NOP128"), 63L);
        assertEquals(constants.get("IORING_OP_URING_CMD128"), 64L);
        assertEquals(constants.get("IORING_OP_TIMEOUT"), 11L);
    }

    @Test
    void setupFlagsAgreeWithTheKernelsOwnListAndARawTrialRing() {
        RegisterQuery query = RegisterQuery.ofKernel();
        for (Flag f : FlagSets.SETUP.flags()) {
            Answer a = ask(f.cName());
            if (query.setupFlags().isPresent()) {
                boolean listed = (query.setupFlags().getAsLong() & f.value()) != 0;
                assertEquals(listed ? Answer.Presence.PRESENT : Answer.Presence.ABSENT, a.present(), f.cName() + ": " + a);
            }
            if (!Trials.queryOnly(f)) {
                long tried = f.value() | Trials.companions(f);
                boolean accepted;
                try {
                    TrialSetup.features(tried);
                    accepted = true;
                } catch (SyscallException e) {
                    accepted = false;
                }
                if (accepted) {
                    assertEquals(Answer.Presence.PRESENT, a.present(), f.cName() + " was accepted: " + a);
                }
            }
        }
    }

    @Test
    void featuresAreTheBitsATrialRingReports() throws SyscallException {
        long features = TrialSetup.features(0);
        for (Flag f : FlagSets.FEATURES.flags()) {
            assertEquals((features & f.value()) != 0, ask(f.cName()).present() == Answer.Presence.PRESENT, f.cName());
        }
        assertEquals((features & Capabilities.FEAT_BPF) != 0, ask("IORING_FEAT_BPF").present() == Answer.Presence.PRESENT);
    }

    @Test
    void opcodesAreWhatTheProbeSupports() throws SyscallException {
        OpcodeProbe probe = OpcodeProbe.ofKernel();
        for (Opcode op : Catalog.builtin().opcodes()) {
            assertEquals(probe.supports(op.number()), ask(op.cName()).present() == Answer.Presence.PRESENT, op.cName());
        }
        boolean mixed = ask("SQE_MIXED_OPS").present() == Answer.Presence.PRESENT;
        assertEquals(probe.supports(63) && probe.supports(64) && ask("IORING_SETUP_SQE_MIXED").present() == Answer.Presence.PRESENT, mixed);
    }

    @Test
    void registerOpcodesAndZcrxAreWhatTheQuerySays() {
        RegisterQuery query = RegisterQuery.ofKernel();
        Assumptions.assumeTrue(query.queryKnown(), "this kernel predates IORING_REGISTER_QUERY");
        for (Flag f : FlagSets.REGISTER_OP.flags()) {
            boolean known = Integer.compareUnsigned((int) f.value(), query.registerOpcodes().getAsInt()) < 0;
            assertEquals(known, ask(f.cName()).present() == Answer.Presence.PRESENT, f.cName());
        }
        boolean ctrl = ask("IORING_REGISTER_ZCRX_CTRL").present() == Answer.Presence.PRESENT;
        // a ZCRX_CTRL op is there only with ZCRX_CTRL itself
        for (String op : List.of("ZCRX_CTRL_FLUSH_RQ", "ZCRX_CTRL_EXPORT", "ZCRX_CTRL_ARM_EVENT")) {
            if (!ctrl) {
                assertEquals(Answer.Presence.ABSENT, ask(op).present(), op);
            }
        }
        Answer nodev = ask("ZCRX_REG_NODEV");
        if (query.zcrxRegisterFlags().isPresent()) {
            assertEquals((query.zcrxRegisterFlags().getAsLong() & 2) != 0, nodev.present() == Answer.Presence.PRESENT);
        } else {
            assertNotEquals(Answer.Presence.PRESENT, nodev.present(), nodev.toString());
        }
    }

    @Test
    void theImmediateArgTrialIsATimeoutThatEitherFiresOrIsRefused() {
        Answer a = ask("IORING_TIMEOUT_IMMEDIATE_ARG");
        assertNotEquals(Answer.Presence.UNKNOWN, a.present(), a.toString());
        assertEquals(a.present() == Answer.Presence.PRESENT ? "-62 ETIME" : "-22 EINVAL", a.detail());
    }

    @Test
    void theBtfReaderFindsTheKernelsOwnTypes() {
        Assumptions.assumeTrue(Files.isReadable(Btf.VMLINUX), "no BTF");
        Btf btf = Btf.kernel().orElseThrow();
        // io_kiocb and io_uring_sqe exist in every kernel with io_uring; REQ_F_LINK_BIT is bit 2 in all of them
        assertTrue(btf.struct("io_kiocb").orElseThrow().containsAll(List.of("opcode", "flags", "ctx")), btf.struct("io_kiocb").toString());
        assertTrue(btf.struct("io_uring_sqe").orElseThrow().contains("opcode"));
        assertEquals(2L, btf.enumerators().get("REQ_F_LINK_BIT"));
        Answer loop = ask("BPF_EVENT_LOOP");
        assertEquals(btf.struct("io_uring_bpf_ops").map(m -> m.contains("loop_step")).orElse(false),
                loop.present() == Answer.Presence.PRESENT);
    }

    @Test
    void everyCapabilityAnswersWithHowItAsked() {
        Map<Answer.Presence, Long> counts = Capabilities.all().stream().map(c -> c.ask(kernel))
                .peek(a -> assertFalse(a.how().isBlank(), a.toString()))
                .collect(Collectors.groupingBy(Answer::present, Collectors.counting()));
        assertTrue(counts.getOrDefault(Answer.Presence.PRESENT, 0L) > 100, counts.toString());
    }

    private static Map<String, Long> tsv(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return Map.of();
        }
        return Files.readAllLines(file).stream().skip(1).map(l -> l.split("\t")).filter(w -> w.length >= 2 && w[1].matches("\\d+"))
                .collect(Collectors.toMap(w -> w[0], w -> Long.parseUnsignedLong(w[1]), (a, b) -> a));
    }
}
