package dev.ringside.shell.trace;

import dev.ringside.decoders.values.Errno;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code trace export FILE.json}: a journal as Chrome Trace Event JSON (the JSON Object Format), which
 * the Perfetto UI and chrome://tracing open. A process per ring; on it the console's thread, with each
 * io_uring_enter as a complete ("X") slice and each reap as an instant; one nestable async slice
 * ("b"/"e", id unique in the file) per request from submission to the kernel's completion, its kernel
 * events as async instants ("n") on it; io-wq and SQPOLL threads as tracks of their own, their events
 * tiny slices, joined by flow arrows ("s"/"t"/"f") from the submit to the worker to the completion.
 * <p>
 * Streamed: the journal is read once ({@link Timeline#stream}) and each event written as soon as it is
 * known (a request's when it ends), through a window of {@link #WINDOW} events that puts them in time
 * order; memory follows the requests in flight, not the journal's length.
 */
public final class TraceExport {
    /** The async slices' category: with its id it names a request's track. */
    static final String REQUEST = "request";
    static final String FLOW = "flow";
    /** A ring's process id: far from the small numbers the console's thread uses within it. */
    private static final int FIRST_PID = 1000;
    /** A kernel thread's event shown as a slice of at most 1 us, so a flow arrow has something to bind to. */
    private static final long KERNEL_SLICE_NS = 1_000;
    /**
     * How many written events wait to be put in time order: a request's events are made when it ends, an
     * enter's when it returns. In order (by time, then ring, then kind and place) when none waits longer.
     */
    static final int WINDOW = 1 << 16;

    private TraceExport() {
    }

    /** {@code ringside trace export JOURNAL.jsonl OUT.json}: 0 when written, 2 when a file cannot be read or written. */
    public static int cli(List<String> args, PrintWriter out) {
        if (args.size() != 2 || args.getFirst().startsWith("-")) {
            out.println("usage: ringside trace export JOURNAL.jsonl OUT.json");
            return 2;
        }
        try {
            out.println(write(Path.of(args.get(0)), Path.of(args.get(1))));
        } catch (IllegalArgumentException e) {
            out.println("ringside trace export: " + e.getMessage());
            return 2;
        }
        return 0;
    }

    /** A journal file exported; returns the line saying what is in it. @throws IllegalArgumentException when a file cannot be read or written */
    public static String write(Path journal, Path file) {
        if (!Files.exists(journal)) {
            throw new IllegalArgumentException("no file " + journal);
        }
        return export(file, sink -> Timeline.stream(journal, sink));
    }

    /** A live session's journal exported (the whole session, from its store). */
    public static String write(dev.ringside.tracer.journal.Journal journal, String label, Path file) {
        return export(file, sink -> Timeline.stream(journal, label, sink));
    }

    private static String export(Path file, Consumer<Timeline.Sink> read) {
        Writer writer;
        try (OutputStream out = Files.newOutputStream(file)) { // the writer buffers
            writer = new Writer(out);
            try {
                read.accept(writer);
            } catch (IllegalArgumentException e) {
                out.close();
                Files.deleteIfExists(file); // no half a trace
                throw e;
            }
        } catch (IOException | UncheckedIOException e) {
            String message = e instanceof UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
            throw new IllegalArgumentException("cannot write " + file + ": " + message);
        }
        return "wrote " + file + ": " + writer.rings + " ring(s), " + writer.requests + " request(s), "
                + writer.events + " trace events; open it in https://ui.perfetto.dev";
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final byte[] OPEN = ascii("{\"traceEvents\":[");
    private static final byte[] CLOSE = ascii("],\"displayTimeUnit\":\"ns\",\"otherData\":{\"producer\":\"ringside trace export\","
            + "\"clock\":\"CLOCK_MONOTONIC, ts in us from the journal's first event\"}}\n");
    private static final byte[] TS = ascii(",\"ts\":");
    private static final byte[] PID = ascii(",\"pid\":");
    private static final byte[] TID = ascii(",\"tid\":");
    private static final byte[] DUR = ascii(",\"dur\":");
    private static final byte[] ID = ascii(",\"id\":");
    private static final byte[] INSTANT = ascii(",\"s\":\"t\"");
    private static final byte[] ARGS = ascii(",\"args\":{");
    private static final byte[] X_SUBMIT = ascii("{\"ph\":\"X\",\"cat\":\"submit\",\"name\":\"submit\"");
    private static final byte[] X_ENTER = ascii("{\"ph\":\"X\",\"cat\":\"enter\",\"name\":\"io_uring_enter ");
    private static final byte[] I_REAP = ascii("{\"ph\":\"i\",\"cat\":\"reap\",\"name\":\"reaped ");
    private static final byte[] STRAY_NAME = ascii(" (no SQE of this ring)\"");
    /** What a stray reap's event starts with, up to its user_data; its instant's args up to its res. */
    private static final byte[] STRAY_START = ascii("{\"ph\":\"i\",\"cat\":\"reap\",\"name\":\"reaped user_data=");
    private static final byte[] INSTANT_RES = ascii(",\"s\":\"t\",\"args\":{\"res\":");
    private static final byte[] END_ARGS = ascii("}}");
    private static final byte[] SUBMITTED = ascii("\"submitted\":");
    private static final byte[] TO_SUBMIT = ascii("\"to_submit\":");
    private static final byte[] MIN_COMPLETE = ascii(",\"min_complete\":");
    private static final byte[] RESULT = ascii(",\"result\":");
    private static final byte[] RES = ascii("\"res\":");
    private static final byte[] FLAGS = ascii(",\"flags\":");
    private static final byte[] TO_REAP = ascii(",\"kernel_to_reap_us\":");

    /** What the kinds of a ring's events sort as at equal times: the order the whole-trace exporter made them in. */
    private static final int SUBMITS = 0;
    private static final int ENTERS = 1;
    private static final int REQUESTS = 2;
    private static final int UNCLAIMED = 3;
    private static final int STRAYS = 4;

    /** The timeline's events as trace events, written to {@code out} as they come. */
    private static final class Writer implements Timeline.Sink, InOrderBytes.Out {
        private final OutputStream out;
        /** What goes to {@code out} next: a buffer of our own, where a BufferedOutputStream takes a lock per write. */
        private final byte[] buffer = new byte[1 << 16];
        private int buffered;
        private final JsonBytes json = new JsonBytes();
        /** The events waiting; those that came in order have their text in {@link #inOrder}, the value {@link #IN_ORDER}. */
        private final ReorderWindow<byte[]> held = new ReorderWindow<>();
        private final InOrderBytes inOrder = new InOrderBytes();
        private long origin;
        int rings;
        long requests;
        long events;
        /** Per ring (by index): its io_uring threads named so far, and their slices waiting for their length. */
        private final Map<Integer, Map<Integer, String>> workers = new HashMap<>();
        private final Map<Long, List<Slice>> waiting = new LinkedHashMap<>();

        Writer(OutputStream out) {
            this.out = out;
            write(OPEN, 0, OPEN.length);
        }

        /** A kernel thread's event, its slice waiting for the thread's next event: slices on one track must not overlap. */
        private record Slice(Timeline.Ring ring, Timeline.Kernel kernel, String request, int kind, long index, int place) {
        }

        @Override
        public void write(byte[] bytes, int from, int length) {
            if (length > buffer.length - buffered) {
                flush();
                if (length > buffer.length) {
                    try {
                        out.write(bytes, from, length);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return;
                }
            }
            System.arraycopy(bytes, from, buffer, buffered, length);
            buffered += length;
        }

        private void flush() {
            try {
                out.write(buffer, 0, buffered);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            buffered = 0;
        }

        /** One event's text ({@link #IN_ORDER}: the oldest of {@link #inOrder}), after a comma when not the first. */
        private void event(byte[] text) {
            if (events++ > 0) {
                if (buffered == buffer.length) {
                    flush();
                }
                buffer[buffered++] = ',';
            }
            if (text == IN_ORDER) {
                inOrder.take(this);
            } else {
                write(text, 0, text.length);
            }
        }

        /** The value of a held event whose text waits in {@link #inOrder}. */
        private static final byte[] IN_ORDER = new byte[0];

        /** Made now, written in time order (ties as the whole-trace exporter sorted them). */
        private void add(long at, Timeline.Ring ring, int kind, long index, int place) {
            long order = (long) ring.index << 40 | (long) kind << 36 | index;
            if (held.late(at, order, place)) {
                held.add(at, order, place, json.toBytes());
            } else {
                inOrder.add(json);
                held.add(at, order, place, IN_ORDER);
            }
            if (held.size() > WINDOW) {
                event(held.poll());
            }
        }

        @Override
        public void start(long first) {
            origin = first;
        }

        @Override
        public void ring(Timeline.Ring ring) {
            rings++;
            meta(ring, "process_name", pid(ring), "ring " + ring.name + " (" + ring.session + ")");
            meta(ring, "thread_name", pid(ring), "console");
        }

        private void meta(Timeline.Ring ring, String what, int tid, String name) {
            json.clear().raw("{\"ph\":\"M\",\"name\":").string(what).raw(",\"ts\":0").raw(PID).number(pid(ring))
                    .raw(TID).number(tid).raw(",\"args\":{\"name\":").string(name).raw("}}");
            event(json.toBytes());
        }

        private static int pid(Timeline.Ring ring) {
            return FIRST_PID + ring.index;
        }

        /** The last result described, and its text: a journal repeats its results a million times. */
        private long lastResult = Long.MIN_VALUE;
        private String lastResultText = "";

        private String result(long res) {
            if (res != lastResult) {
                lastResult = res;
                lastResultText = Errno.describeResult(res);
                lastResultJson = null;
            }
            return lastResultText;
        }

        /** The last result's text as a JSON string, made once for the million events that repeat it. */
        private byte[] lastResultJson;

        private byte[] resultJson(long res) {
            String text = result(res);
            if (lastResultJson == null) {
                JsonBytes quoted = new JsonBytes().string(text);
                lastResultJson = quoted.toBytes();
            }
            return lastResultJson;
        }

        /** The last enter's reason, and its name in lower case as the event's name has it. */
        private String lastReason;
        private String lastReasonName;

        private String reasonName(String reason) {
            if (!reason.equals(lastReason)) {
                lastReason = reason;
                lastReasonName = reason.toLowerCase();
            }
            return lastReasonName;
        }

        /** {@code ,"pid":P,"tid":P} of each ring's console thread, by ring index: most events are on it. */
        private final List<byte[]> consoles = new ArrayList<>();

        /** {@code ,"ts":T,"pid":P,"tid":T} */
        private JsonBytes where(long at, Timeline.Ring ring, int tid) {
            json.raw(TS).micros(at - origin);
            if (tid != pid(ring)) {
                return json.raw(PID).number(pid(ring)).raw(TID).number(tid);
            }
            while (consoles.size() <= ring.index) {
                int pid = FIRST_PID + consoles.size();
                consoles.add(ascii(",\"pid\":" + pid + ",\"tid\":" + pid));
            }
            return json.raw(consoles.get(ring.index));
        }

        @Override
        public void submit(Timeline.Ring ring, Timeline.Submit submit, int index) {
            // encloses the enter that submitted, so a request's flow arrow starts on a slice
            json.clear().raw(X_SUBMIT);
            where(submit.start(), ring, pid(ring)).raw(DUR).micros(submit.end() - submit.start())
                    .raw(ARGS).raw(SUBMITTED).number(submit.count()).raw(END_ARGS);
            add(submit.start(), ring, SUBMITS, index, 0);
        }

        @Override
        public void enter(Timeline.Ring ring, Timeline.Enter enter, int index) {
            json.clear().raw(X_ENTER).inString(reasonName(enter.reason())).raw('"');
            where(enter.start(), ring, pid(ring)).raw(DUR).micros(enter.nanos()).raw(ARGS).raw(TO_SUBMIT)
                    .number(enter.toSubmit()).raw(MIN_COMPLETE).number(enter.minComplete()).raw(RESULT)
                    .raw(resultJson(enter.result())).raw(END_ARGS);
            add(enter.start(), ring, ENTERS, index, 0);
        }

        @Override
        public void stray(Timeline.Ring ring, Timeline.Cqe stray, int index) {
            json.clear().raw(STRAY_START).unsigned(stray.userData()).raw(STRAY_NAME);
            where(stray.at(), ring, pid(ring)).raw(INSTANT_RES).raw(resultJson(stray.res()))
                    .raw(FLAGS).number(stray.flags()).raw(END_ARGS);
            add(stray.at(), ring, STRAYS, index, 0);
        }

        @Override
        public void kernel(Timeline.Ring ring, Timeline.Kernel k, Timeline.Request owner, int index) {
            if (k.byKernelThread()) {
                String comm = workers.computeIfAbsent(ring.index, r -> new LinkedHashMap<>()).putIfAbsent(k.tid(), k.comm());
                if (comm == null) {
                    meta(ring, "thread_name", k.tid(), k.comm() + (k.comm().startsWith("iou-sqp") ? " (SQPOLL thread)"
                            : k.comm().startsWith("iou-wrk") ? " (io-wq worker)" : ""));
                }
                List<Slice> thread = waiting.computeIfAbsent((long) ring.index << 32 | (k.tid() & 0xffffffffL), t -> new ArrayList<>());
                ended(thread, k.at());
                if (owner == null) {
                    thread.add(new Slice(ring, k, "", UNCLAIMED, index, 0));
                } else {
                    // its place in the request's events: the "b", each earlier kernel event's "n" and slice, its own "n"
                    thread.add(new Slice(ring, k, owner.label(), REQUESTS, owner.index, 1 + index + owner.onKernelThreads));
                }
                return;
            }
            if (owner == null) {
                json.clear().raw("{\"ph\":\"i\",\"cat\":\"kernel\",\"name\":").string("kernel " + k.name());
                where(k.at(), ring, pid(ring)).raw(INSTANT).raw(ARGS);
                kernelArgs(new LinkedHashMap<>(), k);
                add(k.at(), ring, UNCLAIMED, index, 0);
            }
        }

        /** The slices of a thread that began before {@code at}: up to 1 us, and never past {@code at}. */
        private void ended(List<Slice> thread, long at) {
            if (thread.isEmpty() || thread.getLast().kernel().at() >= at) {
                return;
            }
            thread.forEach(s -> slice(s, Math.min(KERNEL_SLICE_NS, at - s.kernel().at())));
            thread.clear();
        }

        private void slice(Slice s, long nanos) {
            Timeline.Kernel k = s.kernel();
            json.clear().raw("{\"ph\":\"X\",\"cat\":\"kernel\",\"name\":").string(k.name());
            where(k.at(), s.ring(), k.tid()).raw(DUR).micros(nanos).raw(ARGS);
            Map<String, String> args = new LinkedHashMap<>();
            if (!s.request().isEmpty()) {
                args.put("request", s.request());
            }
            kernelArgs(args, k);
            add(k.at(), s.ring(), s.kind(), s.index(), s.place());
        }

        /** {@code args} and then the kernel event's fields, decoded note and thread, each key once (a later one replacing); closes the event. */
        private void kernelArgs(Map<String, String> args, Timeline.Kernel k) {
            k.fields().forEach((key, value) -> {
                if (!key.equals("ctx")) {
                    args.put(key, value);
                }
            });
            if (!k.note().isEmpty()) {
                args.put("decoded", k.note());
            }
            args.put("thread", k.comm() + "-" + k.tid());
            boolean first = true;
            for (Map.Entry<String, String> arg : args.entrySet()) {
                if (!first) {
                    json.raw(',');
                }
                first = false;
                json.string(arg.getKey()).raw(':').string(arg.getValue());
            }
            json.raw("}}");
        }

        @Override
        public void finished(Timeline.Ring ring, Timeline.Request r) {
            request(ring, r, -1);
        }

        @Override
        public void end(List<Timeline.Request> unfinished, long last) {
            for (Timeline.Request r : unfinished) {
                request(null, r, last);
            }
            waiting.values().forEach(thread -> {
                thread.forEach(s -> slice(s, KERNEL_SLICE_NS));
                thread.clear();
            });
            while (!held.isEmpty()) {
                event(held.poll());
            }
            write(CLOSE, 0, CLOSE.length);
            flush();
        }

        /** A request's async slice, its kernel events on it, its reaps and flow arrows; {@code last} is where an unfinished one ends. */
        private void request(Timeline.Ring finishedOn, Timeline.Request r, long last) {
            Timeline.Ring ring = finishedOn != null ? finishedOn : r.on;
            requests++;
            // unique in the file: the first ring's requests count from 1, another ring's carry its index above bit 32
            String id = "0x" + Long.toHexString((long) ring.index << 32 | (r.index + 1L));
            String label = r.label();
            long start = r.submitted();
            for (Timeline.Kernel k : r.kernel) {
                start = Math.min(start, k.at()); // the kernel's clock and ours agree; never start after its first event
            }
            long stop = r.end(last);
            int place = 0;
            json.clear().raw("{\"ph\":\"b\",\"cat\":\"request\",\"name\":").string(label);
            where(start, ring, pid(ring)).raw(ID).string(id).raw(ARGS).raw("\"opcode\":").string(r.opcode)
                    .raw(",\"user_data\":").raw('"').unsigned(r.userData).raw("\",\"ring\":").string(ring.name).raw("}}");
            add(start, ring, REQUESTS, r.index, place++);
            List<Timeline.Kernel> onThreads = new ArrayList<>();
            for (Timeline.Kernel k : r.kernel) {
                long at = Math.min(k.at(), stop);
                json.clear().raw("{\"ph\":\"n\",\"cat\":\"request\",\"name\":").string(label);
                where(at, ring, pid(ring)).raw(ID).string(id).raw(ARGS);
                Map<String, String> args = new LinkedHashMap<>();
                args.put("kernel", k.name());
                kernelArgs(args, k);
                add(at, ring, REQUESTS, r.index, place++);
                if (k.byKernelThread()) {
                    place++; // its slice, written when the thread's next event says how long it is
                    onThreads.add(k);
                }
            }
            json.clear().raw("{\"ph\":\"e\",\"cat\":\"request\",\"name\":").string(label);
            where(stop, ring, pid(ring)).raw(ID).string(id).raw(ARGS);
            boolean any = false;
            if (!r.cqes.isEmpty()) {
                Timeline.Cqe lastCqe = r.cqes.getLast();
                json.raw(RES).string(result(lastCqe.res())).raw(",\"cqes\":").number(r.cqes.size());
                any = true;
            }
            if (!r.finished()) {
                json.raw(any ? "," : "").raw("\"unfinished\":").string(r.cqes.isEmpty() ? "no CQE reaped" : "its last CQE had F_MORE");
            }
            json.raw("}}");
            add(stop, ring, REQUESTS, r.index, place++);
            long completed = r.completed();
            for (Timeline.Cqe cqe : r.cqes) {
                json.clear().raw(I_REAP).inString(label).raw('"');
                where(cqe.at(), ring, pid(ring)).raw(INSTANT_RES).raw(resultJson(cqe.res()))
                        .raw(FLAGS).number(cqe.flags()).raw(TO_REAP);
                if (completed >= 0) {
                    json.micros(cqe.at() - completed);
                } else {
                    json.raw("null");
                }
                json.raw("}}");
                add(cqe.at(), ring, REQUESTS, r.index, place++);
            }
            if (!onThreads.isEmpty()) {
                // submit (console thread) -> each kernel-thread event -> the last of them, bound to their enclosing slices
                json.clear().raw("{\"ph\":\"s\",\"cat\":\"flow\",\"name\":").string(label);
                where(r.submitted(), ring, pid(ring)).raw(ID).string(id).raw('}');
                add(r.submitted(), ring, REQUESTS, r.index, place++);
                for (int i = 0; i < onThreads.size(); i++) {
                    Timeline.Kernel k = onThreads.get(i);
                    boolean end = i == onThreads.size() - 1;
                    json.clear().raw(end ? "{\"ph\":\"f\"" : "{\"ph\":\"t\"").raw(",\"cat\":\"flow\",\"name\":").string(label);
                    where(k.at(), ring, k.tid()).raw(ID).string(id).raw(end ? ",\"bp\":\"e\"}" : "}");
                    add(k.at(), ring, REQUESTS, r.index, place++);
                }
            }
        }
    }
}
