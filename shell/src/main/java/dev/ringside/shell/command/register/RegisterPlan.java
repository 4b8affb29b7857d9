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
                    boolean kernelWritesBack, Consumer<RegisterCall> onAnswer, boolean blind, Invoker invoker) {
    /** How the call is made: once ({@link RegisterCall#invoke}), or in slices that Ctrl-C can stop (sync_cancel). */
    @FunctionalInterface
    interface Invoker {
        RegisterCall invoke(int fd, int opcode, MemorySegment arg, int nr);
    }

    RegisterPlan(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view,
                 boolean kernelWritesBack, Consumer<RegisterCall> onAnswer) {
        this(opcode, arg, nr, view, kernelWritesBack, onAnswer, false, RegisterCall::invoke);
    }

    RegisterPlan {
        arg = arg == null ? MemorySegment.NULL : arg;
        view = view == null ? m -> "" : view;
        onAnswer = onAnswer == null ? c -> { } : onAnswer;
        invoker = invoker == null ? RegisterCall::invoke : invoker;
    }

    static RegisterPlan of(int opcode, MemorySegment arg, int nr, Function<MemorySegment, String> view) {
        return new RegisterPlan(opcode, arg, nr, view, false, null);
    }

    RegisterPlan writesBack() {
        return new RegisterPlan(opcode, arg, nr, view, true, onAnswer, blind, invoker);
    }

    /** The call goes to fd -1: the opcode needs no ring. */
    RegisterPlan withoutRing() {
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, onAnswer, true, invoker);
    }

    /** The same call made by {@code how}. */
    RegisterPlan invokedBy(Invoker how) {
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, onAnswer, blind, how);
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
        return new RegisterPlan(opcode, arg, nr, view, kernelWritesBack, first.andThen(next), blind, invoker);
    }
}
