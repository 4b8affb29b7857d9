package dev.ringside.tracer.trace;

import dev.ringside.decoders.kernel.ReqFlags;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel's io_uring tracepoints for this console's rings, merged into its journal. It owns a tracefs
 * instance ({@code instances/ringside-<pid>}, 4 MiB per CPU, trace_clock mono = System.nanoTime's clock),
 * reads its trace_pipe without blocking (a daemon thread every 20 ms, and before each event the console
 * records: {@link Journal.Source}, so kernel and console events are journaled in time order), and keeps only events of rings it saw created by the console's own threads: the
 * {@code io_uring_create} a console tid emitted names the ring's ctx, and every event carrying that ctx
 * is ours, whichever thread emitted it (iou-sqp-*, iou-wrk-*). Other processes' events are dropped.
 * The instance is removed by {@link #close()}, by a shutdown hook (SIGTERM, Ctrl-C of a run, an error),
 * and, if the JVM was killed, by the next start ({@link Tracefs#removeStale}).
 */
public final class KernelTracer implements AutoCloseable {
    public static final String SYSTEM = "io_uring";
    public static final int BUFFER_KB_PER_CPU = 4096;
    /** SQPOLL rings emit ~300k task_work_run count=0 a second: the instance keeps only those that ran work. */
    static final String TASK_WORK_FILTER = "count > 0";
    /** The reader thread records kernel events this much behind now (the console's events are timed just before they are recorded). */
    static final long TICK_MARGIN_NANOS = 50_000_000L;

    /** {@code comm-tid [cpu] flags secs.usecs: event: fields}; the flags column is an option, so optional. */
    private static final Pattern LINE = Pattern.compile(
            "^\\s*(.*?)-(\\d+)\\s+(?:\\(\\s*[\\d-]+\\)\\s+)?\\[(\\d+)]\\s+(?:\\S+\\s+)?(\\d+)\\.(\\d+):\\s+(\\w+):\\s?(.*)$");
    private static final Pattern OVERRUN = Pattern.compile("(?m)^overrun:\\s*(\\d+)");
    private static final Set<KernelTracer> LIVE = ConcurrentHashMap.newKeySet();
    /** Instances made and not yet removed, from the mkdir on: a signal during setup must not leave one behind. */
    private static final Set<Path> MADE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            List.copyOf(LIVE).forEach(KernelTracer::removeInstance);
            List.copyOf(MADE).forEach(KernelTracer::deleteQuietly);
        }, "ringside-tracefs-cleanup"));
    }

    private final Journal journal;
    private final Path instance;
    private final List<String> enabled;
    private final Map<String, EventFormat> formats;
    private final ReqFlags.Choice reqFlags;
    private final int pipe;
    private final Thread reader;
    private final StringBuilder carry = new StringBuilder();
    private final ThreadNames threadNames = new ThreadNames();
    /** ctx (as the kernel prints it) -> the fd io_uring_create gave, for rings the console created. */
    private final Map<String, Integer> ctxFd = new HashMap<>();
    /** ctx -> ring name (RingConfigured, confirmed by RingCreated's fd); "" for a ctx the console never named. */
    private final Map<String, String> ctxRing = new HashMap<>();
    /** ctx -> when the kernel created it, on the journal's clock: the console records its RingCreated after that. */
    private final Map<String, Long> ctxCreatedAt = new HashMap<>();
    /** Our events whose ring is not named yet (the kernel's create is read before the console records its own). */
    private final List<Event.KernelEvent> unnamed = new ArrayList<>();
    private final Map<Integer, Long> overrun = new HashMap<>();
    private final Journal.Source source = this::catchUp;
    /** Our named events read from the pipe, not yet recorded: their time is after the journal's last event. */
    private final List<Event.KernelEvent> ready = new ArrayList<>();
    private long read;
    /** A ring created before tracing whose ctx the next register event of ours names ({@link #adopt}); null when none. */
    private Adoption adopting;
    private long lastLostCheck = System.nanoTime();
    private volatile boolean running = true;
    private boolean removed;

    private KernelTracer(Journal journal, Path instance, List<String> enabled, Map<String, EventFormat> formats, int pipe) {
        this.journal = journal;
        this.instance = instance;
        this.enabled = enabled;
        this.formats = formats;
        this.pipe = pipe;
        this.reqFlags = RUNNING_REQ_FLAGS.get();
        this.reader = new Thread(this::readLoop, "ringside-trace-" + instance.getFileName());
        this.reader.setDaemon(true);
    }

    /**
     * Starts tracing into {@code journal}: {@code events} are io_uring event names with or without the
     * io_uring_ prefix (empty: all of them). Empty, with one line on {@code say} saying why, when this
     * process cannot trace (not root, no tracefs); the console's own side is journaled either way.
     *
     * @throws IllegalArgumentException when an event name is not one of this kernel's io_uring events
     */
    public static Optional<KernelTracer> start(Journal journal, List<String> events, Consumer<String> say) {
        return start(journal, events, BUFFER_KB_PER_CPU, say);
    }

    /** {@link #start(Journal, List, Consumer)} with a trace buffer of {@code bufferKb} KiB per CPU. */
    public static Optional<KernelTracer> start(Journal journal, List<String> events, int bufferKb, Consumer<String> say) {
        // read before the instance exists: parsing BTF takes a while, and a signal in that time finds nothing half set up
        RUNNING_REQ_FLAGS.get();
        if (bufferKb < 1) {
            throw new IllegalArgumentException("the trace buffer needs at least 1 KiB per CPU, not " + bufferKb);
        }
        Tracefs.Result<Path> located = Tracefs.locate(say);
        if (located.value().isEmpty()) {
            say.accept("ringside: no kernel trace: " + located.why() + "; the console's own events are still journaled");
            return Optional.empty();
        }
        Path root = located.value().get();
        Path system = root.resolve("events").resolve(SYSTEM);
        if (!Files.isDirectory(system)) {
            say.accept("ringside: no kernel trace: this kernel has no io_uring tracepoints (" + system + ")");
            return Optional.empty();
        }
        List<String> available;
        try (var list = Files.list(system)) {
            available = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            say.accept("ringside: no kernel trace: cannot list " + system + ": " + e.getMessage());
            return Optional.empty();
        }
        List<String> wanted = new ArrayList<>();
        for (String name : events) {
            String full = name.startsWith(SYSTEM + "_") ? name : SYSTEM + "_" + name;
            if (!available.contains(full)) {
                throw new IllegalArgumentException("no io_uring event '" + name + "' in this kernel; events: "
                        + String.join(", ", available.stream().map(n -> n.substring(SYSTEM.length() + 1)).toList()));
            }
            wanted.add(full);
        }
        List<String> removedStale = Tracefs.removeStale(root);
        if (!removedStale.isEmpty()) {
            say.accept("ringside: removed tracefs instances of consoles no longer running: " + String.join(", ", removedStale));
        }
        Map<String, EventFormat> formats = new LinkedHashMap<>();
        for (String name : available) {
            try {
                formats.put(name, EventFormat.parse(name, Files.readString(system.resolve(name).resolve("format"))));
            } catch (IOException | IllegalArgumentException e) {
                say.accept("ringside: the format of " + name + " is unreadable (" + e.getMessage() + "); its events are skipped");
            }
        }
        Path instance = freshInstance(root);
        try {
            MADE.add(instance);
            Files.createDirectory(instance);
        } catch (IOException e) {
            MADE.remove(instance);
            say.accept("ringside: no kernel trace: cannot create " + instance + ": " + e.getMessage());
            return Optional.empty();
        }
        KernelTracer tracer = null;
        try {
            write(instance.resolve("buffer_size_kb"), Integer.toString(bufferKb));
            write(instance.resolve("trace_clock"), "mono");
            Path instanceSystem = instance.resolve("events").resolve(SYSTEM);
            Path taskWork = instanceSystem.resolve(SYSTEM + "_task_work_run");
            if (formats.containsKey(SYSTEM + "_task_work_run") && formats.get(SYSTEM + "_task_work_run").fields().contains("count")) {
                write(taskWork.resolve("filter"), TASK_WORK_FILTER);
            }
            List<String> enabled;
            if (wanted.isEmpty()) {
                write(instanceSystem.resolve("enable"), "1");
                enabled = List.copyOf(available);
            } else {
                // the create event names each ring's ctx: without it nothing can be attributed;
                // register names the ctx of a ring created before tracing (adopt)
                for (String naming : List.of(SYSTEM + "_create", SYSTEM + "_register")) {
                    if (!wanted.contains(naming) && available.contains(naming)) {
                        wanted.add(naming);
                    }
                }
                for (String name : wanted) {
                    write(instanceSystem.resolve(name).resolve("enable"), "1");
                }
                enabled = List.copyOf(wanted);
            }
            int fd = FdCalls.open(instance.resolve("trace_pipe").toString(),
                    (int) (OpenFlag.RDONLY.value() | OpenFlag.NONBLOCK.value()), 0);
            tracer = new KernelTracer(journal, instance, enabled, formats, fd);
            LIVE.add(tracer);
            journal.addSource(tracer.source);
            journal.record(new Event.KernelTrace(journal.now(), true, instance.toString(),
                    enabled.stream().map(n -> n.substring(SYSTEM.length() + 1)).toList(), 0));
            tracer.reader.start();
            return Optional.of(tracer);
        } catch (IOException | SyscallException | RuntimeException e) {
            if (tracer != null) {
                tracer.close();
            } else {
                deleteQuietly(instance);
            }
            say.accept("ringside: no kernel trace: setting up " + instance + " failed: " + e.getMessage());
            return Optional.empty();
        }
    }

    private static Path freshInstance(Path root) {
        Path base = root.resolve("instances");
        String name = Tracefs.INSTANCE_PREFIX + ProcessHandle.current().pid();
        Path path = base.resolve(name);
        for (int n = 2; Files.exists(path); n++) {
            path = base.resolve(name + "-" + n);
        }
        return path;
    }

    public Path instance() {
        return instance;
    }

    public List<String> enabled() {
        return enabled;
    }

    /** Records every kernel event read so far into the journal: call before showing completions. */
    public void drain() {
        journal.catchUp(journal.now());
    }

    /**
     * Under the journal's lock, before {@code next} (null: a tick) is recorded: reads the pipe, and records
     * our events with a time up to {@code upTo} first, so the journal is in time order. Events later than
     * that wait in {@link #ready}; the console's RingCreated names a ring's ctx before it is recorded.
     */
    private void catchUp(long upTo, Event next) {
        synchronized (this) {
            if (removed) {
                return;
            }
            readPipe();
            nameRings(upTo, next);
            ready.sort(java.util.Comparator.comparingLong(Event::at));
            while (!ready.isEmpty() && ready.getFirst().at() <= upTo) {
                journal.record(ready.removeFirst());
            }
            long now = System.nanoTime();
            if (upTo == Long.MAX_VALUE || now - lastLostCheck > 1_000_000_000L) {
                lastLostCheck = now;
                checkLost();
            }
            if (upTo == Long.MAX_VALUE) {
                // nothing is left unnamed at the end: nameRings gave every past event its ring or none
            }
        }
    }

    private void readPipe() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(64 * 1024);
            while (true) {
                long n;
                try {
                    n = FdCalls.read(pipe, buffer);
                } catch (SyscallException e) {
                    break; // EAGAIN: nothing more now
                }
                if (n <= 0) {
                    break;
                }
                carry.append(new String(buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE),
                        StandardCharsets.UTF_8));
                int nl;
                while ((nl = carry.indexOf("\n")) >= 0) {
                    line(carry.substring(0, nl));
                    carry.delete(0, nl + 1);
                }
            }
        }
    }

    private void line(String text) {
        Matcher m = LINE.matcher(text);
        if (!m.matches()) {
            return;
        }
        String event = m.group(6);
        EventFormat format = formats.get(event);
        if (format == null) {
            return;
        }
        Optional<Map<String, String>> parsed = format.read(m.group(7));
        if (parsed.isEmpty()) {
            return;
        }
        Map<String, String> fields = parsed.get();
        int tid = Integer.parseInt(m.group(2));
        long monotonic = Long.parseLong(m.group(4)) * 1_000_000_000L + micros(m.group(5));
        String ctx = fields.get("ctx");
        String name = event.substring(SYSTEM.length() + 1);
        if (name.equals("create") && ctx != null && !ThreadNames.ours(tid)) {
            // another process's ring: if it got the address of a ring of ours that closed, that ctx is theirs now
            ctxFd.remove(ctx);
            ctxRing.remove(ctx);
            ctxCreatedAt.remove(ctx);
            return;
        }
        Adoption adoption = adopting;
        if (adoption != null && adoption.ctx == null && name.equals("register") && ctx != null && !ctxFd.containsKey(ctx)
                && Integer.toString(adoption.opcode).equals(fields.get("opcode")) && ThreadNames.ours(tid)) {
            adoption.ctx = ctx; // the trial call on that ring's fd: this ctx is that ring
            ctxFd.put(ctx, adoption.fd);
            ctxRing.put(ctx, adoption.ring);
        }
        if (name.equals("create") && ctx != null) {
            ctxFd.put(ctx, Integer.parseInt(fields.getOrDefault("fd", "-1")));
            ctxCreatedAt.put(ctx, monotonic - journal.startNanos());
            ctxRing.remove(ctx); // a ctx address reused by a new ring
        } else if (ctx == null ? !ThreadNames.ours(tid) : !ctxFd.containsKey(ctx)) {
            return; // another process's ring, or a ring created before tracing started
        }
        read++;
        Event.KernelEvent kernel = new Event.KernelEvent(monotonic - journal.startNanos(),
                ctx == null ? "" : ctxRing.getOrDefault(ctx, ""), name, threadNames.name(m.group(1).trim(), tid), tid,
                Integer.parseInt(m.group(3)), fields, note(name, fields));
        if (ctx != null && !ctxRing.containsKey(ctx)) {
            unnamed.add(kernel);
        } else {
            ready.add(kernel);
        }
    }

    /** A ring created before tracing started, and the ctx the kernel's register event named for it. */
    private static final class Adoption {
        final String ring;
        final int fd;
        final int opcode;
        String ctx;

        Adoption(String ring, int fd, int opcode) {
            this.ring = ring;
            this.fd = fd;
            this.opcode = opcode;
        }
    }

    /**
     * A ring created before tracing started has no io_uring_create in the trace: its ctx is learnt from the
     * io_uring_register event that {@code trial} makes the kernel emit, a harmless io_uring_register call with
     * {@code opcode} on the ring's fd from the console's thread (the event carries ctx and opcode, not the fd, so
     * rings are adopted one at a time). Waits at most {@code timeoutNanos} for the event to be read.
     *
     * @return the ctx as the kernel prints it, empty when the event did not come (register not enabled, the call failed before it)
     */
    public Optional<String> adopt(String ring, int fd, int opcode, Runnable trial, long timeoutNanos) {
        Adoption adoption = new Adoption(ring, fd, opcode);
        synchronized (this) {
            if (removed || !enabled.contains(SYSTEM + "_register")) {
                return Optional.empty();
            }
            adopting = adoption;
        }
        try {
            trial.run();
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                synchronized (this) {
                    readPipe();
                    if (adoption.ctx != null) {
                        return Optional.of(adoption.ctx);
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        } finally {
            synchronized (this) {
                adopting = null;
            }
        }
    }

    private static long micros(String fraction) {
        // trace_pipe prints microseconds (6 digits); scale whatever it printed to ns
        String digits = (fraction + "000000000").substring(0, 9);
        return Long.parseLong(digits);
    }

    /** The running kernel's own REQ_F_*_BIT enum when it has BTF (exact for this build, whatever its version), read once. */
    private static final java.util.function.Supplier<ReqFlags.Choice> RUNNING_REQ_FLAGS = new java.util.function.Supplier<>() {
        private ReqFlags.Choice choice;

        @Override
        public synchronized ReqFlags.Choice get() {
            if (choice == null) {
                choice = ReqFlags.forKernel(dev.ringside.tracer.caps.Btf.kernel().map(dev.ringside.tracer.caps.Btf::enumerators),
                        System.getProperty("os.version"));
            }
            return choice;
        }
    };

    /** The REQ_F_* table req flags are decoded with, and where it comes from. */
    public ReqFlags.Choice reqFlags() {
        return reqFlags;
    }

    /** What the raw fields mean: REQ_F_* names of a request's flags, for the running release's table. */
    private String note(String name, Map<String, String> fields) {
        if ((name.equals("submit_req") || name.equals("submit_sqe") || name.equals("queue_async_work"))
                && fields.containsKey("flags")) {
            try {
                long flags = Long.parseUnsignedLong(fields.get("flags").replaceFirst("^0x", ""), 16);
                return "REQ_F " + reqFlags.format(flags) + (reqFlags.exact() ? "" : " (" + reqFlags.note() + ")");
            } catch (NumberFormatException e) {
                return "";
            }
        }
        if (name.equals("req_failed") && fields.containsKey("error")) {
            try {
                return "error " + dev.ringside.decoders.values.Errno.describeResult(Long.parseLong(fields.get("error")));
            } catch (NumberFormatException e) {
                return "";
            }
        }
        return "";
    }

    /**
     * Names the rings' ctxs from the console event about to be recorded: io_uring_setup returns, then the
     * console records RingConfigured (the ring's name, the first event after the syscall) and RingCreated
     * (its fd, which confirms or corrects the name). Events of a ctx the console never names (the trial
     * setups of require and probe) are recorded once their time has passed, with no ring.
     */
    private void nameRings(long upTo, Event next) {
        if (next instanceof Event.RingConfigured configured) {
            latestCreated(configured.at(), ctx -> ctxRing.get(ctx) == null || ctxRing.get(ctx).isEmpty())
                    .ifPresent(ctx -> ctxRing.put(ctx, configured.ring()));
        } else if (next instanceof Event.RingCreated created) {
            latestCreated(created.at(), ctx -> ctxFd.get(ctx) == created.fd())
                    .ifPresent(ctx -> ctxRing.put(ctx, created.ring()));
        }
        List<Event.KernelEvent> still = new ArrayList<>();
        for (Event.KernelEvent e : unnamed) {
            String ctx = e.fields().get("ctx");
            String ring = ctxRing.get(ctx);
            if (ring == null && e.at() <= upTo && !(next instanceof Event.RingConfigured)) {
                ring = "";
                ctxRing.put(ctx, ring);
            }
            if (ring == null) {
                still.add(e);
            } else {
                ready.add(new Event.KernelEvent(e.at(), ring, e.name(), e.comm(), e.tid(), e.cpu(), e.fields(), e.note()));
            }
        }
        unnamed.clear();
        unnamed.addAll(still);
    }

    /** The ctx created last, at or before {@code at}, among those {@code candidate} accepts. */
    private Optional<String> latestCreated(long at, java.util.function.Predicate<String> candidate) {
        String best = null;
        for (Map.Entry<String, Long> entry : ctxCreatedAt.entrySet()) {
            if (entry.getValue() <= at && candidate.test(entry.getKey())
                    && (best == null || entry.getValue() > ctxCreatedAt.get(best))) {
                best = entry.getKey();
            }
        }
        return Optional.ofNullable(best);
    }

    /** per_cpu/cpuN/stats {@code overrun}: events the buffer overwrote before they were read, into the journal. */
    private void checkLost() {
        try (var cpus = Files.list(instance.resolve("per_cpu"))) {
            for (Path cpu : cpus.toList()) {
                Matcher m = OVERRUN.matcher(Files.readString(cpu.resolve("stats")));
                if (m.find()) {
                    int number = Integer.parseInt(cpu.getFileName().toString().substring(3));
                    long total = Long.parseLong(m.group(1));
                    long before = overrun.getOrDefault(number, 0L);
                    if (total > before) {
                        overrun.put(number, total);
                        journal.record(new Event.KernelEventsLost(journal.now(), number, total - before));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // the instance went away (close raced the check): nothing to count
        }
    }

    private void readLoop() {
        while (running) {
            // a margin, so an event the console timed just before this tick is still recorded before later kernel ones
            journal.catchUp(journal.now() - TICK_MARGIN_NANOS);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Reads what is left, says how many were ours, and removes the instance. */
    @Override
    public void close() {
        running = false;
        reader.interrupt();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.catchUp(Long.MAX_VALUE);
        journal.removeSource(source);
        journal.record(new Event.KernelTrace(journal.now(), false, instance.toString(),
                enabled.stream().map(n -> n.substring(SYSTEM.length() + 1)).toList(), read));
        removeInstance();
    }

    /** Closes the pipe and removes the instance directory; safe to call twice and from the shutdown hook. */
    private synchronized void removeInstance() {
        if (removed) {
            return;
        }
        removed = true;
        running = false;
        LIVE.remove(this);
        try {
            Syscalls.close(pipe);
        } catch (SyscallException e) {
            // already closed
        }
        try {
            write(instance.resolve("events").resolve(SYSTEM).resolve("enable"), "0");
        } catch (IOException e) {
            // removing the instance disables its events anyway
        }
        deleteQuietly(instance);
    }

    private static void deleteQuietly(Path instance) {
        IOException last = null;
        // the reader thread may still be inside a read of trace_pipe: rmdir says EBUSY until it returns
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                Files.deleteIfExists(instance);
                MADE.remove(instance);
                return;
            } catch (IOException e) {
                last = e;
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        System.err.println("ringside: could not remove tracefs instance " + instance + ": " + last.getMessage()
                + "; the next start removes it");
    }

    private static void write(Path file, String value) throws IOException {
        Files.writeString(file, value);
    }
}
