package dev.ringside.shell.command.caps;

import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.RegisterOp;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.KernelTrials;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.probe.KernelRelease;
import dev.ringside.tracer.probe.OpcodeProbe;
import dev.ringside.tracer.sys.SyscallException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code probe}: IORING_REGISTER_PROBE asked of the running kernel, set against the catalogue:
 * which known opcodes this kernel lacks, and which opcodes it has that the catalogue does not know.
 */
public final class ProbeCommand implements Declared {
    private final Session session;

    static final Syntax SYNTAX = Syntax.of("probe", "Ask the kernel which opcodes it supports (IORING_REGISTER_PROBE) and compare with the catalogue.")
            .with(Positional.optional("MODE", new ValueType.Words("all", "diff"), "all (default) or diff: only the differences"))
            .note("Uses the current ring, or a throwaway one when none exists.").withJson();

    /** The summary line as --json shows it; unknown lists opcodes the kernel has and the catalogue lacks. */
    record ProbeView(String kernel, int lastOp, long supported, int known, List<Integer> unknown) {
    }

    /** One catalogue opcode as --json shows it. */
    record OpcodeView(int number, String name, String since, boolean supported) {
    }

    public ProbeCommand(Session session) {
        this.session = session;
    }

    private void run(Args args) {
        String mode = args.positionalValues().isEmpty() ? "all" : (String) args.positionalValues().getFirst();
        OpcodeProbe probe = probe();
        List<Opcode> known = session.catalog().opcodes();
        long supported = known.stream().filter(op -> probe.supports(op.number())).count();
        List<Integer> unknownNumbers = probe.supported().stream().filter(n -> session.catalog().opcode(n).isEmpty()).boxed().toList();
        session.output().result("probe", new ProbeView(release(), probe.lastOp(), supported, known.size(), unknownNumbers),
                "kernel " + release() + ": last_op " + probe.lastOp() + ", " + supported + " of "
                + known.size() + " catalogue opcodes supported");
        for (Opcode op : known) {
            boolean yes = probe.supports(op.number());
            if (yes && mode.equals("diff")) {
                continue;
            }
            String status = yes ? "supported"
                    : op.number() > probe.lastOp() ? "NOT on this kernel (newer than its last_op " + probe.lastOp() + ")"
                    : "NOT on this kernel";
            session.output().result("opcode", new OpcodeView(op.number(), op.name(), op.since(), yes),
                    String.format("  %3d  %-20s %-8s %s", op.number(), op.name(), op.since(),
                    yes ? status : session.style().error(status)));
        }
        List<String> unknown = new ArrayList<>();
        probe.supported().stream().filter(n -> session.catalog().opcode(n).isEmpty())
                .forEach(n -> unknown.add(n + " (OP_" + n + ")"));
        if (!unknown.isEmpty()) {
            session.output().text("supported by the kernel but not in the catalogue: " + String.join(", ", unknown));
        } else if (mode.equals("diff") && supported == known.size()) {
            session.output().text("  no differences: the kernel supports every catalogue opcode and no other");
        }
    }

    private OpcodeProbe probe() {
        try {
            return session.currentName().isPresent()
                    ? OpcodeProbe.of(session.journal(), session.currentRing().name(), session.currentRing().ring().fd())
                    : OpcodeProbe.ofKernel();
        } catch (SyscallException e) {
            // only a trial may say PROBE is missing: the query's count of register opcodes, where the kernel has it
            boolean unknown = e.errno() == Errno.EINVAL.number()
                    && KernelTrials.query(session).knows((int) RegisterOp.PROBE.value()).orElse(1) == 0;
            String missing = unknown ? "; this kernel does not know IORING_REGISTER_PROBE (a trial IORING_REGISTER_QUERY says so)" : "";
            throw new ConsoleException(e.getMessage() + missing);
        }
    }

    private static String release() {
        return KernelRelease.running().text();
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }
}
