package dev.ringside.shell.command.register;

import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;

import java.util.function.Consumer;

/**
 * One io_uring_register call ready to make: the argument tracer built from session resources
 * (opcode, memory, nr_args) and what to do with the kernel's answer.
 */
record RegisterPlan(RegisterArgument argument, Consumer<RegisterCall> onAnswer) {
    RegisterPlan {
        onAnswer = onAnswer == null ? c -> { } : onAnswer;
    }

    static RegisterPlan of(RegisterArgument argument) {
        return new RegisterPlan(argument, null);
    }

    /** Runs {@code next} when the kernel accepted the call. */
    RegisterPlan then(Consumer<RegisterCall> next) {
        return always(call -> {
            if (!call.failed()) {
                next.accept(call);
            }
        });
    }

    /** Runs {@code next} whatever the kernel answered: to release what a refused call would have owned. */
    RegisterPlan always(Consumer<RegisterCall> next) {
        return new RegisterPlan(argument, onAnswer.andThen(next));
    }
}
