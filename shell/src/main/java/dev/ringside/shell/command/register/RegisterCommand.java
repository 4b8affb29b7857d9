package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.values.Errno;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.decoders.values.Values;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.ExpectationFailed;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.decoders.register.RegisterOpcode;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.register.RegisterCall;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.decoders.render.JsonRenderer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code register WHAT ...}: io_uring_register(2) on the current ring with an argument built from
 * session resources, shown decoded from the bytes passed, then the kernel's answer. Every register
 * opcode is reachable: the common ones by name, the rest as {@code register raw op=NAME arg=@buf nr=N}.
 */
public final class RegisterCommand implements Declared {
    private final Session session;

    public RegisterCommand(Session session) {
        this.session = session;
    }

    /** Its one name, without building its syntax (every kind's words); EveryCommandDeclaredTest: the same as the syntax's. */
    @Override
    public List<String> names() {
        return List.of("register");
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(RegisterKinds.syntax("register", "io_uring_register on the current ring; register alone lists every WHAT.", session)
                .note("expect=0|-EINVAL turns the kernel's answer into an expectation instead of an error."),
                args -> run(session, "register", Kinds.ALL, args.words())));
    }

    /** Builds the plan of one kind of registration. */
    @FunctionalInterface
    interface Builder {
        RegisterPlan build(RegisterContext ctx);
    }

    /** One kind: its usage line, the options it takes, its builder, and the register catalogue's opcodes it calls. */
    record Kind(String usage, List<String> options, Builder builder, List<RegisterOpcode> opcodes) {
        /** {@code register buffers b}: register fixed buffers (IORING_REGISTER_BUFFERS (0, 5.1), ...). */
        String summary() {
            if (opcodes.isEmpty()) {
                return "any register opcode by name or number, with bytes from a session buffer";
            }
            return opcodes.getFirst().summary() + " (" + String.join(", ", opcodes.stream().map(RegisterOpcode::withRelease).toList()) + ")";
        }
    }

    /** A kind calling the catalogue opcodes named {@code opcodes} (none: any, {@code raw}). */
    static Kind kind(List<String> opcodes, String usage, List<String> options, Builder builder) {
        return new Kind(usage, options, builder, opcodes.stream().map(RegisterOpcodes::named).toList());
    }

    /** Every kind by its word, made at the first register line or Tab, not with the console (a script without it needs none). */
    static final class Kinds {
        static final Map<String, Kind> ALL = kinds();
    }

    private static Map<String, Kind> kinds() {
        Map<String, Kind> k = new TreeMap<>();
        RegisterResources.add(k);
        RegisterPbuf.add(k);
        RegisterControl.add(k);
        RegisterZcrx.add(k);
        RegisterRings.add(k);
        RegisterRawBytes.add(k);
        return k;
    }

    static void run(Session session, String command, Map<String, Kind> kinds, List<String> words) {
        if (words == null || words.isEmpty()) {
            StringBuilder out = new StringBuilder(command + " WHAT: one of\n");
            kinds.forEach((name, kind) -> out.append("  ").append(command).append(' ').append(kind.usage()).append('\n')
                    .append("      ").append(kind.summary()).append('\n'));
            session.output().text(out.toString());
            return;
        }
        String what = words.getFirst();
        Kind kind = kinds.get(what.toLowerCase(java.util.Locale.ROOT));
        if (kind == null) {
            throw new ConsoleException(command + " has no '" + what + "'" + Values.suggestion(what, kinds.keySet())
                    + "; valid: " + String.join(", ", kinds.keySet()), what);
        }
        List<String> options = new ArrayList<>(kind.options());
        options.add("expect");
        NamedArgs args = NamedArgs.parse(command + " " + what, words.subList(1, words.size()), options);
        RingSession rs = session.currentRing();
        RegisterContext ctx = new RegisterContext(session, rs, args, command + " " + kind.usage());
        RegisterPlan plan = kind.builder().build(ctx);
        call(session, rs, plan, args.option("expect"));
    }

    /** One io_uring_register call as --json shows it: the argument bytes passed and, if changed, as the kernel left them, each decoded. */
    record RegisterView(String ring, String opcode, long number, long nrArgs, String arg, long result, String errno,
                        String cause, String writtenBack, List<JsonNode> argStructs, List<JsonNode> writtenBackStructs) {
    }

    /** The argument decoded as the register catalogue declares it; null for bytes the user wrote (raw) or none. */
    private static List<JsonNode> structs(Session session, RegisterPlan plan, byte[] bytes) {
        if (plan.argument().raw() || (bytes.length == 0 && plan.argument().pointed().isEmpty())) {
            return null;
        }
        return RegisterViews.decode(session, plan.argument(), bytes).all().stream().<JsonNode>map(JsonRenderer::tree).toList();
    }

    /** Makes the call (tracer journals it), shows it, and either hands the answer on or reports it. */
    static RegisterCall call(Session session, RingSession rs, RegisterPlan plan, java.util.Optional<Assignment> expect) {
        RegisterArgument argument = plan.argument();
        var note = dev.ringside.shell.export.RegisterReproducer.before(session, rs.name(), argument);
        RegisterCall call = plan.invoker().invoke(session.journal(), argument.blind() ? "" : rs.name(), rs.ring().fd(), argument);
        StringBuilder out = new StringBuilder("io_uring_register(" + (argument.blind() ? "-1 (no ring)" : rs.name() + " fd " + rs.ring().fd()) + ", "
                + call.opcodeName() + " (" + Integer.toUnsignedString(call.opcode()) + "), "
                + (call.argAddress() == 0 ? "NULL" : "0x" + Long.toHexString(call.argAddress()))
                + ", nr_args " + Integer.toUnsignedString(call.nrArgs()) + ")\n");
        out.append(RegisterViews.text(session, argument, call.argBefore()));
        out.append("  = ").append(call.failed() ? session.style().error(Errno.describeResult((int) call.result()))
                : Long.toString(call.result()));
        if (call.failed() && !call.cause().isEmpty()) {
            out.append(" - ").append(call.cause());
        }
        out.append('\n');
        if (call.failed()) {
            String missing = RegisterHints.missing(session, rs, call);
            if (!missing.isEmpty()) {
                out.append("  ").append(missing).append('\n');
            }
        } else if (call.wroteBack()) {
            out.append("  the kernel wrote back:\n").append(RegisterViews.text(session, argument, call.argAfter()));
        }
        java.util.HexFormat hex = java.util.HexFormat.of();
        session.output().result("register", new RegisterView(rs.name(), call.opcodeName(),
                Integer.toUnsignedLong(call.opcode()), Integer.toUnsignedLong(call.nrArgs()),
                hex.formatHex(call.argBefore()), call.result(),
                call.failed() ? Errno.of((int) -call.result()).map(Enum::name).orElse(null) : null,
                call.failed() && !call.cause().isEmpty() ? call.cause() : null,
                call.wroteBack() ? hex.formatHex(call.argAfter()) : null,
                session.output().json() ? structs(session, plan, call.argBefore()) : null,
                session.output().json() && call.wroteBack() ? structs(session, plan, call.argAfter()) : null),
                out.toString().stripTrailing());
        if (expect.isPresent()) {
            long wanted = expected(expect.get());
            if (wanted != call.result()) {
                note.after(session, call.result(), java.util.OptionalLong.of(wanted));
                throw new ExpectationFailed(call.opcodeName() + " = " + Errno.describeResult((int) wanted),
                        Errno.describeResult((int) call.result()));
            }
            session.expectationMet();
            plan.onAnswer().accept(call);
            note.after(session, call.result(), java.util.OptionalLong.of(wanted));
            return call;
        }
        plan.onAnswer().accept(call);
        note.after(session, call.result(), java.util.OptionalLong.empty());
        if (call.failed()) {
            throw new ConsoleException(call.opcodeName() + ": " + Errno.describeResult((int) call.result())
                    + (call.cause().isEmpty() ? "" : " - " + call.cause()));
        }
        return call;
    }

    private static long expected(Assignment a) {
        try {
            return Values.parseResult(a.value());
        } catch (ValueException e) {
            throw a.error("expect: " + e.getMessage());
        }
    }

    static String release() {
        return dev.ringside.tracer.probe.KernelRelease.running().text();
    }

    /** {@code (@b+8)} when an address lies in a session buffer. */
    static String bufferName(Session session, long address) {
        return session.resources().buffers().all().stream()
                .filter(b -> !b.isFreed() && address >= b.address(0) && address - b.address(0) < b.size())
                .map(b -> " (@" + b.name() + (address == b.address(0) ? "" : "+" + (address - b.address(0))) + ")")
                .findFirst().orElse("");
    }
}
