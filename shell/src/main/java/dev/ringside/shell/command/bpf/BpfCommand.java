package dev.ringside.shell.command.bpf;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.tracer.bpf.BpfException;
import dev.ringside.tracer.bpf.BpfLoop;
import dev.ringside.tracer.caps.Btf;
import dev.ringside.tracer.sys.SyscallException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bpf loop show|attach|detach|run}: the BPF event loop of seed 000 ("io_uring: introduce callback
 * driven main loop"): the kernel's struct_ops types from its BTF, a struct_ops object attached to the
 * current ring with libbpf, and the one io_uring_enter(GETEVENTS) that runs it.
 */
public final class BpfCommand implements Declared {
    /** One path, the step a word: the table's paths are two words, and the loop's steps share FILE and MAP. */
    static final Syntax LOOP = Syntax.of("bpf loop",
                    "The BPF event loop (seed 000): show its struct_ops types in this kernel's BTF (io_uring_bpf_ops, iou_loop_params);"
                            + " attach FILE [MAP], a struct_ops io_uring_bpf_ops object (a .bpf.o, or a .bpf.c compiled with clang -target bpf),"
                            + " to the current ring, ring_fd and the ring's offsets written in first; detach it; run it: one"
                            + " io_uring_enter(GETEVENTS) until loop_step returns IOU_LOOP_STOP, then the CQEs it left.")
            .with(Positional.required("STEP", new ValueType.Words("show", "attach", "detach", "run"), "what to do with the loop"),
                    Positional.optional("FILE", ValueType.Name.PATH, "attach: the .bpf.o or .bpf.c"),
                    Positional.optional("MAP", ValueType.Name.TEXT, "attach: the struct_ops variable, when the object has several"))
            .note("The ring needs DEFER_TASKRUN (and SINGLE_ISSUER), no SQPOLL or IOPOLL; one loop per ring. Loading needs root.");

    private final Session session;

    public BpfCommand(Session session) {
        this.session = session;
    }

    @Override
    public String summary() {
        return "The BPF event loop (seed 000): bpf loop show|attach|detach|run.";
    }

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(LOOP, this::loop));
    }

    private void loop(Args args) {
        String step = args.word(0).orElseThrow();
        if (!step.equals("attach") && args.word(1).isPresent()) {
            throw new ConsoleException("bpf loop " + step + " takes no FILE; only attach does", args.word(1).get());
        }
        switch (step) {
            case "show" -> btfLines(Btf.kernel()).forEach(session.out()::println);
            case "attach" -> attach(args);
            case "detach" -> detach();
            default -> run();
        }
    }

    /** What the loop needs of a kernel, read from its BTF; absent names say which struct is missing. */
    static List<String> btfLines(Optional<Btf> btf) {
        if (btf.isEmpty()) {
            return List.of("no readable " + Btf.VMLINUX + ": the kernel's types cannot be checked");
        }
        List<String> out = new java.util.ArrayList<>();
        for (String struct : List.of(BpfLoop.OPS, "iou_loop_params")) {
            Optional<List<String>> members = btf.get().struct(struct);
            if (members.isEmpty()) {
                out.add("struct " + struct + ": not in this kernel's BTF (the BPF event loop came after 6.18, seed 000)");
                continue;
            }
            StringBuilder line = new StringBuilder("struct " + struct + " {");
            for (String m : members.get()) {
                line.append(' ').append(m).append(" @").append(btf.get().memberBitOffset(struct, m).orElse(0L) / 8).append(';');
            }
            out.add(line.append(" }").toString());
        }
        return out;
    }

    private void attach(Args args) {
        Path file = Path.of(args.word(1).orElseThrow(() -> new ConsoleException("bpf loop attach needs FILE: bpf loop attach FILE.bpf.c|FILE.bpf.o [MAP]")));
        if (!Files.isRegularFile(file)) {
            throw new ConsoleException("bpf loop attach: no file " + file, file.toString());
        }
        RingSession rs = session.currentRing();
        // a second loop on the ring is tried too: the kernel's -EBUSY is the answer worth seeing
        // the program may declare these as const volatile u32s, as liburing's nops.bpf.c does
        Map<String, Integer> rodata = new LinkedHashMap<>();
        rodata.put("cq_head_offset", rs.ring().param("cq_off.head"));
        rodata.put("cq_tail_offset", rs.ring().param("cq_off.tail"));
        rodata.put("cqes_offset", rs.ring().param("cq_off.cqes"));
        rodata.put("sq_entries", rs.ring().param("sq_entries"));
        rodata.put("cq_entries", rs.ring().param("cq_entries"));
        try {
            BpfLoop loop = BpfLoop.attach(file, args.word(2), rs.ring().fd(), rodata);
            if (session.attached(rs.name()).isPresent()) {
                loop.close();
                throw new ConsoleException("the kernel accepted a second BPF loop on " + rs.name() + "; detached it again");
            }
            session.attach(rs.name(), loop);
            session.out().println("bpf loop " + loop.mapName() + " attached to " + rs.name() + " (" + file + "), written before load: "
                    + String.join(", ", loop.written().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        } catch (BpfException e) {
            throw new ConsoleException(e.step() + ": " + e.getMessage());
        }
    }

    private void detach() {
        String ring = session.currentRing().name();
        if (!session.detach(ring)) {
            throw new ConsoleException("ring " + ring + " has no BPF loop attached");
        }
        session.out().println("bpf loop detached from " + ring);
    }

    private void run() {
        RingSession rs = session.currentRing();
        long start = System.nanoTime();
        int result;
        try {
            result = rs.ring().runBpfLoop();
        } catch (SyscallException e) {
            throw new ConsoleException(e.getMessage());
        }
        session.out().println("io_uring_enter(" + rs.name() + ", 0, 0, GETEVENTS) = " + result + " after "
                + dev.ringside.decoders.values.Values.formatDurationNanos(System.nanoTime() - start)
                + (session.attached(rs.name()).isPresent() ? ": the loop returned IOU_LOOP_STOP" : " (no loop attached: a plain wait for 0)"));
        session.reapAndPrint();
    }
}
