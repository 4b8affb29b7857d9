package dev.ringside.tracer.bpf;

import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.caps.Btf;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A BPF event loop (seed 000) attached to a ring: a struct_ops {@code io_uring_bpf_ops} object loaded
 * with libbpf, its {@code ring_fd} (and the ring's offsets in .rodata, where the program declares them)
 * written into the object before libbpf opens it, as liburing's test/bpf_nops.c sets them in its
 * skeleton. The kernel's answers come back as {@link BpfException}s naming the step.
 */
public final class BpfLoop implements AutoCloseable {
    /** The struct_ops type the kernel registers for the loop (io_uring/bpf-ops.c). */
    public static final String OPS = "io_uring_bpf_ops";

    private final Libbpf lib;
    private final MemorySegment object;
    private final MemorySegment link;
    private final String mapName;
    private final Map<String, Integer> written;
    private final Path dir;

    private BpfLoop(Libbpf lib, MemorySegment object, MemorySegment link, String mapName, Map<String, Integer> written, Path dir) {
        this.lib = lib;
        this.object = object;
        this.link = link;
        this.mapName = mapName;
        this.written = written;
        this.dir = dir;
    }

    public String mapName() {
        return mapName;
    }

    /** What was written into the object before it was loaded: ring_fd and any .rodata offsets. */
    public Map<String, Integer> written() {
        return written;
    }

    /** Objects compiled by this JVM, by source and its modification time: a script attaching one program again skips clang. */
    private static final Map<String, Path> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    /** {@code clang -O2 -g -target bpf -c SOURCE}: a .bpf.c becomes an object (kept for this JVM's later attaches). */
    public static Path compile(Path source) throws BpfException {
        String key;
        try {
            key = source.toAbsolutePath() + "@" + Files.getLastModifiedTime(source).toMillis();
        } catch (IOException e) {
            throw new BpfException("stat " + source, 0, e.getMessage());
        }
        Path cached = COMPILED.get(key);
        if (cached != null && Files.isRegularFile(cached)) {
            return cached;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("ringside-clang-");
            dir.toFile().deleteOnExit();
        } catch (IOException e) {
            throw new BpfException("mkdtemp", 0, e.getMessage());
        }
        Path out = dir.resolve(source.getFileName().toString().replaceFirst("\\.c$", "") + ".o");
        out.toFile().deleteOnExit();
        List<String> command = List.of("clang", "-O2", "-g", "-target", "bpf", "-I/usr/include/x86_64-linux-gnu",
                "-c", source.toString(), "-o", out.toString());
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new BpfException("clang", 0, "clang did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                throw new BpfException("clang", 0, "clang -target bpf failed: " + output.lines().filter(l -> l.contains("error"))
                        .findFirst().orElse(output.strip()));
            }
        } catch (IOException e) {
            throw new BpfException("clang", 0, "cannot run clang (Debian: clang; bin/install-bpf-tools): " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BpfException("clang", 0, "interrupted");
        }
        COMPILED.put(key, out);
        return out;
    }

    /**
     * Opens, loads and attaches {@code file} (a .bpf.o, or a .bpf.c compiled first) to the ring {@code ringFd}.
     *
     * @param mapName the struct_ops variable to attach when the object has several, else empty
     * @param rodata  values for {@code const volatile} u32s the program may declare (cq_head_offset, ...)
     */
    public static BpfLoop attach(Path file, Optional<String> mapName, int ringFd, Map<String, Integer> rodata) throws BpfException {
        Libbpf lib = Libbpf.get();
        Path dir;
        try {
            dir = Files.createTempDirectory("ringside-bpf-");
        } catch (IOException e) {
            throw new BpfException("mkdtemp", 0, e.getMessage());
        }
        try {
            Plan plan = plan(file, mapName);
            BpfElf elf = BpfElf.parse(plan.object());
            BpfElf.Symbol var = elf.symbol(plan.mapName()).orElseThrow();
            Map<String, Integer> written = new LinkedHashMap<>();
            elf.putU32(var, plan.ringFdOffset() - var.fileOffset(), ringFd);
            written.put(var.name() + ".ring_fd", ringFd);
            rodata.forEach((name, value) -> {
                if (plan.rodata().containsKey(name)) {
                    BpfElf.Symbol s = elf.symbol(name).orElseThrow();
                    elf.putU32(s, 0, value);
                    written.put(name, value);
                }
            });
            Path patched = dir.resolve("attached.bpf.o");
            try {
                Files.write(patched, elf.bytes());
            } catch (IOException e) {
                throw new BpfException("write " + patched, 0, e.getMessage());
            }
            return open(lib, patched, plan.mapName(), written, dir);
        } catch (BpfException | RuntimeException e) {
            deleteAll(dir);
            throw e;
        }
    }

    /**
     * Where attach writes into an object before loading it: the object's bytes (a .bpf.c compiled first), the
     * struct_ops variable, the file offset of its ring_fd and of each 4-byte .rodata u32 by name (cq_head_offset, ...).
     * The C export writes the same places with its own ring's values.
     */
    public record Plan(byte[] object, String mapName, long ringFdOffset, Map<String, Long> rodata) {
    }

    public static Plan plan(Path file, Optional<String> mapName) throws BpfException {
        Path object = file.toString().endsWith(".c") ? compile(file) : file;
        BpfElf elf;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(object);
            elf = BpfElf.parse(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new BpfException("read " + object, 0, object + ": " + e.getMessage());
        }
        List<BpfElf.Symbol> ops = new ArrayList<>(elf.symbolsIn(".struct_ops"));
        ops.addAll(elf.symbolsIn(".struct_ops.link"));
        if (ops.isEmpty()) {
            throw new BpfException("read " + object, 0, object + " has no struct_ops variable (SEC(\".struct_ops\"))");
        }
        BpfElf.Symbol var = mapName.map(n -> ops.stream().filter(s -> s.name().equals(n)).findFirst()).orElse(Optional.of(ops.getFirst()))
                .orElseThrow(() -> new BpfException("read " + object, 0, object + " has no struct_ops variable " + mapName.get()
                        + "; it has " + String.join(", ", ops.stream().map(BpfElf.Symbol::name).toList())));
        Btf own = Btf.parse(elf.btf().orElseThrow(() -> new BpfException("read " + object, 0, object + " has no .BTF (compile with -g)")));
        long ringFdBits = own.memberBitOffset(OPS, "ring_fd").orElseThrow(() -> new BpfException("read " + object, 0,
                object + ": its BTF has no struct " + OPS + " with ring_fd"));
        Map<String, Long> rodata = new LinkedHashMap<>();
        for (String name : RODATA) {
            elf.symbol(name).filter(s -> s.section().startsWith(".rodata") && s.size() == 4).ifPresent(s -> rodata.put(name, s.fileOffset()));
        }
        return new Plan(bytes, var.name(), var.fileOffset() + ringFdBits / 8, java.util.Collections.unmodifiableMap(rodata));
    }

    /** The .rodata u32s attach may write, as liburing's nops.bpf.c declares them. */
    public static final List<String> RODATA = List.of("cq_head_offset", "cq_tail_offset", "cqes_offset", "sq_entries", "cq_entries");

    private static BpfLoop open(Libbpf lib, Path patched, String varName, Map<String, Integer> written, Path dir) throws BpfException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment state = Libbpf.callState(arena);
            MemorySegment obj = (MemorySegment) lib.openFile.invokeExact(state, arena.allocateFrom(patched.toString()), MemorySegment.NULL);
            if (obj.equals(MemorySegment.NULL)) {
                int errno = Libbpf.errno(state);
                throw new BpfException("bpf_object__open_file", errno, "libbpf could not open " + patched + ": " + name(errno));
            }
            MemorySegment map = MemorySegment.NULL;
            for (MemorySegment m = (MemorySegment) lib.nextMap.invokeExact(obj, MemorySegment.NULL); !m.equals(MemorySegment.NULL);
                    m = (MemorySegment) lib.nextMap.invokeExact(obj, m)) {
                String name = ((MemorySegment) lib.mapName.invokeExact(m)).reinterpret(256).getString(0);
                if ((int) lib.mapType.invokeExact(m) == Libbpf.BPF_MAP_TYPE_STRUCT_OPS && name.equals(varName)) {
                    map = m;
                }
            }
            if (map.equals(MemorySegment.NULL)) {
                lib.close.invokeExact(obj);
                throw new BpfException("bpf_object__next_map", 0, "libbpf made no struct_ops map " + varName);
            }
            // libbpf 1.1 reads no struct_ops.s sections: the loop's programs are loaded sleepable, as liburing's are
            for (MemorySegment p = (MemorySegment) lib.nextProgram.invokeExact(obj, MemorySegment.NULL); !p.equals(MemorySegment.NULL);
                    p = (MemorySegment) lib.nextProgram.invokeExact(obj, p)) {
                int ignored = (int) lib.setFlags.invokeExact(p, Libbpf.BPF_F_SLEEPABLE);
            }
            int loaded = (int) lib.load.invokeExact(obj);
            if (loaded < 0) {
                lib.close.invokeExact(obj);
                throw new BpfException("bpf_object__load", -loaded, "the kernel refused the object: " + name(-loaded) + loadCause(-loaded));
            }
            MemorySegment link = (MemorySegment) lib.attachStructOps.invokeExact(state, map);
            if (link.equals(MemorySegment.NULL)) {
                int errno = Libbpf.errno(state);
                lib.close.invokeExact(obj);
                throw new BpfException("bpf_map__attach_struct_ops", errno, "the kernel refused the loop for this ring: " + name(errno)
                        + attachCause(errno));
            }
            return new BpfLoop(lib, obj, link, varName, java.util.Collections.unmodifiableMap(written), dir);
        } catch (BpfException e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("libbpf call failed", t);
        }
    }

    private static String name(int errno) {
        return Errno.of(errno).map(n -> "-" + n.name() + " (" + n.description() + ")").orElse("errno " + errno);
    }

    private static String loadCause(int errno) {
        return switch (errno) {
            case 2, 3 -> ": no struct " + OPS + " in this kernel's BTF (the BPF event loop is not in it: seed 000, after 6.18)";
            case 13 -> ": the verifier rejected a program (libbpf printed its log above)";
            case 1 -> ": loading BPF needs CAP_BPF (root)";
            default -> "";
        };
    }

    /** io_uring/bpf-ops.c io_install_bpf and bpf_io_reg, as the seed shows them. */
    private static String attachCause(int errno) {
        return switch (errno) {
            case 95 -> ": a BPF loop needs a ring with DEFER_TASKRUN and without SQPOLL or IOPOLL";
            case 16 -> ": the ring has a BPF loop already";
            case 22 -> ": ring_fd is no io_uring ring, or the ring is a BPF_EXT one (IORING_OP_BPF series), whose ops share the slot";
            case 9 -> ": ring_fd is not an open fd";
            default -> "";
        };
    }

    /** Detaches the loop (the kernel unregisters it) and frees the object. */
    @Override
    public void close() {
        try {
            int ignored = (int) lib.linkDestroy.invokeExact(link);
            lib.close.invokeExact(object);
        } catch (Throwable t) {
            throw new IllegalStateException("libbpf call failed", t);
        } finally {
            deleteAll(dir);
        }
    }

    private static void deleteAll(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
