package dev.ringside.shell.command.register;

import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The register path for the {@code zcrx} commands (shell.command.zcrx): one io_uring_register call of
 * an argument tracer.register.ZcrxArgs built, shown, journaled (so {@code record} and {@code export c}
 * see it) and checked against expect= exactly as {@code register} makes it.
 */
public final class ZcrxRegisterCalls {
    private ZcrxRegisterCalls() {
    }

    /** io_uring_register on {@code rs}; {@code then} runs when the kernel accepted the call. */
    public static RegisterCall call(Session session, RingSession rs, RegisterArgument argument, Optional<String> expect,
                                    Consumer<RegisterCall> then) {
        return RegisterCommand.call(session, rs, RegisterPlan.of(argument).then(then),
                expect.map(e -> new Assignment("expect", e, "expect=" + e)));
    }
}
