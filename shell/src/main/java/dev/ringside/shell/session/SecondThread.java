package dev.ringside.shell.session;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * A second OS thread of {@code thread NAME after=D ACTION}: it sleeps D, then makes its one call with
 * what it was given when declared (an fd number and bytes, or a ring fd and a count) and nothing else
 * of the session, which stays single-threaded; its answer is read on the main thread at join.
 */
public final class SecondThread {
    private final String name;
    private final String describe;
    /** The console fd it writes to ("" for a submit): closing it first would hand the thread a dead or reused number. */
    private final String fd;
    private final CompletableFuture<Long> answer = new CompletableFuture<>();
    private final Thread thread;

    /** Starts the thread; {@code call} returns the result or -errno and must touch no session state. */
    public SecondThread(String name, String describe, String fd, long delayNanos, LongSupplier call) {
        this.name = name;
        this.describe = describe;
        this.fd = fd;
        this.thread = Thread.ofPlatform().name("ringside-" + name).daemon().start(() -> {
            try {
                if (delayNanos > 0) {
                    Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
                }
                answer.complete(call.getAsLong());
            } catch (Throwable t) {
                answer.completeExceptionally(t);
            }
        });
    }

    public String name() {
        return name;
    }

    public String fd() {
        return fd;
    }

    /** Whether its call has not returned yet. */
    public boolean running() {
        return !answer.isDone();
    }

    public String describe() {
        return describe;
    }

    /** The call's result (or -errno), empty when it has not ended within the timeout. */
    public java.util.OptionalLong join(long timeoutNanos) {
        try {
            long result = answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
            thread.join();
            return java.util.OptionalLong.of(result);
        } catch (TimeoutException e) {
            return java.util.OptionalLong.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("thread " + name + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.OptionalLong.empty();
        }
    }

    /** At the session's end: wait for it (bounded; a call blocked past that is left to the daemon thread). */
    void awaitEnd(long timeoutNanos) {
        try {
            answer.get(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // its answer no longer matters; the rings close after this
        }
    }
}
