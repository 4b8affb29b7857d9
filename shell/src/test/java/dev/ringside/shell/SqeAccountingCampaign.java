package dev.ringside.shell;

import dev.ringside.decoders.layout.UapiLayouts;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.shell.session.Pending;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.ring.Ring;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The 10,000-SQE random campaign of issue 12, on a plain ring and on a SUBMIT_ALL ring, typed into
 * the console's dispatcher as a user would: NOPs (some with CQE_SKIP_SUCCESS), 1 ms timeouts, NOPs
 * whose result the kernel injects (a failure at execution), SQEs the kernel refuses at submit
 * (an unknown SQE flag bit), drains, and links of 2 to 4 that succeed, fail in the middle or end in
 * a refused SQE; then, on a fresh ring of the same kind, a drain behind a 1 h timeout, which never starts.
 *
 * <p>Every SQE has its own user_data, and the CQEs each one got are counted three ways that do not
 * go through the console's bookkeeping: read straight from the CQ ring's memory (the kernel's tail,
 * the 16-byte CQEs at the uapi offsets), from the kernel's io_uring_submit_req, io_uring_req_failed
 * and io_uring_complete tracepoints in a tracefs instance of its own (root only), and against the
 * kernel's documented rules (one CQE per request; none for a success with CQE_SKIP_SUCCESS; a failed
 * link member's followers -ECANCELED; a link whose last SQE is refused at submit cancels all its
 * members; without SUBMIT_ALL, submission stops after a refused SQE and the rest stays in the SQ
 * ring; a drain behind a request in flight never starts). The console's own view (the CQE lines it
 * printed, what it said was submitted and not consumed, what its ledger holds in flight at the end)
 * must agree. Then /proc/self/fd and the io_uring mappings must be as before and the live heap after
 * a full GC is measured. Prints one summary line per ring, then a hygiene line; exits 1 on any
 * mismatch, naming the first ones.
 */
public final class SqeAccountingCampaign {
    private SqeAccountingCampaign() {
    }

    /** user_data of the campaign start here: no other process on the machine uses them, so the tracepoint filter is exact. */
    static final long BASE = 7_000_000_000L;
    static final int ECANCELED = Errno.ECANCELED.number();
    static final int EINVAL = Errno.EINVAL.number();
    static final int ETIME = Errno.ETIME.number();
    static final int EOPNOTSUPP = Errno.EOPNOTSUPP.number();
    /** The result a NOP with IORING_NOP_INJECT_RESULT asks for (its len): -EBADF. */
    static final int INJECTED = -Errno.EBADF.number();
    static final Path TRACEFS = Path.of("/sys/kernel/tracing");

    /** One SQE the campaign typed: its user_data, the console line, and the CQE results the kernel's rules give it. */
    record Sqe(long userData, String line, List<Integer> expected, boolean refusedAtSubmit) {
    }

    /** What one campaign counted; every figure is per SQE. */
    static final class Figures {
        int sqes;
        int submits;
        int partialSubmits;
        int cqes;
        int skipped;
        long skippedHeld;
        int cancelled;
        int refusedAtSubmit;
        int failedAtExecution;
        int timeouts;
        int drains;
        int drainsRefused;
        int links;
        int inFlightAtClose;
        /** What the kernel took and never completed while the ring was open: it cancels them as the ring exits. */
        final Set<Long> cancelledAtClose = new TreeSet<>();
        final Map<Long, Sqe> all = new HashMap<>();
        final Map<Long, List<Integer>> rawCqes = new HashMap<>();
        final List<String> mismatches = new ArrayList<>();

        void mismatch(String what) {
            if (mismatches.size() < 20) {
                mismatches.add(what);
            }
        }
    }

    /** The console's output, read line by line as it is printed: the CQE lines and what submit said; nothing kept. */
    static final class ConsoleLines extends Writer {
        static final Pattern CQE = Pattern.compile("^cqe user_data=(\\d+) res=(-?\\d+)");
        static final Pattern SUBMITTED = Pattern.compile("^submitted (\\d+) SQEs? to [^;\\s]+(; (\\d+) not consumed)?");
        final Map<Long, List<Integer>> cqes = new HashMap<>();
        final StringBuilder line = new StringBuilder();
        int submitted = -1;
        int notConsumed;
        final List<String> errors = new ArrayList<>();

