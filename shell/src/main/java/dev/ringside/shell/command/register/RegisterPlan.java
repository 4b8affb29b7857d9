package dev.ringside.shell.command.register;

import dev.ringside.tracer.register.RegisterCall;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One io_uring_register call ready to make: the opcode, the argument bytes built from session
 * resources, nr_args, how to show the argument (before the call and, for structs the kernel fills
 * in, after it), and what to do with the kernel's answer. A blind plan goes to fd -1, to no ring
 * (IORING_REGISTER_SEND_MSG_RING).
 */
record RegisterPlan(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view,
                    boolean kernelWritesBack, Consumer<RegisterCall> onAnswer, boolean blind) {
    RegisterPlan(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view,
                 boolean kernelWritesBack, Consumer<RegisterCall> onAnswer) {
        this(opcode, arg, nr, view, kernelWritesBack, onAnswer, false);
    }

    RegisterPlan {
        arg = arg == null ? MemorySegment.NULL : arg;
        view = view == null ? m -> "" : view;
        onAnswer = onAnswer == null ? c -> { } : onAnswer;
    }

    static RegisterPlan of(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view) {
        return new RegisterPlan(opcode, arg, nr, view, false, null);
    }

    RegisterPlan writesBack() {
        return new RegisterPlan(opcode, arg, nr, view, true, onAnswer, blind);
    }

    /** The call goes to fd -1: the opcode needs no ring. */
    RegisterPlan withoutRing() {
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, onAnswer, true);
    }

    /** The fd the call goes to. */
    int fd(int ringFd) {
        return blind ? -1 : ringFd;
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
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, first.andThen(next), blind);
    }
}
