package dev.ringside.shell.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Boots a kernel in qemu with the host's root mounted read-only, runs one command there and streams its
 * output back line by line. KVM is tried first when /dev/kvm is usable; when KVM cannot run the guest
 * (some nested hosts stop at once with "KVM internal error") it falls back to TCG and says so.
 */
public final class VmRunner {
    /** How the guest was run, and what it took. */
    public record Result(int exitStatus, String accelerator, long bootMillis, long totalMillis) {
    }

    public enum Accelerator {
        KVM(List.of("-accel", "kvm", "-cpu", "host")),
        TCG(List.of("-accel", "tcg,thread=multi", "-cpu", "max"));

        final List<String> qemuArgs;

        Accelerator(List<String> qemuArgs) {
            this.qemuArgs = qemuArgs;
        }
    }

    private final Path workDir;
    private final Consumer<String> note;
    private final long timeoutSeconds;

    /** {@code note} gets the runner's own remarks (accelerator, fallback); the command's lines go to run's sink. */
    public VmRunner(Path workDir, Consumer<String> note, long timeoutSeconds) {
        this.workDir = workDir;
        this.note = note;
        this.timeoutSeconds = timeoutSeconds;
    }

    public Result run(GuestKernel kernel, List<String> command, Path cwd, Map<String, String> env, Consumer<String> sink) {
        return run(kernel, command, cwd, env, List.of(), sink);
    }

    /** As above; {@code keepVisible} are host directories under /tmp, /run or /root the command needs. */
    public Result run(GuestKernel kernel, List<String> command, Path cwd, Map<String, String> env, List<Path> keepVisible, Consumer<String> sink) {
        Path busybox = Path.of(Initramfs.BUSYBOX);
        if (!Files.isExecutable(busybox)) {
            throw new KernelUnavailable("no static busybox at /bin/busybox for the guest's init (run bin/install-vm-tools)");
        }
        if (!onPath("qemu-system-x86_64")) {
            throw new KernelUnavailable("qemu-system-x86_64 is not installed (run bin/install-vm-tools)");
        }
        Path initrd;
        try {
            Files.createDirectories(workDir);
            initrd = workDir.resolve("initramfs.cpio");
            Files.write(initrd, Initramfs.build(busybox, kernel.modules(), command, cwd, env, keepVisible));
        } catch (IOException e) {
            throw new KernelUnavailable("cannot write the guest's initramfs: " + e.getMessage());
        }
        List<Accelerator> order = kvmUsable() ? List.of(Accelerator.KVM, Accelerator.TCG) : List.of(Accelerator.TCG);
        for (Accelerator accel : order) {
            Attempt attempt = boot(kernel, initrd, accel, sink, accel.name().toLowerCase());
            if (attempt.kvmFailure() != null && accel == Accelerator.KVM) {
                note.accept("KVM cannot run the guest here (" + attempt.kvmFailure() + "): falling back to TCG");
                continue;
            }
            if (attempt.bootFailure() != null) {
                // nothing of the command ran yet, so a second boot repeats nothing (seen: a TCG guest's scheduler oops)
                note.accept(attempt.bootFailure() + ": booting once more");
                attempt = boot(kernel, initrd, accel, sink, accel.name().toLowerCase() + "-again");
                if (attempt.bootFailure() != null) {
                    throw new KernelUnavailable(attempt.bootFailure());
                }
            }
            return attempt.result();
        }
        throw new KernelUnavailable("no accelerator could run the guest");
    }

    /** One boot: its result, or why KVM could not run it, or why the guest died before the command started. */
    private record Attempt(Result result, String kvmFailure, String bootFailure) {
    }