        @Override
        public void write(char[] buf, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (buf[i] == '\n') {
                    take(line.toString());
                    line.setLength(0);
                } else {
                    line.append(buf[i]);
                }
            }
        }

        private void take(String text) {
            Matcher m = CQE.matcher(text);
            if (m.find()) {
                cqes.computeIfAbsent(Long.parseLong(m.group(1)), k -> new ArrayList<>()).add(Integer.parseInt(m.group(2)));
                return;
            }
            Matcher s = SUBMITTED.matcher(text);
            if (s.find()) {
                submitted = Integer.parseInt(s.group(1));
                notConsumed = s.group(3) == null ? 0 : Integer.parseInt(s.group(3));
            } else if (text.contains("error") || text.contains("warning")) {
                if (errors.size() < 10) {
                    errors.add(text);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** The CQ ring read as the kernel wrote it, at the offsets io_uring_setup returned: every CQE posted since the last read. */
    static final class RawCq {
        static final VarHandle CQ_OFF_TAIL = offset("tail");
        static final VarHandle CQ_OFF_MASK = offset("ring_mask");
        static final VarHandle CQ_OFF_CQES = offset("cqes");
        static final long USER_DATA = UapiLayouts.IO_URING_CQE.byteOffset(PathElement.groupElement("user_data"));
        static final long RES = UapiLayouts.IO_URING_CQE.byteOffset(PathElement.groupElement("res"));
        final MemorySegment memory;
        final long tail;
        final int mask;
        final long cqes;
        final int cqeSize;
        int seen;

        static VarHandle offset(String field) {
            return UapiLayouts.IO_URING_PARAMS.varHandle(PathElement.groupElement("cq_off"), PathElement.groupElement(field));
        }

        RawCq(Ring ring) {
            MemorySegment params = ring.params();
            memory = ring.cqRingMemory();
            tail = Integer.toUnsignedLong((int) CQ_OFF_TAIL.get(params, 0L));
            // cq_off holds where the mask is in the ring's memory, not the mask
            mask = memory.get(ValueLayout.JAVA_INT, Integer.toUnsignedLong((int) CQ_OFF_MASK.get(params, 0L)));
            cqes = Integer.toUnsignedLong((int) CQ_OFF_CQES.get(params, 0L));
            cqeSize = ring.cqeSize();
            seen = kernelTail();
        }

        int kernelTail() {
            return (int) ValueLayout.JAVA_INT.varHandle().getAcquire(memory, tail);
        }

        /** The CQEs between the last read and the kernel's tail now; more than the ring holds would have been overwritten. */
        void read(Map<Long, List<Integer>> into, Figures figures, int entries) {
            int now = kernelTail();
            if (now - seen > entries) {
                figures.mismatch("more than " + entries + " CQEs between two reads of the CQ ring: some were overwritten");
            }
            for (; seen != now; seen++) {
                long slot = cqes + (long) (seen & mask) * cqeSize;
                into.computeIfAbsent(memory.get(ValueLayout.JAVA_LONG_UNALIGNED, slot + USER_DATA), k -> new ArrayList<>())
                        .add(memory.get(ValueLayout.JAVA_INT_UNALIGNED, slot + RES));
            }
        }
    }

    /** A tracefs instance of the campaign's own with the three tracepoints, filtered to its user_data; removed at the end. */
    static final class KernelEvents implements AutoCloseable {
        final Path dir;

        KernelEvents(Path dir) {
            this.dir = dir;
        }

        static KernelEvents open() throws IOException {
            Path dir = TRACEFS.resolve("instances").resolve("ringside-accounting-" + ProcessHandle.current().pid());
            Files.createDirectory(dir);
            KernelEvents events = new KernelEvents(dir);
            try {
                Files.writeString(dir.resolve("buffer_size_kb"), "16384");
                for (String event : List.of("io_uring_submit_req", "io_uring_req_failed", "io_uring_complete")) {
                    Path e = dir.resolve("events/io_uring").resolve(event);
                    Files.writeString(e.resolve("filter"), "user_data >= " + BASE + " && user_data < " + (BASE + 1_000_000_000L));
                    Files.writeString(e.resolve("enable"), "1");
                }
                Files.writeString(dir.resolve("tracing_on"), "1");
            } catch (IOException e) {
                events.close();
                throw e;
            }
            return events;
        }

        /** Per user_data: how many submit_req plus req_failed events (the kernel took the SQE), and the complete events' results. */
        record Counts(Map<Long, Integer> taken, Map<Long, List<Integer>> completed, long lost) {
        }

        static final Pattern LINE = Pattern.compile("(io_uring_submit_req|io_uring_req_failed|io_uring_complete):.*?user_data 0x([0-9a-f]+)(.*)");
        static final Pattern RESULT = Pattern.compile("result (-?\\d+)");

        Counts read() throws IOException {
            Map<Long, Integer> taken = new HashMap<>();
            Map<Long, List<Integer>> completed = new HashMap<>();
            try (Stream<String> lines = Files.lines(dir.resolve("trace"))) {
                lines.forEach(l -> {
                    Matcher m = LINE.matcher(l);
                    if (!m.find()) {
                        return;
                    }
                    long userData = Long.parseUnsignedLong(m.group(2), 16);
                    if (m.group(1).equals("io_uring_complete")) {
                        Matcher r = RESULT.matcher(m.group(3));
                        completed.computeIfAbsent(userData, k -> new ArrayList<>()).add(r.find() ? Integer.parseInt(r.group(1)) : Integer.MIN_VALUE);
                    } else {
                        taken.merge(userData, 1, Integer::sum);
                    }
                });
            }
            long lost = 0;
            try (Stream<Path> cpus = Files.list(dir.resolve("per_cpu"))) {
                for (Path cpu : cpus.toList()) {
                    for (String stat : Files.readAllLines(cpu.resolve("stats"))) {
                        lost += stat.startsWith("overrun: ") ? Long.parseLong(stat.substring(9).trim()) : 0;
                    }
                }
            }
            return new Counts(taken, completed, lost);
        }

        @Override
        public void close() {
            try {
                Files.writeString(dir.resolve("tracing_on"), "0");
                for (String event : List.of("io_uring_submit_req", "io_uring_req_failed", "io_uring_complete")) {
                    Path e = dir.resolve("events/io_uring").resolve(event);
                    Files.writeString(e.resolve("enable"), "0");
                }
            } catch (IOException e) {
                // removing the instance below is what matters
            }
            try {
                Files.delete(dir);
            } catch (IOException e) {
                System.err.println("could not remove " + dir + ": " + e.getMessage());
            }
        }
    }

    /** The SQEs the campaign generates, unit by unit: a single SQE or a link of 2 to 4. */
    static final class Generator {
        final Random random;
        long next = BASE;
        /** The kernel refuses IO_DRAIN on a ring once it took an SQE with CQE_SKIP_SUCCESS (-EOPNOTSUPP, io_uring_enter(2)). */
        boolean drainDisabled;
        /** No CQE_SKIP_SUCCESS in the first half of a campaign, so its drains run; in the second half they are refused. */
        boolean skipAllowed;

        Generator(Random random) {
            this.random = random;
        }

        long userData() {
            return next++;
        }

        List<Sqe> unit() {
            int kind = random.nextInt(100);
            long u = userData();
            if (kind < 30) {
                boolean skip = skipAllowed && random.nextInt(3) == 0;
                drainDisabled |= skip;
                return List.of(new Sqe(u, "sqe nop user_data=" + u + (skip ? " flags=CQE_SKIP_SUCCESS" : ""),
                        skip ? List.of() : List.of(0), false));
            }
            if (kind < 38) {
                return List.of(new Sqe(u, "sqe timeout user_data=" + u + " ts=1ms", List.of(-ETIME), false));
            }
            if (kind < 46) {
                return List.of(new Sqe(u, "sqe nop user_data=" + u + " nop_flags=INJECT_RESULT len=" + INJECTED, List.of(INJECTED), false));
            }
            if (kind < 52) {
                // an SQE flag bit the kernel does not know: refused when the SQE is taken, which ends a plain ring's submit
                return List.of(new Sqe(u, "sqe nop user_data=" + u + " flags=0x80", List.of(-EINVAL), true));
            }
            if (kind < 58) {
                return List.of(new Sqe(u, "sqe nop user_data=" + u + " flags=IO_DRAIN", List.of(drainDisabled ? -EOPNOTSUPP : 0),
                        drainDisabled));
            }
            return link(u, kind);
        }

        /** A link of 2 to 4 NOPs: all succeed (some with CQE_SKIP_SUCCESS), or one fails at execution, or the last is refused at submit. */
        private List<Sqe> link(long first, int kind) {
            int length = 2 + random.nextInt(3);
            int variant = kind < 80 ? 0 : kind < 92 ? 1 : 2;
            int failing = variant == 1 ? random.nextInt(length) : -1;
            List<Sqe> link = new ArrayList<>();
            boolean failed = false;
            for (int i = 0; i < length; i++) {
                long u = i == 0 ? first : userData();
                boolean last = i == length - 1;
                String linkFlag = last ? "" : "IO_LINK";
                if (variant == 0) {
                    boolean skip = skipAllowed && random.nextInt(3) == 0;
                    drainDisabled |= skip;
                    String flags = Stream.of(linkFlag, skip ? "CQE_SKIP_SUCCESS" : "").filter(s -> !s.isEmpty())
                            .collect(Collectors.joining("|"));
                    link.add(new Sqe(u, "sqe nop user_data=" + u + (flags.isEmpty() ? "" : " flags=" + flags),
                            skip ? List.of() : List.of(0), false));
                } else if (variant == 1) {
                    String flags = linkFlag.isEmpty() ? "" : " flags=" + linkFlag;
                    if (i == failing) {
                        link.add(new Sqe(u, "sqe nop user_data=" + u + flags + " nop_flags=INJECT_RESULT len=" + INJECTED,
                                List.of(INJECTED), false));
                        failed = true;
                    } else {
                        link.add(new Sqe(u, "sqe nop user_data=" + u + flags, List.of(failed ? -ECANCELED : 0), false));
                    }
                } else if (last) {
                    link.add(new Sqe(u, "sqe nop user_data=" + u + " flags=0x80", List.of(-EINVAL), true));
                } else {
                    // a link whose last SQE is refused at submit never runs: every member before it is cancelled
                    link.add(new Sqe(u, "sqe nop user_data=" + u + " flags=" + linkFlag, List.of(-ECANCELED), false));
                }
            }
            return link;
        }
    }

    static void tally(Figures f, List<Sqe> unit) {
        f.links += unit.size() > 1 ? 1 : 0;
        for (Sqe s : unit) {
            f.sqes++;
            f.refusedAtSubmit += s.refusedAtSubmit() ? 1 : 0;
            f.skipped += s.expected().isEmpty() && s.line().contains("CQE_SKIP_SUCCESS") ? 1 : 0;
            f.cancelled += s.expected().contains(-ECANCELED) ? 1 : 0;
            f.failedAtExecution += s.expected().contains(INJECTED) ? 1 : 0;
            f.timeouts += s.expected().contains(-ETIME) ? 1 : 0;
            f.drains += s.line().contains("IO_DRAIN") ? 1 : 0;
            f.drainsRefused += s.expected().contains(-EOPNOTSUPP) ? 1 : 0;
            f.cqes += s.expected().size();
        }
    }

    /**
     * One ring's campaign: batches of units typed as drafts, submitted; the SQ entries the kernel did not take
     * stay queued (a plain ring stops after a refused SQE) and go first at the next submit.
     */
    static Figures campaign(Session session, Dispatcher console, ConsoleLines lines, String ring, boolean submitAll,
                            int count, Random random) {
        Figures f = new Figures();
        console.run("ring create " + ring + " entries=32" + (submitAll ? " flags=SUBMIT_ALL" : ""));
        Ring kernelRing = session.ring(ring).ring();
        RawCq raw = new RawCq(kernelRing);
        Map<Long, List<Integer>> rawCqes = f.rawCqes;
        Map<Long, Sqe> all = f.all;
        Deque<List<Sqe>> queued = new ArrayDeque<>(); // units in the SQ ring the kernel has not taken yet
        Generator generator = new Generator(random);
        generator.next = BASE + (submitAll ? 500_000_000L : 0);
        while (f.sqes < count || !queued.isEmpty()) {
            List<List<Sqe>> batch = new ArrayList<>();
            int queuedSqes = queued.stream().mapToInt(List::size).sum();
            int room = Math.min(12, kernelRing.sqEntries() - queuedSqes);
            int target = 1 + random.nextInt(Math.max(1, room - 4));
            int size = 0;
            generator.skipAllowed = f.sqes >= count / 2;
            while (size < target && f.sqes + size < count) {
                List<Sqe> unit = generator.unit();
                if (size + unit.size() > room) {
                    generator.next -= unit.size();
                    break;
                }
                batch.add(unit);
                size += unit.size();
            }
            for (List<Sqe> unit : batch) {
                tally(f, unit);
                for (Sqe s : unit) {
                    all.put(s.userData(), s);
                    console.run(s.line());
                }
                queued.add(unit);
            }
            // the kernel's rule: it takes the SQ entries in order; without SUBMIT_ALL it stops after one it refused
            int taken = 0;
            while (!queued.isEmpty()) {
                List<Sqe> unit = queued.poll();
                taken += unit.size();
                if (!submitAll && unit.getLast().refusedAtSubmit()) {
                    break;
                }
            }
            int left = queued.stream().mapToInt(List::size).sum();
            lines.submitted = -1;
            console.run("submit");
            f.submits++;
            f.partialSubmits += left > 0 ? 1 : 0;
            if (lines.submitted != taken || lines.notConsumed != left) {
                f.mismatch("submit " + f.submits + ": the kernel should take " + taken + " and leave " + left
                        + "; the console said " + lines.submitted + " submitted, " + lines.notConsumed + " not consumed");
            }
            raw.read(rawCqes, f, kernelRing.cqEntries());
            // the CQEs the kernel still owes for the SQEs it took
            int expectedOutstanding = f.cqes - total(rawCqes) - queued.stream().flatMap(List::stream)
                    .mapToInt(s -> s.expected().size()).sum();
            if (expectedOutstanding > 0) {
                console.run("wait wait=" + expectedOutstanding + " timeout=5s");
                raw.read(rawCqes, f, kernelRing.cqEntries());
            }
        }
        raw.read(rawCqes, f, kernelRing.cqEntries());
        inFlight(f, session, ring, Set.of(), skippedSuccesses(all.values()));
        console.run("ring close " + ring);
        neverStartingDrain(f, session, console, ring + "-drain", submitAll, generator);
        for (Sqe s : all.values()) {
            List<Integer> want = sorted(s.expected());
            compare(f, s, "the CQ ring", sorted(rawCqes.getOrDefault(s.userData(), List.of())), want);
            compare(f, s, "the console's CQE lines", sorted(lines.cqes.getOrDefault(s.userData(), List.of())), want);
        }
        for (String e : lines.errors) {
            f.mismatch("console: " + e);
        }
        lines.errors.clear();
        return f;
    }

    /** The SQEs that succeeded with CQE_SKIP_SUCCESS: no CQE says they ended. */
    static Set<Long> skippedSuccesses(java.util.Collection<Sqe> sqes) {
        return sqes.stream().filter(s -> s.expected().isEmpty() && s.line().contains("CQE_SKIP_SUCCESS")).map(Sqe::userData)
                .collect(Collectors.toSet());
    }

    /**
     * The console's ledger holds in flight exactly {@code never} (what the kernel took and never completed) and the
     * {@code skipped} successes, which it keeps as in flight since no CQE tells it they ended.
     */
    static void inFlight(Figures f, Session session, String ring, Set<Long> never, Set<Long> skipped) {
        Set<Long> inFlight = session.ring(ring).ledger().pending().stream().map(Pending::userData)
                .collect(Collectors.toCollection(TreeSet::new));
        f.inFlightAtClose += never.size();
        f.skippedHeld += inFlight.stream().filter(skipped::contains).count();
        Set<Long> want = new TreeSet<>(never);
        want.addAll(skipped);
        if (!inFlight.equals(want)) {
            Set<Long> extra = new TreeSet<>(inFlight);
            extra.removeAll(want);
            Set<Long> missing = new TreeSet<>(want);
            missing.removeAll(inFlight);
            f.mismatch("in flight on " + ring + " before its close: the console's ledger also has " + extra.stream().limit(10).toList()
                    + " and lacks " + missing.stream().limit(10).toList() + " (the kernel never completed " + never + ")");
        }
    }

    /**
     * A drain behind a request that never completes never starts, nor does what comes after it: on a fresh ring of the
     * same kind (a ring that took a CQE_SKIP_SUCCESS refuses drains), a 1 h timeout, a drained NOP and a NOP, then the
     * ring closed with the three in flight; the kernel takes all three and completes none.
     */
    static void neverStartingDrain(Figures f, Session session, Dispatcher console, String ring, boolean submitAll, Generator generator) {
        console.run("ring create " + ring + " entries=8" + (submitAll ? " flags=SUBMIT_ALL" : ""));
        RawCq raw = new RawCq(session.ring(ring).ring());
        List<Sqe> stuck = new ArrayList<>();
        for (String sqe : List.of("sqe timeout ts=1h", "sqe nop flags=IO_DRAIN", "sqe nop")) {
            long u = generator.userData();
            String line = sqe.replace("sqe timeout", "sqe timeout user_data=" + u).replace("sqe nop", "sqe nop user_data=" + u);
            stuck.add(new Sqe(u, line, List.of(), false));
            f.all.put(u, stuck.getLast());
            console.run(line);
        }
        tally(f, stuck);
        console.run("submit");
        console.run("wait wait=1 timeout=50ms");
        raw.read(f.rawCqes, f, 8);
        Set<Long> never = stuck.stream().map(Sqe::userData).collect(Collectors.toSet());
        inFlight(f, session, ring, never, Set.of());
        f.cancelledAtClose.addAll(never);
        console.run("ring close " + ring);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int total(Map<Long, List<Integer>> cqes) {
        return cqes.values().stream().mapToInt(List::size).sum();
    }

    static List<Integer> sorted(List<Integer> results) {
        return results.stream().sorted().toList();
    }

    static void compare(Figures f, Sqe s, String where, List<Integer> got, List<Integer> want) {
        if (!got.equals(want)) {
            f.mismatch("user_data=" + s.userData() + " (" + s.line() + "): the kernel's rule gives " + want + ", " + where + " has " + got);
        }
    }

    static long fds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    static List<String> ringMappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("io_uring") || l.contains("anon_inode")).toList();
    }

    static long liveHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 12;
        ConsoleLines lines = new ConsoleLines();
        boolean failed = false;
        List<String> summary = new ArrayList<>();
        try (Session session = new Session(new PrintWriter(lines, true), Style.detect(false, null))) {
            Dispatcher console = new Dispatcher(session);
            // a warm-up ring, so classes and lazily opened files are there before the count
            console.run("ring create warm entries=4");
            console.run("sqe nop user_data=1");
            console.run("submit wait=1");
            console.run("ring close warm");
            // the first read of the journal back parses through Jackson, whose jars the class loader opens then
            int eventsBefore = session.journal().events().size();
            long fdsBefore = fds();
            List<String> mapsBefore = ringMappings();
            long heapBefore = liveHeap();
            KernelEvents kernel = null;
            String kernelNote;
            try {
                kernel = KernelEvents.open();
                kernelNote = "kernel tracepoints";
            } catch (IOException | SecurityException e) {
                kernelNote = "no kernel tracepoints (" + e.getMessage() + ")";
            }
            try {
                long start = System.nanoTime();
                List<Figures> all = new ArrayList<>();
                for (boolean submitAll : List.of(false, true)) {
                    Random random = new Random(seed + (submitAll ? 1 : 0));
                    long t0 = System.nanoTime();
                    Figures f = campaign(session, console, lines, submitAll ? "all" : "plain", submitAll, count, random);
                    all.add(f);
                    summary.add(String.format("sqe accounting (%s ring, seed %d): %d SQEs in %d submits (%d partial), %d CQEs"
                                    + " (%d successes skipped by CQE_SKIP_SUCCESS, %d -ECANCELED by a failed link, %d refused at submit,"
                                    + " %d failed at execution, %d timeouts, %d drains of which %d refused once the ring had taken a CQE_SKIP_SUCCESS, %d links), %d never started or completed (a drain behind a 1 h"
                                    + " timeout, in flight at close, cancelled by the ring's exit); the console's ledger holds the %d skipped successes"
                                    + " as in flight (no CQE says they ended); %d s; %s",
                            submitAll ? "SUBMIT_ALL" : "plain", seed + (submitAll ? 1 : 0), f.sqes, f.submits, f.partialSubmits,
                            f.cqes, f.skipped, f.cancelled, f.refusedAtSubmit, f.failedAtExecution, f.timeouts, f.drains, f.drainsRefused, f.links,
                            f.inFlightAtClose, f.skippedHeld, (System.nanoTime() - t0) / 1_000_000_000L,
                            f.mismatches.isEmpty() ? "every SQE accounted for" : f.mismatches.size() + "+ MISMATCHES"));
                }
                if (kernel != null) {
                    KernelEvents.Counts counts = kernel.read();
                    // a closed ring's exit work cancels its requests in a kernel worker, a moment after close(2)
                    Set<Long> cancelled = all.stream().flatMap(f -> f.cancelledAtClose.stream()).collect(Collectors.toSet());
                    for (int i = 0; i < 20 && !counts.completed().keySet().containsAll(cancelled); i++) {
                        sleep(100);
                        counts = kernel.read();
                    }
                    // every SQE the campaign typed was taken by the kernel once, and completed as the CQ ring said
                    summary.add(kernelCheck(all, counts));
                }
                for (Figures f : all) {
                    for (String m : f.mismatches) {
                        summary.add("  mismatch: " + m);
                        failed = true;
                    }
                }
                long heapAfter = liveHeap();
                long fdsAfter = fds();
                List<String> mapsAfter = ringMappings();
                int events = session.journal().events().size() - eventsBefore;
                summary.add(String.format("sqe accounting hygiene: fds %d -> %d, io_uring mappings %d -> %d, live heap %+d KiB"
                                + " (%.2f KiB per SQE; the journal holds %d more events) after %d s; %s",
                        fdsBefore, fdsAfter, mapsBefore.size(), mapsAfter.size(), (heapAfter - heapBefore) / 1024,
                        (heapAfter - heapBefore) / 1024.0 / (2.0 * count), events, (System.nanoTime() - start) / 1_000_000_000L, kernelNote));
                if (fdsBefore != fdsAfter || !mapsBefore.equals(mapsAfter)) {
                    summary.add("  mismatch: fds or mappings differ: " + mapsBefore + " -> " + mapsAfter);
                    failed = true;
                }
                if (heapAfter - heapBefore > HEAP_BOUND_BYTES) {
                    summary.add("  mismatch: the live heap grew by more than " + HEAP_BOUND_BYTES / (1024 * 1024) + " MiB");
                    failed = true;
                }
            } finally {
                if (kernel != null) {
                    kernel.close();
                }
            }
        }
        summary.forEach(System.out::println);
        System.exit(failed ? 1 : 0);
    }

    /** The bound the live heap may grow by over both campaigns (20,000 SQEs): 48 MiB, about 2.4 KiB per SQE. */
    static final long HEAP_BOUND_BYTES = 48L * 1024 * 1024;

    /** Each SQE taken by the kernel exactly once (io_uring_submit_req or io_uring_req_failed), and completed as its rule says. */
    static String kernelCheck(List<Figures> all, KernelEvents.Counts counts) {
        int sqes = 0;
        int taken = 0;
        int completed = 0;
        for (Figures f : all) {
            for (Sqe s : f.all.values()) {
                sqes++;
                int times = counts.taken().getOrDefault(s.userData(), 0);
                taken += times;
                if (times != 1) {
                    f.mismatch("user_data=" + s.userData() + " (" + s.line() + "): the kernel's tracepoints show it taken " + times + " times");
                }
                List<Integer> results = sorted(counts.completed().getOrDefault(s.userData(), List.of()));
                completed += results.size();
                // the requests in flight when their ring closed are cancelled by the kernel as the ring exits
                List<Integer> want = f.cancelledAtClose.contains(s.userData()) ? List.of(-ECANCELED) : sorted(s.expected());
                compare(f, s, "the kernel's io_uring_complete events", results, want);
            }
        }
        return String.format("sqe accounting, kernel tracepoints: %d of %d SQEs taken (io_uring_submit_req + io_uring_req_failed),"
                + " %d io_uring_complete events, %d events lost to overrun", taken, sqes, completed, counts.lost());
    }
}
