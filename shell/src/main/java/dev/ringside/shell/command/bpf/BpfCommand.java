package dev.ringside.shell.command.bpf;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.tracer.bpf.BpfException;
import dev.ringside.tracer.bpf.BpfLoop;
import dev.ringside.tracer.caps.Btf;
import dev.ringside.tracer.sys.SyscallException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

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
@Command(name = "bpf", description = "The BPF event loop (seed 000): bpf loop show|attach|detach|run.",
        subcommands = BpfCommand.Loop.class)
public final class BpfCommand implements Runnable, Declared {
    static final Syntax SHOW = Syntax.of("bpf loop show",
            "The loop's struct_ops types in this kernel's BTF: io_uring_bpf_ops (loop_step, ring_fd, priv) and iou_loop_params.");
    static final Syntax ATTACH = Syntax.of("bpf loop attach",
                    "Load a struct_ops io_uring_bpf_ops object (a .bpf.o, or a .bpf.c compiled with clang -target bpf) and attach it"
                            + " to the current ring, ring_fd and the ring's offsets written in first.")
            .with(Positional.required("FILE", ValueType.Name.PATH, "the .bpf.o or .bpf.c"),
                    Positional.optional("MAP", ValueType.Name.TEXT, "the struct_ops variable, when the object has several"))
            .note("The ring needs DEFER_TASKRUN (and SINGLE_ISSUER), no SQPOLL or IOPOLL; one loop per ring. Loading needs root.");
    static final Syntax DETACH = Syntax.of("bpf loop detach", "Detach the current ring's loop and free its object.");
    static final Syntax RUN = Syntax.of("bpf loop run",
            "io_uring_enter(GETEVENTS) on the current ring: the kernel runs the loop until loop_step returns IOU_LOOP_STOP; then the CQEs it left.");

    private final Session session;

    public BpfCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        throw new ConsoleException("bpf needs: loop show|attach|detach|run");
    }

    @Override
    public List<Syntax> syntaxes() {
        return List.of(SHOW, ATTACH, DETACH, RUN);
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

    @Command(name = "loop", description = "The BPF event loop: show, attach FILE [MAP], detach, run.")
    static final class Loop implements Runnable {
        @picocli.CommandLine.ParentCommand
        BpfCommand parent;

        @Override
        public void run() {
            throw new ConsoleException("bpf loop needs: show, attach FILE [MAP], detach or run");
        }

        @Command(name = "show", description = "The loop's struct_ops types in this kernel's BTF.")
        void show(@Parameters(arity = "0..*") List<String> words) {
            Session session = parent.session;
            SHOW.parse(words == null ? List.of() : words, session);
            btfLines(Btf.kernel()).forEach(session.out()::println);
        }

        @Command(name = "attach", description = "Attach a struct_ops io_uring_bpf_ops object to the current ring: bpf loop attach FILE [MAP].")
        void attach(@Parameters(arity = "0..*") List<String> words) {
            Session session = parent.session;
            Args args = ATTACH.parse(words == null ? List.of() : words, session);
            Path file = Path.of(args.word(0).orElseThrow());
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
                BpfLoop loop = BpfLoop.attach(file, args.word(1), rs.ring().fd(), rodata);
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

        @Command(name = "detach", description = "Detach the current ring's BPF loop.")
        void detach(@Parameters(arity = "0..*") List<String> words) {
            Session session = parent.session;
            DETACH.parse(words == null ? List.of() : words, session);
            String ring = session.currentRing().name();
            if (!session.detach(ring)) {
                throw new ConsoleException("ring " + ring + " has no BPF loop attached");
            }
            session.out().println("bpf loop detached from " + ring);
        }

        @Command(name = "run", description = "Run the attached loop: one io_uring_enter(GETEVENTS), then the CQEs it left.")
        void runLoop(@Parameters(arity = "0..*") List<String> words) {
            Session session = parent.session;
            RUN.parse(words == null ? List.of() : words, session);
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
}
