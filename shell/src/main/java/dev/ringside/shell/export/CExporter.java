package dev.ringside.shell.export;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.flags.SetupFlag;
import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import dev.ringside.decoders.register.RegisterOpcodes;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.ring.RingConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A session's journal as one standalone C program: raw io_uring_setup, mmap and io_uring_enter
 * against {@code <linux/io_uring.h>} (no liburing), every SQE field the session set written by its
 * uapi name, the same submits and bounded waits, each CQE printed as
 * as the console prints it ({@code cqe user_data=2 res=-62 ETIME flags=0}), line-buffered, and the same
 * expectations (exit 1 when one fails, 2 when a call it checks failed).
 */
public final class CExporter {
    /** How the header comment tells the reader to build it. */
    public static final String BUILD = "gcc -Wall -Werror -o repro repro.c";

    private final CConstants constants = new CConstants();
    private final SqeC sqes = new SqeC(constants);
    private final ReturnedFdsC returnedFds = new ReturnedFdsC();
    private final ResourcesC resources = new ResourcesC(returnedFds);
    private final RegisterC registers = new RegisterC(constants, resources);
    private final ProcsC procs = new ProcsC(resources);
    private final BpfLoopC bpf = new BpfLoopC();
    /** The ring the session's commands went to last (bpf loop attaches to the current ring): created, or named by an SQE or submit. */
    private String current;
    private final List<String> body = new ArrayList<>();
    /** Ring name as the session knew it at this point -> index in rings[]. */
    private final Map<String, Integer> live = new HashMap<>();
    /** Ring fd in the session -> index, for ATTACH_WQ. */
    private final Map<Integer, Integer> byFd = new HashMap<>();
    private int ringCount;
    /** Written as a liburing test (test/*.c conventions, liburing's API where it has the call), not standalone. */
    private boolean liburingTest;
    private List<String> requires = List.of();

    private CExporter() {
    }

    /**
     * The same program as a test for liburing's test/ directory: T_EXIT_PASS (0), T_EXIT_FAIL (1),
     * T_EXIT_SKIP (77) when a trial finds the kernel lacks what the script requires; rings set up,
     * handed SQEs, submitted and torn down by liburing where it can map them, raw syscalls elsewhere.
     */
    public static String liburingTest(List<Event> journal, String source) {
        CExporter exporter = new CExporter();
        exporter.liburingTest = true;
        exporter.requires = LiburingRequires.checks(LiburingRequires.words(journal));
        for (Steps.LineEvents step : Steps.of(journal)) {
            exporter.step(step);
        }
        return exporter.assemble(source);
    }

    /** Runs the script in a fresh session and writes what it did as a liburing test. */
    public static String liburingTestFromScript(Path script) {
        return liburingTest(ran(script), script.getFileName().toString());
    }

    /** The C program for these events; {@code source} names where they came from, for the header comment. */
    public static String program(List<Event> journal, String source) {
        CExporter exporter = new CExporter();
        for (Steps.LineEvents step : Steps.of(journal)) {
            exporter.step(step);
        }
        return exporter.assemble(source);
    }

    /** Runs the script in a fresh session (its output discarded) and exports what it did. */
    public static String fromScript(Path script) {
        return program(ran(script), script.toString());
    }

    /** The journal of the script run in a fresh session (its output discarded); a script that skips or stops is refused. */
    private static List<Event> ran(Path script) {
        StringWriter output = new StringWriter();
        Journal journal;
        ScriptRunner.Result result;
        try (Session session = new Session(new PrintWriter(output, true), new Style(false))) {
            journal = session.journal();
            result = new ScriptRunner(session).run(script);
        }
        if (result.exitCode() == ScriptRunner.SKIPPED) {
            throw new ConsoleException("export c: " + script + " skips on this kernel (" + result.skipReason().orElse("an unmet require")
                    + "): nothing ran to export");
        }
        if (result.exitCode() != ScriptRunner.PASSED && result.exitCode() != ScriptRunner.FAILED) {
            String error = output.toString().lines().filter(l -> l.contains(": error: ")).findFirst()
                    .orElse(script + ": did not run to its end (exit " + result.exitCode() + ")");
            throw new ConsoleException("export c: the script does not run through, fix it first: " + error);
        }
        return journal.events();
    }

