package dev.ringside.shell.command.register;

import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.register.RegisterArgument;
import dev.ringside.tracer.register.RegisterCall;

import java.util.function.Consumer;

/**
 * One io_uring_register call ready to make: the argument tracer built from session resources
 * (opcode, memory, nr_args), what to do with the kernel's answer, and how tracer makes the call
 * (once, or sync_cancel's slices that Ctrl-C can stop).
 */
record RegisterPlan(RegisterArgument argument, Consumer<RegisterCall> onAnswer, Invoker invoker) {
    /** How tracer makes and journals the call: {@link RegisterCall#invoke(Journal, String, int, RegisterArgument)} or one like it. */
    @FunctionalInterface
    interface Invoker {
        RegisterCall invoke(Journal journal, String ring, int ringFd, RegisterArgument argument);
    }

    RegisterPlan {
        onAnswer = onAnswer == null ? c -> { } : onAnswer;
        invoker = invoker == null ? RegisterCall::invoke : invoker;
    }

    RegisterPlan(RegisterArgument argument, Consumer<RegisterCall> onAnswer) {
        this(argument, onAnswer, null);
    }

    static RegisterPlan of(RegisterArgument argument) {
        return new RegisterPlan(argument, null);
    }

    /** The same call made by {@code how}. */
    RegisterPlan invokedBy(Invoker how) {
        return new RegisterPlan(argument, onAnswer, how);
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
        return new RegisterPlan(argument, onAnswer.andThen(next), invoker);
    }
}
