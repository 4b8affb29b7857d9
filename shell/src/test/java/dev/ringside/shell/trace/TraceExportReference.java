package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ringside.decoders.values.Errno;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exporter as it was before it streamed (dev.ringside.shell.trace.TraceExport at f83b220), kept as the
 * tests' reference: the whole timeline in memory, one tree per trace event, sorted by time. The streamed
 * exporter must write the same set of events.
 */
final class TraceExportReference {
    /** The async slices' category: with its id it names a request's track. */
    static final String REQUEST = "request";
    static final String FLOW = "flow";
    /** A ring's process id: far from the small numbers the console's thread uses within it. */
    private static final int FIRST_PID = 1000;
    /** A kernel thread's event shown as a slice of at most 1 us, so a flow arrow has something to bind to. */
    private static final long KERNEL_SLICE_NS = 1_000;

    private TraceExportReference() {
    }

    /** Writes the file; returns the line saying what is in it. @throws IllegalArgumentException when it cannot be written */
    public static String write(Timeline timeline, Path file) {
        ObjectNode trace = build(timeline);
        // streamed through a buffer: the text of a million events is never one String in memory
        ObjectMapper json = new ObjectMapper();
        try (java.io.Writer text = Files.newBufferedWriter(file);
             com.fasterxml.jackson.core.JsonGenerator generator = json.createGenerator(text)) {
            json.writeTree(generator, trace);
            generator.flush();
            text.write('\n');
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write " + file + ": " + e.getMessage());
        }
        int requests = timeline.rings().stream().mapToInt(r -> r.requests().size()).sum();
        return "wrote " + file + ": " + timeline.rings().size() + " ring(s), " + requests + " request(s), "
                + trace.path("traceEvents").size() + " trace events; open it in https://ui.perfetto.dev";
    }

    /** The whole trace, events sorted by time (so every track's timestamps only grow). */
    public static ObjectNode build(Timeline timeline) {
        ObjectMapper json = new ObjectMapper();
        List<ObjectNode> events = new ArrayList<>();
        List<ObjectNode> metadata = new ArrayList<>();
        long origin = timeline.first();
        long end = timeline.last();
        int pid = FIRST_PID;
        long nextId = 1;
        for (Timeline.Ring ring : timeline.rings()) {
            Ring out = new Ring(json, pid++, origin, events);
            metadata.add(out.meta("process_name", out.console, "ring " + ring.name + " (" + ring.session + ")"));
            metadata.add(out.meta("thread_name", out.console, "console"));
            Map<Integer, String> workers = new LinkedHashMap<>();
            for (Timeline.Submit submit : ring.submits()) {
                // encloses the enter that submitted, so a request's flow arrow starts on a slice
                ObjectNode x = out.event("X", "submit", "submit", submit.start(), out.console);
                x.put("dur", micros(submit.end() - submit.start()));
                x.putObject("args").put("submitted", submit.count());
            }
            for (Timeline.Enter enter : ring.enters()) {
                ObjectNode x = out.event("X", "enter", "io_uring_enter " + enter.reason().toLowerCase(), enter.start(), out.console);
                x.put("dur", micros(enter.nanos()));
                x.putObject("args").put("to_submit", enter.toSubmit()).put("min_complete", enter.minComplete())
                        .put("result", Errno.describeResult(enter.result()));
            }
            // a kernel thread's slices end at its next event at the latest: slices on one track must not overlap
            Map<Integer, List<Long>> threadTimes = new HashMap<>();
            for (Timeline.Request r : ring.requests()) {
                r.kernel().stream().filter(Timeline.Kernel::byKernelThread)
                        .forEach(k -> threadTimes.computeIfAbsent(k.tid(), t -> new ArrayList<>()).add(k.at()));
            }
            ring.unclaimed().stream().filter(Timeline.Kernel::byKernelThread)
                    .forEach(k -> threadTimes.computeIfAbsent(k.tid(), t -> new ArrayList<>()).add(k.at()));
            threadTimes.values().forEach(list -> list.sort(Comparator.naturalOrder()));
            for (Timeline.Request r : ring.requests()) {
                String id = "0x" + Long.toHexString(nextId++);
                long start = r.submitted();
                for (Timeline.Kernel k : r.kernel()) {
                    start = Math.min(start, k.at()); // the kernel's clock and ours agree; never start after its first event
                }
                long stop = r.end(end);
                ObjectNode begin = out.event("b", REQUEST, r.label(), start, out.console);
                begin.put("id", id);
                begin.putObject("args").put("opcode", r.opcode).put("user_data", Long.toUnsignedString(r.userData))
                        .put("ring", ring.name);
                List<Timeline.Kernel> onThreads = new ArrayList<>();
                for (Timeline.Kernel k : r.kernel()) {
                    ObjectNode n = out.event("n", REQUEST, r.label(), Math.min(k.at(), stop), out.console);
                    n.put("id", id);
                    kernelArgs(n.putObject("args").put("kernel", k.name()), k);
                    if (k.byKernelThread()) {
                        workers.putIfAbsent(k.tid(), k.comm());
                        out.kernelSlice(k, sliceLength(threadTimes.get(k.tid()), k.at()), r.label());
                        onThreads.add(k);
                    }
                }
                ObjectNode e = out.event("e", REQUEST, r.label(), stop, out.console);
                e.put("id", id);
                ObjectNode args = e.putObject("args");
                if (!r.cqes().isEmpty()) {
                    Timeline.Cqe last = r.cqes().getLast();
                    args.put("res", Errno.describeResult(last.res())).put("cqes", r.cqes().size());
                }
                if (!r.finished()) {
                    args.put("unfinished", r.cqes().isEmpty() ? "no CQE reaped" : "its last CQE had F_MORE");
                }
                for (Timeline.Cqe cqe : r.cqes()) {
                    ObjectNode i = out.event("i", "reap", "reaped " + r.label(), cqe.at(), out.console);
                    i.put("s", "t");
                    i.putObject("args").put("res", Errno.describeResult(cqe.res())).put("flags", cqe.flags())
                            .put("kernel_to_reap_us", r.completed() >= 0 ? micros(cqe.at() - r.completed()) : null);
                }
                if (!onThreads.isEmpty()) {
                    out.flow(id, r, onThreads, r.submitted());
                }
            }
            for (Timeline.Kernel k : ring.unclaimed()) {
                if (k.byKernelThread()) {
                    workers.putIfAbsent(k.tid(), k.comm());
                    out.kernelSlice(k, sliceLength(threadTimes.get(k.tid()), k.at()), "");
                } else {
                    ObjectNode i = out.event("i", "kernel", "kernel " + k.name(), k.at(), out.console);
                    i.put("s", "t");
                    kernelArgs(i.putObject("args"), k);
                }
            }
            for (Timeline.Cqe stray : ring.strays()) {
                ObjectNode i = out.event("i", "reap", "reaped user_data=" + Long.toUnsignedString(stray.userData())
                        + " (no SQE of this ring)", stray.at(), out.console);
                i.put("s", "t");
                i.putObject("args").put("res", Errno.describeResult(stray.res())).put("flags", stray.flags());
            }
            workers.forEach((tid, comm) -> metadata.add(out.meta("thread_name", tid, comm
                    + (comm.startsWith("iou-sqp") ? " (SQPOLL thread)" : comm.startsWith("iou-wrk") ? " (io-wq worker)" : ""))));
        }
        // stable: at equal times an async slice's "b" stays before its "n" and "e"
        events.sort(Comparator.comparingDouble(n -> n.path("ts").asDouble()));
        ObjectNode trace = json.createObjectNode();
        ArrayNode list = trace.putArray("traceEvents");
        metadata.forEach(list::add);
        events.forEach(list::add);
        trace.put("displayTimeUnit", "ns");
        trace.putObject("otherData").put("producer", "ringside trace export")
                .put("clock", "CLOCK_MONOTONIC, ts in us from the journal's first event");
        return trace;
    }

