package dev.ringside.shell.command.register;

import dev.ringside.shell.command.JsonOption;
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
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.register.RegisterCall;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.lang.foreign.MemorySegment;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.decoders.render.JsonRenderer;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code register WHAT ...}: io_uring_register(2) on the current ring with an argument built from
 * session resources, shown decoded from the bytes passed, then the kernel's answer. Every register
 * opcode is reachable: the common ones by name, the rest as {@code register raw op=NAME arg=@buf nr=N}.
 */
@Command(name = "register", description = {
    "io_uring_register on the current ring: register WHAT [ARGS] [expect=RES], e.g. register buffers b1 b2,",
    "register files $p.r $p.w, register pbuf_ring group=1 entries=8 size=64, register probe,",
    "register raw op=NAME|NUMBER [arg=@buf] [nr=N]. 'register' alone lists every WHAT.",
    "expect=0|-EINVAL turns the kernel's answer into an expectation instead of an error."})
public final class RegisterCommand implements Runnable, Declared {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "WHAT [ARGS]")
    List<String> words;

    @Mixin
    JsonOption json;

    public RegisterCommand(Session session) {
        this.session = session;
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(RegisterKinds.syntax("register", "io_uring_register on the current ring; register alone lists every WHAT.", session));
    }

    /** Builds the plan of one kind of registration. */
    @FunctionalInterface
    interface Builder {
        RegisterPlan build(RegisterContext ctx);
    }

    /** One kind: its usage line, the options it takes, its builder. */
    record Kind(String usage, List<String> options, Builder builder) {
    }

    static final Map<String, Kind> KINDS = kinds();

    private static Map<String, Kind> kinds() {
        Map<String, Kind> k = new TreeMap<>();
        RegisterResources.add(k);
        RegisterPbuf.add(k);
        RegisterSmallArgs.add(k);
        RegisterZcrx.add(k);
        RegisterRings.add(k);
        RegisterUnstructured.add(k);
        return k;
    }

    @Override
    public void run() {
        run(session, "register", KINDS, words);
    }

    static void run(Session session, String command, Map<String, Kind> kinds, List<String> words) {
        if (words == null || words.isEmpty()) {
            StringBuilder out = new StringBuilder(command + " WHAT: one of\n");
            kinds.forEach((name, kind) -> out.append("  ").append(command).append(' ').append(kind.usage()).append('\n'));
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

    /** One io_uring_register call as --json shows it: the argument bytes passed and, if changed, as the kernel left them. */
    record RegisterView(String ring, String opcode, long number, long nrArgs, String arg, long result, String errno,
                        String cause, String writtenBack, List<JsonNode> argStructs, List<JsonNode> writtenBackStructs) {
    }

    /** The argument decoded as the text shows it, when its view knows the uapi structs; null otherwise. */
    private static List<JsonNode> structs(RegisterPlan plan, MemorySegment bytes) {
        if (!(plan.view() instanceof ArgView view) || bytes.byteSize() == 0) {
            return null;
        }
        return view.decode(bytes).stream().<JsonNode>map(JsonRenderer::tree).toList();
    }

    /** Makes the call, shows it, journals it, and either hands the answer on or reports it. */
    static RegisterCall call(Session session, RingSession rs, RegisterPlan plan, java.util.Optional<Assignment> expect) {
        var note = dev.ringside.shell.export.RegisterJournal.before(session, rs.name(), plan.opcode(), plan.arg(), plan.nr());
        RegisterCall call = plan.invoker().invoke(plan.fd(rs.ring().fd()), plan.opcode(), plan.arg(), plan.nr());
        session.journal().record(new Event.Syscall(session.journal().now(), rs.name(), "io_uring_register",
                List.of((long) plan.opcode(), plan.arg().address(), (long) plan.nr()), call.result(), call.nanos()));
        StringBuilder out = new StringBuilder("io_uring_register(" + (plan.blind() ? "-1 (no ring)" : rs.name() + " fd " + rs.ring().fd()) + ", "
                + call.opcodeName() + " (" + Integer.toUnsignedString(plan.opcode()) + "), "
                + (plan.arg().address() == 0 ? "NULL" : "0x" + Long.toHexString(plan.arg().address()))
                + ", nr_args " + Integer.toUnsignedString(plan.nr()) + ")\n");
        if (plan.arg().byteSize() > 0) {
            out.append(plan.view().apply(MemorySegment.ofArray(call.argBefore())));
        }
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
        } else if (plan.kernelWritesBack() && plan.arg().byteSize() > 0
                && !java.util.Arrays.equals(call.argBefore(), plan.arg().toArray(ValueLayout.JAVA_BYTE))) {
            out.append("  the kernel wrote back:\n").append(plan.view().apply(plan.arg()));
        }
        byte[] after = plan.arg().toArray(ValueLayout.JAVA_BYTE);
        session.output().result("register", new RegisterView(rs.name(), call.opcodeName(),
                Integer.toUnsignedLong(plan.opcode()), Integer.toUnsignedLong(plan.nr()),
                java.util.HexFormat.of().formatHex(call.argBefore()), call.result(),
                call.failed() ? Errno.of((int) -call.result()).map(Enum::name).orElse(null) : null,
                call.failed() && !call.cause().isEmpty() ? call.cause() : null,
                java.util.Arrays.equals(call.argBefore(), after) ? null : java.util.HexFormat.of().formatHex(after),
                session.output().json() ? structs(plan, MemorySegment.ofArray(call.argBefore())) : null,
                session.output().json() && !java.util.Arrays.equals(call.argBefore(), after) ? structs(plan, plan.arg()) : null),
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
