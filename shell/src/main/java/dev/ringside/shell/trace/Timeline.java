package dev.ringside.shell.trace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.JournalJson;
import dev.ringside.tracer.journal.JournalReader;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A journal read as requests: each SQE from the moment the console submitted it, through the kernel's
 * events (tied by ring, then req pointer, then user_data), to the kernel's {@code complete} and the
 * console's reap. Built from the JSON form of events, so a file and a live session read the same way.
 * Times are nanoseconds of CLOCK_MONOTONIC (a session's start plus each event's {@code at}).
 */
public final class Timeline {
    /** IORING_CQE_F_MORE: the request stays armed and posts more CQEs (multishot). */
    static final int CQE_F_MORE = 0x2;

    /** One io_uring_enter: [start, start + nanos] on the console's thread. */
    public record Enter(String ring, long start, long nanos, String reason, int toSubmit, int minComplete, long result) {
    }

    /** One kernel tracepoint: when, which, by which thread ({@code comm}, {@code tid}), its fields. */
    public record Kernel(long at, String name, String comm, int tid, Map<String, String> fields, String note) {
        /** Emitted by io_uring's own threads (iou-wrk-* for io-wq, iou-sqp-* for SQPOLL), not the console's. */
        public boolean byKernelThread() {
            return comm.startsWith("iou-");
        }

        long number(String field) {
            String text = fields.get(field);
            if (text == null) {
                return Long.MIN_VALUE;
            }
            try {
                return text.startsWith("0x") ? Long.parseUnsignedLong(text.substring(2), 16) : Long.parseLong(text);
            } catch (NumberFormatException e) {
                return Long.MIN_VALUE;
            }
        }
    }

    /** One submit of the console: from the start of the enter that handed SQEs over (or the moment, with SQPOLL) to its end; {@code count} consumed. */
    public record Submit(String ring, long start, long end, long count) {
    }

    /** A CQE the console reaped: when, and what it said. */
    public record Cqe(long at, long userData, int res, int flags) {
    }

    /** One SQE of one ring, from submission to its last CQE. */
    public static final class Request {
        public final String ring;
        /** Its place among the ring's requests, from 0: unique where user_data values repeat. */
        public final int seq;
        public final String opcode;
        public final long userData;
        public final long queued;
        /** When the console handed it to the kernel (the start of the io_uring_enter that submitted it); -1 if never. */
        long submitted = -1;
        final List<Kernel> kernel = new ArrayList<>();
        final List<Cqe> cqes = new ArrayList<>();
        String req;
        boolean finished;
        /** Its place among the ring's requests (in the order they were handed to the kernel), from 0. */
        int index = -1;
        /** How many of {@link #kernel} ran on io_uring's own threads. */
        int onKernelThreads;
        /** The ring it was handed to (set when it was). */
        Ring on;

        Request(String ring, int seq, String opcode, long userData, long queued) {
            this.ring = ring;
            this.seq = seq;
            this.opcode = opcode;
            this.userData = userData;
            this.queued = queued;
        }

        public long submitted() {
            return submitted >= 0 ? submitted : queued;
        }

        public List<Kernel> kernel() {
            return List.copyOf(kernel);
        }

        public List<Cqe> cqes() {
            return List.copyOf(cqes);
        }

        /** Whether its last CQE (one without F_MORE) was reaped. */
        public boolean finished() {
            return finished;
        }

        /** When the kernel posted its last CQE ({@code complete}, or {@code cqe_overflow} for a CQ that was full); -1 without kernel events. */
        public long completed() {
            long last = -1;
            for (Kernel k : kernel) {
                if (k.name().equals("complete") || k.name().equals("cqe_overflow")) {
                    last = k.at();
                }
            }
            return last;
        }

        /** When the console reaped its last CQE; -1 if it never did. */
        public long reaped() {
            return cqes.isEmpty() ? -1 : cqes.getLast().at();
        }

        /** Where its slice ends: the kernel's completion where known, else the reap, else {@code fallback}. */
        long end(long fallback) {
            long end = Math.max(completed(), reaped());
            if (completed() >= 0 && finished) {
                end = completed();
            }
            return end >= 0 ? Math.max(end, submitted()) : Math.max(fallback, submitted());
        }

        public String label() {
            return opcode + " user_data=" + Long.toUnsignedString(userData);
        }
    }

