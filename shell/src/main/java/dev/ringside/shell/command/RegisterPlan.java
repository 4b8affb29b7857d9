package dev.ringside.shell.command;

import dev.ringside.tracer.register.RegisterCall;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One io_uring_register call ready to make: the opcode, the argument bytes built from session
 * resources, nr_args, how to show the argument (before the call and, for structs the kernel fills
 * in, after it), and what to do with the kernel's answer.
 */
record RegisterPlan(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view,
                    boolean kernelWritesBack, Consumer<RegisterCall> onAnswer) {
    RegisterPlan {
        arg = arg == null ? MemorySegment.NULL : arg;
        view = view == null ? m -> "" : view;
        onAnswer = onAnswer == null ? c -> { } : onAnswer;
    }

    static RegisterPlan of(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view) {
        return new RegisterPlan(opcode, arg, nr, view, false, null);
    }

    RegisterPlan writesBack() {
        return new RegisterPlan(opcode, arg, nr, view, true, onAnswer);
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
        Consumer<RegisterCall> first = onAnswer;
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, first.andThen(next));
    }
}
