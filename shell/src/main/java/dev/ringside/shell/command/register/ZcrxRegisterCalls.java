package dev.ringside.shell.command.register;

import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.RegisterCall;

import java.lang.foreign.GroupLayout;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The register path for the {@code zcrx} commands (shell.command.zcrx): one io_uring_register call
 * shown, journalled (so {@code record} and {@code export c} see it) and checked against expect= exactly
 * as {@code register} makes it; only the argument structs are built elsewhere.
 */
public final class ZcrxRegisterCalls {
    private ZcrxRegisterCalls() {
    }

    /** A struct the argument points to, shown after the argument itself. */
    public record Pointed(MemorySegment struct, GroupLayout layout) {
    }

    /**
     * io_uring_register(ring or -1, opcode, arg, nr); the kernel may write back into arg. {@code then} runs
     * when it accepted the call; {@code expect} turns the answer into an expectation.
     */
    public static RegisterCall call(Session session, RingSession rs, boolean blind, int opcode, MemorySegment arg, int nr, GroupLayout layout,
                                    List<Pointed> pointed, Optional<String> expect, Consumer<RegisterCall> then) {
        var argView = RegisterViews.struct(session.catalog(), layout);
        List<java.util.function.Function<MemorySegment, String>> shown = pointed.stream()
                .<java.util.function.Function<MemorySegment, String>>map(p -> {
                    var view = RegisterViews.struct(session.catalog(), p.layout());
                    return m -> view.apply(p.struct());
                }).toList();
        RegisterPlan plan = RegisterPlan.of(opcode, arg, nr, m -> argView.apply(m)
                + shown.stream().map(f -> f.apply(m)).reduce("", String::concat)).writesBack().then(then);
        if (blind) {
            plan = plan.withoutRing();
        }
        return RegisterCommand.call(session, rs, plan, expect.map(e -> new Assignment("expect", e, "expect=" + e)));
    }
}