    private void step(Steps.LineEvents step) {
        step.line().ifPresent(line -> body.add("// > " + line.strip().replaceAll("\\\\+$", "")
                + (step.succeeded() ? "" : "   (failed)")));
        if (step.command().equals("bpf") && step.succeeded()) {
            body.addAll(bpf.statements(step.line().orElse("bpf"), () -> currentRing(step)));
        }
        boolean expectStep = step.command().equals("expect");
        boolean checks = step.events().stream().anyMatch(e -> e instanceof Event.Expectation || e instanceof Event.ExpectedRefusal);
        if (expectStep && !checks && (step.succeeded() || !step.events().isEmpty())) {
            throw new ConsoleException("export c: cannot reproduce '" + step.line().get().strip() + "' in C yet");
        }
        List<Event> events = step.events();
        boolean reaped = false;
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            java.util.Optional<List<String>> resource = resources.statements(event);
            if (resource.isPresent()) {
                body.addAll(resource.get());
                procs.resourceWritten(event);
                continue;
            }
            java.util.Optional<List<String>> proc = procs.statements(event, this::ring);
            if (proc.isPresent()) {
                body.addAll(proc.get());
                continue;
            }
            switch (event) {
                case Event.RingConfigured rc -> setup(rc.ring(), rc.config());
                case Event.SetupExpected x -> setupExpected(x, step);
                case Event.RingCreated created -> byFd.put(created.fd(), index(created.ring()));
                case Event.SqeAssigned sqe -> {
                    current = sqe.ring();
                    List<String> block = new ArrayList<>(sqes.statements(sqe.opcode(), sqe.assignments(), names));
                    int first = (int) block.stream().takeWhile(s -> s.startsWith("static ")).count();
                    // a 128-byte opcode takes two slots of an SQE_MIXED ring: the runtime decides by the ring's flags
                    block.add(first, "struct io_uring_sqe *sqe = " + (dev.ringside.decoders.catalog.Opcodes.bigSqe(sqe.opcode())
                            ? "ring_sqe_sized(" + ring(sqe.ring()) + ", 1);" : "ring_sqe(" + ring(sqe.ring()) + ");"));
                    block(block);
                }
                case Event.SqeQueued q -> returnedFds.queued(q);
                case Event.Submitted call -> {
                    OptionalLong expected = submitExpected(step, call);
                    body.add(expected.isPresent() ? "ring_submit_expect(" + ring(call.ring()) + ", "
                            + cString(spelled(step, "submit expect=" + expected.getAsLong())) + ", " + expected.getAsLong() + ");"
                            : "ring_submit(" + ring(call.ring()) + ");");
                    boolean waits = events.subList(i + 1, events.size()).stream()
                            .anyMatch(e -> e instanceof Event.Waited w && w.ring().equals(call.ring()));
                    // submit reap=no leaves the CQEs in the CQ ring, for a later wait or expect
                    if (!waits && !expectStep && !stepWord(step, "reap=no")) {
                        body.add("ring_reap(" + ring(call.ring()) + ");");
                    }
                    reaped = true;
                }
                case Event.Entered enter -> {
                    // submits and waits are made again by ring_submit and ring_await; a task-work run is its own call
                    if (enter.reason() == Event.EnterReason.BPF_LOOP) {
                        body.add("bpf_loop_run(" + ring(enter.ring()) + ");");
                    }
                    if (enter.reason() == Event.EnterReason.TASK_WORK && !expectStep) {
                        String call = "ring_get_events(" + ring(enter.ring()) + ");";
                        if (body.isEmpty() || !body.getLast().equals(call)) {
                            body.add(call);
                        }
                    }
                }
                case Event.Slept slept -> body.add("sleep_ns(" + slept.nanos() + "LL);");
                case Event.Waited w -> {
                    if (!expectStep) {
                        body.add("ring_await(" + ring(w.ring()) + ", " + w.count() + ", " + w.timeoutNanos() + "LL);");
                        reaped = true;
                    }
                }
                case Event.PbufAdded added -> block(RegisterC.pbufReadd(added, this::ring));
                case Event.HeaderPoked poke -> body.add("header_poke(" + ring(poke.ring()) + ", " + (poke.which().equals("sq") ? 1 : 0)
                        + ", " + cString(poke.field()) + ", " + Long.toUnsignedString(poke.value()) + "U);");
                case Event.CqeReaped cqe -> {
                    returnedFds.reaped(cqe, this::ring);
                    if (!reaped && !expectStep) {
                        body.add("ring_reap(" + ring(cqe.ring()) + ");");
                        reaped = true;
                    }
                }
                case Event.Registered r -> block(registers.statements(r, step.line().orElse("register").strip(), this::ring));
                case Event.RegisterCalled call when registered(step, call) -> {
                }
                case Event.Expected x -> expect(x, step);
                case Event.ExpectedCount x -> body.add("expect_cqes(" + (live.containsKey(x.ring()) ? ring(x.ring()) : "NULL") + ", "
                        + cString(spelled(step, "expect cqes=" + x.count())) + ", " + x.count() + ", "
                        + x.timeoutNanos() + "LL);");
                case Event.ExpectedHeader x -> header(x, step);
                case Event.ExpectedCqe x -> block(ExpectC.cqe(x, x.ring().isEmpty() || !live.containsKey(x.ring()) ? "NULL" : ring(x.ring()),
                        spelled(step, ExpectC.what(x))));
                case Event.ExpectedOrder x -> block(ExpectC.order(x, ring(x.ring()), spelled(step, "expect order "
                        + String.join(" ", x.userData().stream().map(Long::toUnsignedString).toList()))));
                case Event.ExpectedHeaderCheck x -> block(ExpectC.header(x, ring(x.ring()), spelled(step, "expect " + x.which())));
                // the console refused it before any syscall: the C program has nothing to call, it only counts the check
                case Event.ExpectedRefusal x when bpf.refusal(x.command(), x.naming(), x.met(), current == null ? null : ring(current)).isPresent() ->
                        body.add(bpf.refusal(x.command(), x.naming(), x.met(), ring(current)).get());
                case Event.ExpectedRefusal x -> body.add(x.met() ? "printf(\"ok expect %s\\n\", " + cString("refused " + x.command()) + ");"
                        : "{ printf(\"FAILED expect %s: the console ran it\\n\", " + cString("refused " + x.command()) + "); failures++; }");
                case Event.RingClosed closed -> {
                    body.add("ring_close(" + ring(closed.ring()) + ");");
                    if (closed.ring().equals(current)) {
                        current = null;
                    }
                    byFd.values().remove(live.remove(closed.ring()));
                }
                case Event.Note ignored -> {
                }
                // what mem, watch and cqes showed: observations, nothing for a reproducer to do
                case Event.HeaderShown ignored -> {
                }
                case Event.CqeSeen ignored -> {
                }
                // the C runtime maps the rings and the memory its own calls need, as ringside did
                case Event.Mapped ignored -> {
                }
                case Event.Unmapped ignored -> {
                }
                case Event e -> throw new ConsoleException("export c: cannot reproduce "
                        + (e instanceof Event.RegisterCalled r ? "io_uring_register " + dev.ringside.tracer.register.RegisterCall.name(r.opcode())
                                .orElse(Integer.toUnsignedString(r.opcode())) : e.getClass().getSimpleName()) + " in C yet"
                        + step.line().map(l -> " (from '" + l.strip() + "')").orElse(""));
            }
        }
    }

    /**
     * An io_uring_register call that a Registered event of the same step reproduces, or one that only
     * asks (the PBUF_STATUS of {@code mem pbuf}, the PROBE of {@code probe}): they print, no expectation reads them.
     */
    private static boolean registered(Steps.LineEvents step, Event.RegisterCalled call) {
        boolean asks = step.command().equals("mem") && call.opcode() == RegisterOpcodes.named("PBUF_STATUS").number()
                || step.command().equals("probe") && call.opcode() == RegisterOpcodes.named("PROBE").number();
        return step.events().stream().anyMatch(e -> e instanceof Event.Registered) || asks;
    }

    private void setup(String name, RingConfig config) {
        int index = ringCount++;
        live.put(name, index);
        current = name;
        List<String> block = params(config, false);
        block.add("ring_setup(&rings[" + index + "], " + cString(name) + ", " + Integer.toUnsignedString(config.entries()) + ", &p);");
        block(block);
    }

    /** {@code ring create ... expect=-EINVAL}: the same io_uring_setup, its answer printed and checked like an expect line. */
    private void setupExpected(Event.SetupExpected x, Steps.LineEvents step) {
        List<String> block = params(x.config(), true);
        block.add("setup_expect(" + cString(step.line().orElse("ring create expect=" + x.expected()).strip()) + ", " + cString(x.ring()) + ", "
                + Integer.toUnsignedString(x.config().entries()) + ", &p, " + x.expected() + "L);");
        block(block);
    }

    /** The io_uring_params of a setup, as {@code p}; a refusal expected may name a wq fd that is no ring, as the script did. */
    private List<String> params(RingConfig config, boolean refusalExpected) {
        List<String> block = new ArrayList<>();
        block.add("struct io_uring_params p;");
        block.add("memset(&p, 0, sizeof p);");
        if (config.flags() != 0) {
            constants.useFlags(FlagSets.SETUP, config.flags());
            block.add("p.flags = " + FlagSets.SETUP.formatC(config.flags()) + ";");
        }
        if (config.cqEntries() != 0) {
            block.add("p.cq_entries = " + Integer.toUnsignedString(config.cqEntries()) + ";");
        }
        if (config.sqThreadCpu() != 0) {
            block.add("p.sq_thread_cpu = " + config.sqThreadCpu() + ";");
        }
        if (config.sqThreadIdle() != 0) {
            block.add("p.sq_thread_idle = " + config.sqThreadIdle() + ";");
        }
        if (config.wqFd() != 0) {
            Integer shared = byFd.get(config.wqFd());
            if (shared == null && refusalExpected) {
                block.add("p.wq_fd = " + config.wqFd() + ";");
                return block;
            }
            if (shared == null) {
                throw new ConsoleException("export c: wq fd " + config.wqFd() + " is not a ring of this session");
            }
            block.add("p.wq_fd = rings[" + shared + "].fd;");
        }
        return block;
    }

    /** The SQE fields that named session objects: buffers, console fds, and rings by their fd (unless a fixed file). */
    private final SqeC.Names names = new SqeC.Names() {
        @Override
        public String address(String buffer, long offset) {
            return resources.address(buffer, offset);
        }

        @Override
        public java.util.Optional<String> fd(dev.ringside.decoders.catalog.SqeField field, String text, long bits, boolean fixedFile) {
            boolean fdField = field.type() instanceof dev.ringside.decoders.catalog.FieldType.Fd && !fixedFile;
            java.util.Optional<String> console = resources.fd(text, bits, fdField);
            if (console.isEmpty() && field.name().equals("id") && procs.pid(bits).isPresent()) {
                return procs.pid(bits); // WAITID's id=$c.pid: the program's own child
            }
            if (console.isEmpty() && fdField && returnedFds.fd(bits).isPresent()) {
                return returnedFds.fd(bits); // fd=$open.res: the fd the program's own OPENAT returned
            }
            if (console.isPresent() || !fdField || !byFd.containsKey((int) bits)) {
                return console;
            }
            return java.util.Optional.of("rings[" + byFd.get((int) bits) + "].fd");
        }
    };

    /** {@code expect sq|cq FIELD=VALUE...}: the same fields polled in the program's own mapped header. */
    private void header(Event.ExpectedHeader x, Steps.LineEvents step) {
        List<String> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        x.wanted().forEach((field, value) -> {
            fields.add(cString(field));
            values.add(Long.toUnsignedString(value) + "U");
        });
        block(List.of("static const char *const fields[] = { " + String.join(", ", fields) + " };",
                "static const unsigned values[] = { " + String.join(", ", values) + " };",
                "expect_header(" + ring(x.ring()) + ", " + cString(spelled(step, "expect " + x.which() + " "
                        + String.join(" ", x.wanted().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()))) + ", "
                        + (x.which().equals("sq") ? 1 : 0) + ", " + fields.size() + ", fields, values, " + x.timeoutNanos() + "LL);"));
    }

    private void expect(Event.Expected x, Steps.LineEvents step) {
        String what = spelled(step, "expect cqe"
                + x.userData().stream().mapToObj(u -> " user_data=" + Long.toUnsignedString(u)).findFirst().orElse("")
                + x.res().stream().mapToObj(r -> " res=" + r).findFirst().orElse("")
                + x.flags().stream().mapToObj(f -> " flags=" + CqeCodec.formatFlags(f)).findFirst().orElse(""));
        String ring = x.ring().isEmpty() || !live.containsKey(x.ring()) ? "NULL" : ring(x.ring());
        body.add("expect_cqe(" + ring + ", " + cString(what) + ", " + has(x.userData(), true) + ", "
                + has(x.res(), false) + ", " + has(x.flags(), false) + ", " + x.timeoutNanos() + "LL);");
    }

    /** The expect line as typed, unless it used script variables ($i): then as the values it checked. */
    /** A step's line has this word (reap=no), as typed. */
    private static boolean stepWord(Steps.LineEvents step, String word) {
        return step.line().map(l -> dev.ringside.shell.script.Tokenizer.split(l).stream().anyMatch(t -> t.text().equals(word)))
                .orElse(false);
    }

    /**
     * {@code submit expect=-EBUSY}: the errno its io_uring_enter was expected to fail with, from the line as typed
     * (a $variable there: the answer it got, when it failed); empty for a plain submit.
     */
    private static OptionalLong submitExpected(Steps.LineEvents step, Event.Submitted call) {
        if (!step.command().equals("submit")) {
            return OptionalLong.empty();
        }
        java.util.Optional<String> typed = step.line().flatMap(l -> dev.ringside.shell.script.Tokenizer.split(l).stream()
                .map(dev.ringside.shell.script.Token::text).filter(t -> t.startsWith("expect=")).findFirst()).map(t -> t.substring(7));
        if (typed.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(dev.ringside.decoders.values.Values.parseResult(typed.get()));
        } catch (RuntimeException notLiteral) {
            return call.submitted() < 0 ? OptionalLong.of(call.submitted()) : OptionalLong.empty();
        }
    }

    private static String spelled(Steps.LineEvents step, String fromEvent) {
        return step.command().equals("expect") && !step.line().get().contains("$") ? step.line().get().strip() : fromEvent;
    }

    /** {@code 1, 3ULL} or {@code 0, 0} for an optional filter. */
    private static String has(OptionalLong value, boolean unsigned64) {
        if (value.isEmpty()) {
            return "0, 0";
        }
        long v = value.getAsLong();
        return "1, " + (unsigned64 ? Long.toUnsignedString(v) + "ULL" : Long.toString(v));
    }

    /** The current ring as a C expression, for a command that names none (bpf loop). */
    private String currentRing(Steps.LineEvents step) {
        if (current == null) {
            throw new ConsoleException("export c: '" + step.line().orElse(step.command()).strip() + "' ran with no ring of this journal current");
        }
        return ring(current);
    }

    private int index(String ring) {
        Integer index = live.get(ring);
        if (index == null) {
            throw new ConsoleException("export c: ring '" + ring + "' was created before the journal began");
        }
        return index;
    }

    private String ring(String name) {
        return "&rings[" + index(name) + "]";
    }

    private void block(List<String> statements) {
        body.add("{");
        statements.forEach(s -> body.add("\t" + s));
        body.add("}");
    }

    private String assemble(String source) {
        StringBuilder c = new StringBuilder();
        if (liburingTest) {
            return assembleLiburingTest(source, c);
        }
        c.append("/*\n * Reproducer exported by ringside from ").append(comment(source)).append("\n * on Linux ")
                .append(dev.ringside.tracer.probe.KernelRelease.running()).append(". Standalone: raw syscalls and <linux/io_uring.h>, no liburing.\n")
                .append(" * build: ").append(BUILD).append(bpf.used() ? " -lbpf" : "").append("\n * run:   ./repro   (exit 0: every expectation held, 1: one failed, 2: a call failed)\n */\n");
        c.append("""
                #define _GNU_SOURCE
                #include <errno.h>
                #include <fcntl.h>
                #include <linux/io_uring.h>
                #include <linux/time_types.h>
                #include <netinet/in.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <sys/eventfd.h>
                #include <sys/mman.h>
                #include <sys/socket.h>
                #include <sys/syscall.h>
                #include <time.h>
                #include <unistd.h>
                """);
        c.append(bpf.used() ? "#include <bpf/libbpf.h>\n\n" : "\n");
        c.append(constants.fallbacks()).append('\n');
        c.append(resultNames()).append('\n');
        c.append(runtime()).append('\n');
        if (procs.used()) {
            c.append(ProcsC.runtime()).append('\n');
        }
        appendGlobals(c);
        c.append("int main(void)\n{\n");
        // line-buffered, so that ./repro > out 2>&1 keeps stdout and the unbuffered stderr in order
        c.append("\tsetvbuf(stdout, NULL, _IOLBF, 0);\n");
        appendRingsAndBody(c);
        c.append("\treturn verdict();\n}\n");
        return c.toString();
    }

    /** The liburing-test form: its header, liburing after the uapi header, the trials of require, T_EXIT_* codes. */
    private String assembleLiburingTest(String source, StringBuilder c) {
        c.append("/* SPDX-License-Identifier: MIT */\n/*\n * Description: ").append(comment(source))
                .append(", exported by ringside on Linux ").append(dev.ringside.tracer.probe.KernelRelease.running())
                .append(" as a liburing test:\n * exit T_EXIT_PASS when every expectation holds, T_EXIT_FAIL when one fails,")
                .append("\n * T_EXIT_SKIP when a trial finds the kernel lacks what it requires.\n")
                .append(" * build: gcc -Wall -Werror -o test test.c -luring").append(bpf.used() ? " -lbpf" : "").append("\n */\n");
        c.append("""
                #define _GNU_SOURCE
                #include <errno.h>
                #include <fcntl.h>
                #include <linux/io_uring.h>
                #include <linux/time_types.h>
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>
                #include <sys/eventfd.h>
                #include <sys/mman.h>
                #include <sys/socket.h>
                #include <sys/syscall.h>
                #include <sys/utsname.h>
                #include <time.h>
                #include <unistd.h>
                /* after the uapi header: liburing's copy of it has the same guard, the newer one stays */
                #include <liburing.h>
                /* liburing's test/helpers.h values, for a build outside its tree */
                #ifndef T_EXIT_PASS
                #define T_EXIT_PASS 0
                #define T_EXIT_FAIL 1
                #define T_EXIT_SKIP 77
                #endif
                #define RINGSIDE_LIBURING 1
                #define EXIT_CALL_FAILED T_EXIT_FAIL

                """);
        if (bpf.used()) {
            c.append("#include <bpf/libbpf.h>\n\n");
        }
        c.append(constants.fallbacks()).append('\n');
        // setup flags liburing 2.3 maps wrongly (no SQ array, user memory, mixed sizes): those rings stay raw
        c.append("#define LIBURING_CANNOT_MAP 0x")
                .append(Long.toHexString(SetupFlag.NO_MMAP.value() | SetupFlag.NO_SQARRAY.value() | SetupFlag.CQE_MIXED.value()
                        | SetupFlag.SQE_MIXED.value() | SetupFlag.SQ_REWIND.value()))
                .append("U\n\n");
        c.append(resultNames()).append('\n');
        c.append(runtime()).append('\n');
        if (procs.used()) {
            c.append(ProcsC.runtime()).append('\n');
        }
        c.append(LiburingRequires.HELPERS).append('\n');
        c.append("static void requirements(void)\n{\n");
        requires.forEach(line -> c.append('\t').append(line).append('\n'));
        c.append("}\n\n");
        appendGlobals(c);
        c.append("int main(int argc, char *argv[])\n{\n");
        c.append("\tif (argc > 1)\n\t\treturn T_EXIT_SKIP;\n");
        c.append("\tsetvbuf(stdout, NULL, _IOLBF, 0);\n");
        c.append("\trequirements();\n");
        appendRingsAndBody(c);
        c.append("\treturn verdict() ? T_EXIT_FAIL : T_EXIT_PASS;\n}\n");
        return c.toString();
    }

    /** The session's buffers and fds as C globals, in both program forms. */
    private void appendGlobals(StringBuilder c) {
        if (bpf.used()) {
            c.append(resource("bpf_loop.c")).append('\n');
            bpf.globals.forEach(g -> c.append(g).append('\n'));
            c.append('\n');
        }
        if (!resources.globals.isEmpty()) {
            c.append("/* the session's buffers and fds */\n");
            resources.globals.forEach(g -> c.append(g).append('\n'));
            c.append('\n');
        }
    }

    /** main's ring table and the steps, in both program forms. */
    private void appendRingsAndBody(StringBuilder c) {
        if (ringCount > 0) {
            c.append("\tstatic struct ring rings[").append(ringCount).append("];\n\n");
        }
        body.forEach(line -> c.append('\t').append(line).append('\n'));
    }

    /** The errno and CQE flag names the console prints, as C tables, so the program prints results the same way. */
    static String resultNames() {
        StringBuilder c = new StringBuilder("/* errno names and IORING_CQE_F_* names as the console prints them */\n");
        c.append("static const char *const errno_names[] = {");
        int max = java.util.Arrays.stream(Errno.values()).mapToInt(Errno::number).max().orElse(0);
        for (int n = 1; n <= max; n++) {
            int number = n;
            Errno.of(n).ifPresent(e -> c.append("\n\t[").append(number).append("] = \"").append(e.name()).append("\","));
        }
        c.append("\n};\n");
        c.append("static const struct { unsigned bit; const char *name; } cqe_flag_names[] = {");
        for (Flag flag : FlagSets.CQE.flags()) {
            c.append("\n\t{ 0x").append(Long.toHexString(flag.value())).append("u, \"")
                    .append(FlagSets.CQE.format(flag.value())).append("\" },");
        }
        return c.append("\n};\n").toString();
    }

    private static String runtime() {
        return resource("runtime.c");
    }

    private static String resource(String name) {
        try (InputStream in = CExporter.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the ringside jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    /** A C string literal; '?' escaped so no trigraph can form. */
    static String cString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '\\', '"', '?' -> out.append('\\').append(ch);
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(ch < 0x20 ? ' ' : ch);
            }
        }
        return out.append('"').toString();
    }

    private static String comment(String text) {
        return text.replace("*/", "* /");
    }
}