    /** Up to 1 us, and never past the next event of the same thread. */
    private static long sliceLength(List<Long> times, long at) {
        long length = KERNEL_SLICE_NS;
        for (long t : times) {
            if (t > at) {
                length = Math.min(length, t - at);
                break;
            }
        }
        return length;
    }

    private static void kernelArgs(ObjectNode args, Timeline.Kernel k) {
        k.fields().forEach((key, value) -> {
            if (!key.equals("ctx")) {
                args.put(key, value);
            }
        });
        if (!k.note().isEmpty()) {
            args.put("decoded", k.note());
        }
        args.put("thread", k.comm() + "-" + k.tid());
    }

    /** Microseconds, as the format wants them, with ns kept as the fraction. */
    static double micros(long nanos) {
        return nanos / 1000.0;
    }

    /** The events of one ring's process. */
    private static final class Ring {
        final ObjectMapper json;
        final int pid;
        /** The console's thread within this ring's process. */
        final int console;
        final long origin;
        final List<ObjectNode> events;

        Ring(ObjectMapper json, int pid, long origin, List<ObjectNode> events) {
            this.json = json;
            this.pid = pid;
            this.console = pid;
            this.origin = origin;
            this.events = events;
        }

        ObjectNode event(String ph, String cat, String name, long at, int tid) {
            ObjectNode e = json.createObjectNode();
            e.put("ph", ph).put("cat", cat).put("name", name).put("ts", micros(at - origin)).put("pid", pid).put("tid", tid);
            events.add(e);
            return e;
        }

        ObjectNode meta(String what, int tid, String name) {
            ObjectNode e = json.createObjectNode();
            e.put("ph", "M").put("name", what).put("ts", 0).put("pid", pid).put("tid", tid);
            e.putObject("args").put("name", name);
            return e;
        }

        void kernelSlice(Timeline.Kernel k, long nanos, String request) {
            ObjectNode x = event("X", "kernel", k.name(), k.at(), k.tid());
            x.put("dur", micros(nanos));
            ObjectNode args = x.putObject("args");
            if (!request.isEmpty()) {
                args.put("request", request);
            }
            kernelArgs(args, k);
        }

        /** submit (console thread) -> each kernel-thread event -> the last of them, bound to their enclosing slices. */
        void flow(String id, Timeline.Request r, List<Timeline.Kernel> steps, long start) {
            ObjectNode s = event("s", FLOW, r.label(), start, console);
            s.put("id", id);
            for (int i = 0; i < steps.size(); i++) {
                Timeline.Kernel k = steps.get(i);
                ObjectNode step = event(i == steps.size() - 1 ? "f" : "t", FLOW, r.label(), k.at(), k.tid());
                step.put("id", id);
                if (i == steps.size() - 1) {
                    step.put("bp", "e");
                }
            }
        }
    }
}
