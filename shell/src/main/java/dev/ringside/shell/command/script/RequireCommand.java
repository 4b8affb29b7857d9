package dev.ringside.shell.command.script;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Option;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.profile.Profile;
import dev.ringside.decoders.profile.Profiles;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.RequirementUnmet;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.probe.KernelRelease;
import dev.ringside.tracer.probe.OpcodeProbe;
import dev.ringside.tracer.probe.TrialSetup;
import dev.ringside.tracer.sys.SyscallException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code require op=MSG_RING setup=SQPOLL feature=NODROP kernel>=6.1 root}: asks the running system;
 * when it falls short, a script stops and is reported as skipped with the reason.
 */
public final class RequireCommand implements Declared {
    private static final Pattern KERNEL = Pattern.compile("kernel(>=|>|=|==|<|<=)(.+)");
    static final List<String> FORMS = List.of("op=OPCODE", "setup=FLAGS", "feature=FEATURES", "cap=NAME", "!cap=NAME", "kernel>=X.Y", "root");

    private final Session session;

    public RequireCommand(Session session) {
        this.session = session;
    }

    private static final ValueType CAPABILITY = new ValueType.Choices("NAME", s -> dev.ringside.tracer.caps.Capabilities.names());

    /** The words are checked one by one, in order, by check(): the options are listed for help and Tab. */
    static final Syntax SYNTAX = Syntax.of("require", "Check the running system, else skip the script, with the reason.")
            .with(Positional.many("root|kernel>=X.Y", new ValueType.Choices("REQUIREMENT", s -> List.of("root", "kernel>=")),
                    "root: effective uid 0; kernel>=6.1 (or >, =, <, <=): the running release"))
            .with(Option.of("op", ValueType.Name.OPCODE, "an opcode IORING_REGISTER_PROBE reports"),
                    Option.of("setup", new ValueType.Flags(FlagSets.SETUP.name()), "setup flags a trial io_uring_setup accepts"),
                    Option.of("feature", new ValueType.Flags(FlagSets.FEATURES.name()), "features io_uring_setup reports"),
                    Option.of("cap", CAPABILITY, "a capability of 'caps' present, by its own trial"),
                    Option.of("!cap", CAPABILITY, "a capability of 'caps' absent"))
            .optionsAsTyped();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        if (args.words().isEmpty()) {
            throw new ConsoleException("require needs a requirement; " + SYNTAX.usage());
        }
        for (String word : args.words()) {
            check(word);
        }
        session.out().println(session.style().ok("ok") + " require " + String.join(" ", args.words()));
    }

    private void check(String word) {
        Matcher kernel = KERNEL.matcher(word);
        if (kernel.matches()) {
            requireKernel(word, kernel.group(1), kernel.group(2));
            return;
        }
        if (word.equals("root")) {
            if (effectiveUid() != 0) {
                throw new RequirementUnmet("needs root (effective uid is " + effectiveUid() + ")");
            }
            return;
        }
        if (word.startsWith("cap=") || word.startsWith("!cap=")) {
            CapabilityRequirement.check(word);
            return;
        }
        int eq = word.indexOf('=');
        String name = eq < 0 ? word : word.substring(0, eq);
        String value = eq < 0 ? "" : word.substring(eq + 1);
        try {
            switch (name) {
                case "op", "opcode" -> requireOpcode(opcodeOrSkip(value));
                case "setup" -> requireSetup(setupFlags().parse(value));
                case "feature", "features" -> requireFeatures(features().parse(value));
                default -> throw new ConsoleException("unknown requirement '" + word + "'; valid: " + String.join(", ", FORMS), word);
            }
        } catch (ValueException e) {
            throw new ConsoleException(e.getMessage(), word);
        }
    }

    private static void requireKernel(String word, String op, String wanted) {
        KernelRelease want;
        try {
            want = KernelRelease.parse(wanted);
        } catch (IllegalArgumentException e) {
            throw new ConsoleException(e.getMessage(), word);
        }
        KernelRelease running = KernelRelease.running();
        int c = running.compareTo(want);
        boolean met = switch (op) {
            case ">=" -> c >= 0;
            case ">" -> c > 0;
            case "<=" -> c <= 0;
            case "<" -> c < 0;
            default -> c == 0;
        };
        if (!met) {
            throw new RequirementUnmet("needs kernel " + op + wanted + ", running " + running);
        }
    }

    /**
     * The opcode by name; one that only a built-in profile declares (BPF of bpf-ext) skips the script
     * with that reason, since the script cannot even name it until the profile is loaded.
     */
    private Opcode opcodeOrSkip(String name) {
        try {
            return session.catalog().opcode(name);
        } catch (ValueException unknown) {
            String bare = name.trim().toUpperCase(java.util.Locale.ROOT).replaceFirst("^IORING_OP_", "");
            for (String profile : Profiles.BUILTIN) {
                Profile p;
                try {
                    p = Profiles.builtin(profile, java.util.Map.of(), session.catalog());
                } catch (ValueException clash) {
                    continue; // it cannot load beside what is loaded, so it is not the answer here
                }
                if (p.opcodes().stream().anyMatch(op -> op.name().equals(bare))) {
                    throw new RequirementUnmet(bare + " is an opcode of the profile " + profile + " (" + p.series()
                            + "), which is not loaded: 'profile load " + profile + "' before the require");
                }
            }
            throw unknown;
        }
    }

    private void requireOpcode(Opcode op) {
        OpcodeProbe probe;
        try {
            probe = OpcodeProbe.ofKernel();
        } catch (SyscallException e) {
            throw new RequirementUnmet("cannot probe opcodes (" + e.getMessage() + "), so " + op.name() + " is unknown");
        }
        if (!probe.supports(op.number())) {
            throw new RequirementUnmet("this kernel (" + KernelRelease.running() + ") does not support " + op.cName()
                    + " (opcode " + op.number() + "; IORING_REGISTER_PROBE reports last_op " + probe.lastOp() + ")");
        }
    }

    private void requireSetup(long flags) {
        try {
            TrialSetup.features(flags);
        } catch (SyscallException e) {
            throw new RequirementUnmet("this kernel refuses setup flags " + setupFlags().format(flags) + ": " + e.getMessage());
        }
    }

    private void requireFeatures(long wanted) {
        long features;
        try {
            features = TrialSetup.features(0);
        } catch (SyscallException e) {
            throw new RequirementUnmet("cannot create a ring to read its features: " + e.getMessage());
        }
        long missing = wanted & ~features;
        if (missing != 0) {
            throw new RequirementUnmet("this kernel (" + KernelRelease.running() + ") lacks feature "
                    + features().format(missing));
        }
    }

    /** The effective uid, from the second field of the Uid: line of /proc/self/status. */
    private static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ConsoleException("cannot read the effective uid from /proc/self/status: " + e.getMessage());
        }
        throw new ConsoleException("/proc/self/status has no Uid: line");
    }

    /** Setup flags and features as the session's catalogue knows them: a loaded profile adds some. */
    private dev.ringside.decoders.flags.FlagSet setupFlags() {
        return session.catalog().flagSet(FlagSets.SETUP.name());
    }

    private dev.ringside.decoders.flags.FlagSet features() {
        return session.catalog().flagSet(FlagSets.FEATURES.name());
    }
}