    private Attempt boot(GuestKernel kernel, Path initrd, Accelerator accel, Consumer<String> sink, String tag) {
        Path console = workDir.resolve("console-" + tag + ".log");
        List<String> qemu = new ArrayList<>(List.of("qemu-system-x86_64", "-nodefaults", "-no-reboot", "-display", "none", "-monitor", "none"));
        qemu.addAll(accel.qemuArgs);
        qemu.addAll(List.of("-smp", "2", "-m", "4096",
                "-kernel", kernel.image().toString(), "-initrd", initrd.toString(),
                "-append", "console=ttyS0 panic=-1 quiet loglevel=3 rdinit=/init",
                "-virtfs", "local,path=/,mount_tag=host,security_model=none,readonly=on,multidevs=remap",
                "-serial", "file:" + console, "-serial", "stdio"));
        note.accept("booting Linux " + kernel.release() + " under " + accel.name() + " (the kernel's console: " + console + ")");
        long start = System.nanoTime();
        Process process;
        try {
            process = new ProcessBuilder(qemu).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new KernelUnavailable("cannot start qemu: " + e.getMessage());
        }
        StringBuilder stderr = new StringBuilder();
        String[] kvmFailure = {null};
        CompletableFuture<Void> errors = CompletableFuture.runAsync(() -> readLines(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.append(line).append('\n');
            }
            String failure = KvmFailure.detect(line);
            if (failure != null && kvmFailure[0] == null) {
                kvmFailure[0] = failure;
                process.destroyForcibly(); // qemu pauses the guest and stays: nothing more will come
            }
        }));
        long[] ready = {-1};
        int[] exit = {-1};
        readLines(process.getInputStream(), line -> {
            if (line.equals(Initramfs.READY_MARKER)) {
                ready[0] = System.nanoTime();
            } else if (line.startsWith(Initramfs.EXIT_MARKER)) {
                exit[0] = parseStatus(line.substring(Initramfs.EXIT_MARKER.length()));
            } else if (ready[0] < 0 && line.startsWith("ringside-vm: ")) {
                note.accept(line.substring("ringside-vm: ".length()));
            } else {
                sink.accept(line);
            }
        }, timeoutSeconds, process);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            errors.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
        long end = System.nanoTime();
        if (kvmFailure[0] != null) {
            return new Attempt(null, kvmFailure[0], null);
        }
        if (exit[0] < 0) {
            String why;
            synchronized (stderr) {
                why = stderr.toString().lines().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("");
            }
            String failure = KvmFailure.detect(why);
            if (accel == Accelerator.KVM && (failure != null || ready[0] < 0)) {
                return new Attempt(null, failure != null ? failure : "the guest did not come up", null);
            }
            if (ready[0] < 0) {
                return new Attempt(null, null, "the VM ended without the command's exit status: the guest died before the command started; see "
                        + console);
            }
            throw new KernelUnavailable("the VM ended without the command's exit status"
                    + (why.isEmpty() ? "" : " (qemu: " + why.strip() + ")") + "; see " + console);
        }
        long boot = ready[0] < 0 ? -1 : (ready[0] - start) / 1_000_000;
        return new Attempt(new Result(exit[0], accel.name(), boot, (end - start) / 1_000_000), null, null);
    }

    private static int parseStatus(String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return 125;
        }
    }

    private static void readLines(java.io.InputStream in, Consumer<String> each) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                each.accept(stripCr(line));
            }
        } catch (IOException e) {
            // the process ended: nothing more to read
        }
    }

    /** Reads the guest's output until EOF, killing qemu when the run passes its time limit. */
    private void readLines(java.io.InputStream in, Consumer<String> each, long limitSeconds, Process process) {
        Thread watchdog = Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
                    note.accept("the VM run passed " + limitSeconds + " s: stopping it");
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                // the run ended first
            }
        });
        readLines(in, each);
        watchdog.interrupt();
    }

    private static String stripCr(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }

    private static boolean kvmUsable() {
        if ("tcg".equalsIgnoreCase(System.getenv("RINGSIDE_VM_ACCEL"))) {
            return false;
        }
        Path kvm = Path.of("/dev/kvm");
        return Files.isReadable(kvm) && Files.isWritable(kvm);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