    /** One ring of one session: its requests, enter calls, and the kernel events no request of it claimed. */
    public static final class Ring {
        public final String session;
        public final String name;
        final List<Request> requests = new ArrayList<>();
        final List<Enter> enters = new ArrayList<>();
        final List<Submit> submits = new ArrayList<>();
        final List<Kernel> unclaimed = new ArrayList<>();
        final List<Cqe> strays = new ArrayList<>();
        final Deque<Request> queued = new ArrayDeque<>();
        /** Taken by the kernel (an SQPOLL thread) before the console recorded the submit that published them. */
        final Deque<Request> early = new ArrayDeque<>();
        final List<Request> inFlight = new ArrayList<>();
        final Map<String, Request> byReq = new HashMap<>();
        long pendingEnterStart = -1;
        /** Its place among the journal's rings, from 0. */
        final int index;
        /** Where a streamed timeline hands what it reads instead of keeping it; null when the lists keep it. */
        final Sink sink;
        /** How many requests, enters, submits, unclaimed kernel events and stray CQEs were read (kept or handed on). */
        int requestCount;
        int enterCount;
        int submitCount;
        int unclaimedCount;
        int strayCount;

        Ring(String session, String name, int index, Sink sink) {
            this.session = session;
            this.name = name;
            this.index = index;
            this.sink = sink;
        }

        public List<Request> requests() {
            return List.copyOf(requests);
        }

        public List<Enter> enters() {
            return List.copyOf(enters);
        }

        public List<Submit> submits() {
            return List.copyOf(submits);
        }

        public List<Kernel> unclaimed() {
            return List.copyOf(unclaimed);
        }

        public List<Cqe> strays() {
            return List.copyOf(strays);
        }
    }

    /**
     * What a streamed timeline hands on as it reads, in the time order of the journal's events, keeping only
     * the requests still in flight: memory follows what is in flight, not the journal's length.
     * {@code index} is the item's place among its ring's items of that kind, as the lists of a kept timeline have it.
     */
    interface Sink {
        /** Before anything else: the time of the first event read. */
        void start(long first);

        void ring(Ring ring);

        void submit(Ring ring, Submit submit, int index);

        void enter(Ring ring, Enter enter, int index);

        /** A kernel event, as its request claims it ({@code owner}, already holding it) or as unclaimed ({@code owner} null). */
        void kernel(Ring ring, Kernel kernel, Request owner, int index);

        void stray(Ring ring, Cqe cqe, int index);

        /** A request whose last CQE was reaped: nothing more of it comes. */
        void finished(Ring ring, Request request);

        /** The end: the requests still in flight (by ring, then submission order), the journal's last event's time. */
        void end(List<Request> unfinished, long last);
    }

    private final List<Ring> rings = new ArrayList<>();
    private long first = Long.MAX_VALUE;
    private long last = Long.MIN_VALUE;
    private final Sink sink;
    private int ringCount;
    /** Streamed: the rings by name of the segment being read, and the requests left in flight by segments before it. */
    private Map<String, Ring> segmentRings = new LinkedHashMap<>();
    private final List<Request> unfinished = new ArrayList<>();

    private Timeline() {
        this(null);
    }

    private Timeline(Sink sink) {
        this.sink = sink;
    }

    public List<Ring> rings() {
        return List.copyOf(rings);
    }

    /** The earliest and latest time of any event read (0 when there were none). */
    public long first() {
        return first == Long.MAX_VALUE ? 0 : first;
    }

    public long last() {
        return last == Long.MIN_VALUE ? first() : last;
    }

    /** A journal file: one segment per {@code session} line, each on its own clock base. */
    public static Timeline of(JournalReader.Contents contents) {
        Timeline timeline = new Timeline();
        List<JsonNode> segment = new ArrayList<>();
        String label = "session";
        long base = 0;
        for (JournalReader.Line line : contents.lines()) {
            String type = line.type();
            if (type.equals(JournalJson.HEADER_TYPE)) {
                continue;
            }
            if (type.equals(JournalJson.SESSION_TYPE)) {
                timeline.read(segment, label, base);
                segment.clear();
                label = line.json().path("label").asText("session");
                base = line.json().path("monotonic_start_ns").asLong();
                continue;
            }
            segment.add(line.json());
        }
        timeline.read(segment, label, base);
        return timeline;
    }

    /**
     * A journal file read in one pass: the hot lines (cqe_reaped, submitted, entered) kept as a small record
     * each instead of a JSON tree, every other line as its tree. Same timeline as {@link #of(JournalReader.Contents)}.
     * @throws IllegalArgumentException with a one-line message when the file cannot be read
     */
    public static Timeline of(java.nio.file.Path file) {
        Timeline timeline = new Timeline();
        List<Object> segment = new ArrayList<>();
        readFile(file, new FileEvents() {
            @Override
            public void event(int number, Object event, String label, long base) {
                segment.add(event);
            }

            @Override
            public void sessionEnd(String label, long base) {
                timeline.read(segment, label, base);
                segment.clear();
            }
        });
        return timeline;
    }

