package dev.ringside.shell.export;

import dev.ringside.decoders.values.Errno;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.bpf.BpfException;
import dev.ringside.tracer.bpf.BpfLoop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bpf loop attach|run|detach} in C: the object the console loaded embedded as bytes, with the
 * places attach writes (ring_fd, the .rodata CQ offsets) as file offsets, so the program patches them
 * with its own ring's values and loads it with libbpf ({@code -lbpf}), as liburing's test/bpf_nops.c does.
 */
final class BpfLoopC {
    private static final Pattern ATTACH = Pattern.compile("^bpf\\s+loop\\s+attach\\s+(\\S+)(?:\\s+(\\S+))?\\s*$");
    private static final Pattern ERRNO = Pattern.compile("^-(E[A-Z0-9]+)$");

    /** Each object embedded once: its plan's C name by file and map. */
    private final Map<String, String> plans = new LinkedHashMap<>();
    final List<String> globals = new ArrayList<>();

    boolean used() {
        return !plans.isEmpty();
    }

    /** The statements of a successful {@code bpf loop ...} line on ring {@code ring} (a C expression); show has none. */
    List<String> statements(String line, java.util.function.Supplier<String> ring) {
        String stripped = line.strip();
        if (stripped.matches("bpf\\s+loop\\s+show\\b.*")) {
            return List.of(); // read the kernel's BTF: nothing for the program to do
        }
        if (stripped.matches("bpf\\s+loop\\s+run\\s*")) {
            return List.of(); // the io_uring_enter it made is in the journal: its Entered event writes bpf_loop_run
        }
        if (stripped.matches("bpf\\s+loop\\s+detach\\s*")) {
            return List.of("bpf_loop_detach(" + ring.get() + ");");
        }
        return List.of("bpf_loop_attach(" + ring.get() + ", &" + plan(stripped) + ", " + CExporter.cString(stripped) + ", 0);");
    }

    /**
     * {@code expect refused naming=-EBUSY bpf loop attach FILE}: the kernel's refusal, so the program attaches too and
     * checks the errno; empty for any other refused command (the console refused it before a syscall).
     */
    Optional<String> refusal(String command, String naming, boolean met, String ring) {
        Matcher errno = ERRNO.matcher(naming);
        if (!ATTACH.matcher(command.strip()).matches() || !errno.matches() || ring == null) {
            return Optional.empty();
        }
        int number = Errno.named(errno.group(1)).orElseThrow(() -> new ConsoleException("export c: no errno " + errno.group(1))).number();
        return Optional.of("bpf_loop_attach(" + ring + ", &" + plan(command.strip()) + ", "
                + CExporter.cString("refused " + command.strip()) + ", " + number + ");   /* " + errno.group(1) + " */");
    }

    private String plan(String attachLine) {
        Matcher m = ATTACH.matcher(attachLine);
        if (!m.matches()) {
            throw new ConsoleException("export c: cannot read '" + attachLine + "' as bpf loop attach FILE [MAP]");
        }
        String key = m.group(1) + "\0" + (m.group(2) == null ? "" : m.group(2));
        String known = plans.get(key);
        if (known != null) {
            return known;
        }
        BpfLoop.Plan plan;
        try {
            plan = BpfLoop.plan(Path.of(m.group(1)), Optional.ofNullable(m.group(2)));
        } catch (BpfException e) {
            throw new ConsoleException("export c: " + attachLine + ": " + e.getMessage());
        }
        String name = "bpf_loop_plan_" + plans.size();
        plans.put(key, name);
        StringBuilder bytes = new StringBuilder("/* " + m.group(1).replace("*/", "* /") + " as the console loaded it (before ring_fd and the offsets are written) */\n");
        bytes.append("static const unsigned char ").append(name).append("_object[").append(plan.object().length).append("] = {");
        for (int i = 0; i < plan.object().length; i++) {
            bytes.append(i % 16 == 0 ? "\n\t" : " ").append(String.format("0x%02x,", plan.object()[i] & 0xff));
        }
        bytes.append("\n};");
        globals.add(bytes.toString());
        Map<String, Long> r = plan.rodata();
        globals.add("static const struct bpf_loop_plan " + name + " = { " + name + "_object, sizeof " + name + "_object, "
                + CExporter.cString(plan.mapName()) + ", " + plan.ringFdOffset() + ", " + r.getOrDefault("cq_head_offset", 0L) + ", "
                + r.getOrDefault("cq_tail_offset", 0L) + ", " + r.getOrDefault("cqes_offset", 0L) + ", "
                + r.getOrDefault("sq_entries", 0L) + ", " + r.getOrDefault("cq_entries", 0L) + " };");
        return name;
    }
}