    /** What one pass over a journal file hands on: each event (a {@link Hot} or a line's tree) and each session's end. */
    private interface FileEvents {
        /** An event of the session {@code label} whose clock starts at {@code base}. */
        void event(int number, Object event, String label, long base);

        /** The session whose events came since the last end is over (also at the end of the file). */
        void sessionEnd(String label, long base);
    }

    /**
     * Reads a journal file once: hot lines as a {@link Hot} each, every other line as its tree, the header skipped.
     * @throws IllegalArgumentException with a one-line message when the file cannot be read
     */
    private static void readFile(java.nio.file.Path file, FileEvents to) {
        String[] label = {"session"};
        long[] base = {0};
        HotLineParser hot = new HotLineParser();
        try {
            JournalReader.stream(file, (number, bytes, from, end) -> {
                if (!hot.parse(bytes, from, end)) {
                    return false;
                }
                to.event(number, new Hot(hot.kind, hot.at, hot.ring, hot.userData, (int) hot.res, (int) hot.flags,
                        hot.submitted, hot.reason, hot.nanos, (int) hot.toSubmit, (int) hot.minComplete, hot.result),
                        label[0], base[0]);
                return true;
            }, line -> {
                String type = line.type();
                if (type.equals(JournalJson.HEADER_TYPE)) {
                    return;
                }
                if (type.equals(JournalJson.SESSION_TYPE)) {
                    to.sessionEnd(label[0], base[0]);
                    label[0] = line.json().path("label").asText("session");
                    base[0] = line.json().path("monotonic_start_ns").asLong();
                    return;
                }
                to.event(line.number(), line.json(), label[0], base[0]);
            });
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("no file " + file);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
        to.sessionEnd(label[0], base[0]);
    }

    /**
     * How far an event may sit after later ones in the file and still be read in time order, as in
     * {@code trace show}: a streamed timeline holds this many events, not the journal.
     */
    static final int REORDER_WINDOW = TraceShow.REORDER_WINDOW;

    /**
     * A journal file read in one pass and handed to {@code sink} as it goes (the requests when they end):
     * what {@link #of(java.nio.file.Path)} builds, in constant memory but for the requests in flight.
     * @throws IllegalArgumentException with a one-line message when the file cannot be read
     */
    static void stream(java.nio.file.Path file, Sink sink) {
        Timeline timeline = new Timeline(sink);
        ReorderWindow<Object> window = new ReorderWindow<>();
        readFile(file, new FileEvents() {
            @Override
            public void event(int number, Object event, String label, long base) {
                timeline.hold(window, atOf(event), number, event, label, base);
            }

            @Override
            public void sessionEnd(String ended, long endedBase) {
                timeline.endSegment(window, ended, endedBase);
            }
        });
        sink.end(List.copyOf(timeline.unfinished), timeline.last());
    }

    /** A live session's journal (the whole session, from its store) handed to {@code sink} as {@link #stream(java.nio.file.Path, Sink)} does. */
    static void stream(dev.ringside.tracer.journal.Journal journal, String label, Sink sink) {
        Timeline timeline = new Timeline(sink);
        ReorderWindow<Object> window = new ReorderWindow<>();
        int[] number = {0};
        journal.replay(json -> timeline.hold(window, json.path("at").asLong(), ++number[0], json, label, journal.startNanos()));
        timeline.endSegment(window, label, journal.startNanos());
        sink.end(List.copyOf(timeline.unfinished), timeline.last());
    }

    /** Holds an event in the window; reads the earliest when the window is full. */
    private void hold(ReorderWindow<Object> window, long at, int number, Object event, String label, long base) {
        window.add(at, number, event);
        if (window.size() > REORDER_WINDOW) {
            read(window.poll(), label, base, segmentRings);
        }
    }

    /** Reads what the window holds; the segment's requests still in flight stay so (its rings end with it). */
    private void endSegment(ReorderWindow<Object> window, String label, long base) {
        while (!window.isEmpty()) {
            read(window.poll(), label, base, segmentRings);
        }
        segmentRings.values().forEach(ring -> unfinished.addAll(ring.inFlight));
        segmentRings = new LinkedHashMap<>();
    }

    /** A hot line's fields (which are set depends on {@code kind}): a few dozen bytes where its tree took hundreds. */
    private record Hot(HotLineParser.Kind kind, long at, String ring, long userData, int res, int flags, long submitted,
                       String reason, long nanos, int toSubmit, int minComplete, long result) {
    }

    private static long atOf(Object event) {
        return event instanceof Hot h ? h.at() : ((JsonNode) event).path("at").asLong();
    }

    /** A live session's journal, its lines read back from its store (the whole session, not only the in-memory window). */
    public static Timeline of(dev.ringside.tracer.journal.Journal journal, String label) {
        List<JsonNode> lines = new ArrayList<>();
        journal.replay(lines::add);
        Timeline timeline = new Timeline();
        timeline.read(lines, label, journal.startNanos());
        return timeline;
    }

    /** A live session's journal, whose {@code at} counts from {@code startNanos}. */
    public static Timeline of(List<Event> events, String label, long startNanos) {
        Timeline timeline = new Timeline();
        timeline.read(events.stream().map(e -> (JsonNode) JournalJson.toJson(e)).toList(), label, startNanos);
        return timeline;
    }

    private void read(List<?> unsorted, String label, long base) {
        if (unsorted.isEmpty()) {
            return;
        }
        List<Object> events = new ArrayList<>(unsorted);
        // the kernel's events are read a little late: put every event at its time (stable for equal times)
        events.sort(Comparator.comparingLong(Timeline::atOf));
        Map<String, Ring> byName = new LinkedHashMap<>();
        for (Object event : events) {
            read(event, label, base, byName);
        }
    }

    /** The ring the last event was of, by its name's String in the map of rings it was found in. */
    private String lastRingName;
    private Map<String, Ring> lastRings;
    private Ring lastRing;

    /** One event of a segment, in time order; {@code byName} holds the segment's rings. */
    private void read(Object event, String label, long base, Map<String, Ring> byName) {
        long at = base + atOf(event);
        if (sink != null && first == Long.MAX_VALUE) {
            sink.start(at);
        }
        first = Math.min(first, at);
        last = Math.max(last, at);
        String ringName = event instanceof Hot h ? h.ring() : ((JsonNode) event).path("ring").asText("");
        if (ringName.isEmpty()) {
            return;
        }
        Ring ring;
        if (ringName == lastRingName && byName == lastRings) {
            ring = lastRing; // the hot lines of one ring share its name's String: no map look-up per line
        } else {
            ring = byName.get(ringName);
            if (ring == null) {
                ring = new Ring(label, ringName, ringCount++, sink);
                byName.put(ringName, ring);
                if (sink == null) {
                    rings.add(ring);
                } else {
                    sink.ring(ring);
                }
            }
            lastRingName = ringName;
            lastRings = byName;
            lastRing = ring;
        }
        if (event instanceof Hot h) {
            switch (h.kind()) {
                case ENTERED -> entered(ring, ringName, at, h.nanos(), h.reason(), h.toSubmit(), h.minComplete(), h.result());
                case SUBMITTED -> submitted(ring, h.submitted(), at);
                case CQE_REAPED -> reaped(ring, new Cqe(at, h.userData(), h.res(), h.flags()));
            }
            return;
        }
        readTree(ring, ringName, at, (JsonNode) event);
    }

    /** A line read as its tree (not a hot line): a method of its own, so the JIT's compile of the hot path stays small. */
    private static void readTree(Ring ring, String ringName, long at, JsonNode e) {
        switch (e.path("type").asText()) {
            case "sqe_queued" -> ring.queued.add(new Request(ringName, ring.requestCount,
                    e.path("opcode").asText("?"), e.path("user_data").asLong(), at));
            case "entered" -> entered(ring, ringName, at, e.path("nanos").asLong(), e.path("reason").asText(""),
                    e.path("to_submit").asInt(), e.path("min_complete").asInt(), e.path("result").asLong());
            case "submitted" -> submitted(ring, e.path("submitted").asLong(), at);
            case "kernel_event" -> kernel(ring, new Kernel(at, e.path("name").asText(), e.path("comm").asText(""),
                    e.path("tid").asInt(), fields(e.path("fields")), e.path("note").asText("")));
            case "cqe_reaped" -> reaped(ring, new Cqe(at, e.path("user_data").asLong(), e.path("res").asInt(),
                    e.path("flags").asInt()));
            default -> {
            }
        }
    }

    /** A request handed to the kernel: in flight from now on. */
    private static void started(Ring ring, Request r) {
        r.index = ring.requestCount++;
        r.on = ring;
        if (ring.sink == null) {
            ring.requests.add(r);
        }
        ring.inFlight.add(r);
    }

    private static void entered(Ring ring, String ringName, long at, long nanos, String reason, int toSubmit,
                                int minComplete, long result) {
        Enter enter = new Enter(ringName, at - nanos, nanos, reason, toSubmit, minComplete, result);
        if (ring.sink == null) {
            ring.enters.add(enter);
        } else {
            ring.sink.enter(ring, enter, ring.enterCount);
        }
        ring.enterCount++;
        if (reason.equals("SUBMIT") || reason.equals("WAKEUP")) {
            ring.pendingEnterStart = at - nanos;
        }
    }

    /** The first {@code count} queued SQEs were consumed: they start at the enter that handed them over. */
    private static void submitted(Ring ring, long count, long at) {
        long start = ring.pendingEnterStart >= 0 ? ring.pendingEnterStart : at;
        ring.pendingEnterStart = -1;
        long i = 0;
        for (; i < count && !ring.early.isEmpty(); i++) {
            start = Math.min(start, ring.early.poll().submitted);
        }
        for (; i < count && !ring.queued.isEmpty(); i++) {
            Request r = ring.queued.poll();
            r.submitted = start;
            started(ring, r);
        }
        Submit submit = new Submit(ring.name, start, at, count);
        if (ring.sink == null) {
            ring.submits.add(submit);
        } else {
            ring.sink.submit(ring, submit, ring.submitCount);
        }
        ring.submitCount++;
    }

    private static void kernel(Ring ring, Kernel k) {
        boolean submit = k.name().equals("submit_req") || k.name().equals("submit_sqe");
        String req = k.fields().get("req");
        boolean hasReq = req != null && !req.matches("(0x)?0+");
        Request owner = null;
        if (submit || k.name().equals("req_failed")) {
            owner = byUserData(ring, k.number("user_data"), true, k.at());
            if (owner != null && hasReq) {
                owner.req = req;
                ring.byReq.put(req, owner);
            }
        } else if (hasReq && ring.byReq.containsKey(req)) {
            owner = ring.byReq.get(req);
        } else if (!hasReq && k.fields().containsKey("user_data")) {
            owner = byUserData(ring, k.number("user_data"), false, k.at());
        }
        if (owner == null) {
            if (ring.sink == null) {
                ring.unclaimed.add(k);
            } else {
                ring.sink.kernel(ring, k, null, ring.unclaimedCount);
            }
            ring.unclaimedCount++;
            return;
        }
        owner.kernel.add(k);
        if (k.byKernelThread()) {
            owner.onKernelThreads++;
        }
        if (ring.sink != null) {
            ring.sink.kernel(ring, k, owner, owner.kernel.size() - 1);
        }
    }

    /** The oldest unfinished request with this user_data, in flight (or, for SQPOLL, still queued: its thread may run ahead of our Submitted). */
    private static Request byUserData(Ring ring, long userData, boolean fresh, long at) {
        if (userData == Long.MIN_VALUE) {
            return null;
        }
        for (Request r : ring.inFlight) {
            if (r.userData == userData && !(fresh && r.req != null)) {
                return r;
            }
        }
        for (Iterator<Request> it = ring.queued.iterator(); it.hasNext(); ) {
            Request r = it.next();
            if (r.userData == userData) {
                // consumed before the console recorded its Submitted (SQPOLL): in flight from now on
                it.remove();
                r.submitted = at;
                started(ring, r);
                ring.early.add(r);
                return r;
            }
        }
        return null;
    }

    private static void reaped(Ring ring, Cqe cqe) {
        Request owner = null;
        for (Request r : ring.inFlight) {
            if (r.userData == cqe.userData()) {
                owner = r;
                break;
            }
        }
        if (owner == null) {
            owner = byUserData(ring, cqe.userData(), false, cqe.at());
        }
        if (owner == null) {
            // a CQE no SQE of ours asked for (MSG_RING from another ring)
            if (ring.sink == null) {
                ring.strays.add(cqe);
            } else {
                ring.sink.stray(ring, cqe, ring.strayCount);
            }
            ring.strayCount++;
            return;
        }
        owner.cqes.add(cqe);
        if ((cqe.flags() & CQE_F_MORE) == 0) {
            owner.finished = true;
            ring.inFlight.remove(owner);
            if (owner.req != null && Objects.equals(ring.byReq.get(owner.req), owner)) {
                // the kernel may reuse the req for the next request; its submit_req names it again
                ring.byReq.remove(owner.req);
            }
            if (ring.sink != null) {
                ring.sink.finished(ring, owner);
            }
        }
    }

    private static Map<String, String> fields(JsonNode node) {
        Map<String, String> fields = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> fields.put(f.getKey(), f.getValue().asText()));
        return fields;
    }
}
