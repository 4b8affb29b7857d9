package dev.ringside.shell.kernel;

import dev.ringside.shell.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringside ... --kernel SPEC[,SPEC...]}: runs the rest of the command line as {@code ringside ARGS}
 * on each kernel (the host in this process, any other in a VM, its output streamed back); for scripts,
 * one table of verdicts per script and kernel follows.
 */
public final class KernelRun {
    static final String USAGE = "usage: ringside [run] --kernel host|debian:sid|debian:experimental|VERSION|IMAGE[,...] [--tolerate SCRIPT,...] [--compare-c] FILE.iou...\n"
            + "       ringside caps --kernel SPEC";
    private static final Pattern VERDICT = Pattern.compile("^(.+\\.iou(?: \\[C\\])?): (passed|FAILED|skipped|ERROR)(?: \\((.*)\\))?$");
    private static final Pattern CLOSING = Pattern.compile("^\\d+ passed, \\d+ failed, \\d+ skipped$");
    private static final Set<String> COMMANDS = Set.of("caps", "decode", "export", "trace");

    private KernelRun() {
    }

    /** Whether the command line names a kernel: then {@link #cli} runs it. */
    public static boolean wanted(List<String> args) {
        return args.stream().anyMatch(a -> a.equals("--kernel") || a.startsWith("--kernel="));
    }

    /** The parsed command line: kernels, the ringside arguments each runs, and scripts whose failure in a VM is tolerated. */
    record Invocation(List<KernelSpec> kernels, List<String> rest, Set<String> tolerated) {
        /** The scripts when this is a script run, else empty (caps and other commands). */
        List<String> scripts() {
            if (rest.isEmpty() || COMMANDS.contains(rest.getFirst())) {
                return List.of();
            }
            List<String> files = rest.getFirst().equals("run") ? rest.subList(1, rest.size()) : rest;
            List<String> scripts = files.stream().filter(f -> !f.startsWith("-")).toList();
            if (files.stream().noneMatch(f -> f.equals("--compare-c") || f.startsWith("--compare-c="))) {
                return scripts;
            }
            // --compare-c: each script's row, then its C export's
            return scripts.stream().flatMap(f -> java.util.stream.Stream.of(f, f + " [C]")).toList();
        }

        static Invocation parse(List<String> args) {
            List<KernelSpec> kernels = null;
            Set<String> tolerated = new LinkedHashSet<>();
            List<String> rest = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                String value = null;
                String option = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (option.equals("--kernel") || option.equals("--tolerate")) {
                    if (arg.contains("=")) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(option + " needs a value");
                    }
                    if (option.equals("--kernel")) {
                        if (kernels != null) {
                            throw new IllegalArgumentException("--kernel given twice: list the kernels once, comma-separated");
                        }
                        kernels = KernelSpec.parseList(value);
                    } else {
                        for (String script : value.split(",")) {
                            if (!script.isBlank()) {
                                tolerated.add(script.strip());
                            }
                        }
                    }
                } else {
                    rest.add(arg);
                }
            }
            if (kernels == null) {
                throw new IllegalArgumentException("no --kernel given");
            }
            if (rest.isEmpty() || rest.equals(List.of("run"))) {
                throw new IllegalArgumentException("name the scripts to run (or caps) after --kernel");
            }
            return new Invocation(kernels, List.copyOf(rest), Set.copyOf(tolerated));
        }
    }

    public static int cli(List<String> args, PrintWriter out) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("ringside: " + e.getMessage() + "\n" + USAGE);
            return 2;
        }
        List<String> scripts = invocation.scripts();
        Map<String, Map<String, Verdict>> table = new LinkedHashMap<>();
        List<String> columns = new ArrayList<>();
        int worst = -1;
        for (KernelSpec spec : invocation.kernels()) {
            Map<String, Verdict> verdicts = new LinkedHashMap<>();
            Consumer<String> lines = line -> {
                Matcher m = VERDICT.matcher(line);
                if (m.matches()) {
                    verdicts.put(m.group(1), new Verdict(m.group(2), m.group(3) == null ? "" : m.group(3)));
                }
                // one closing line for the whole table replaces each kernel's own when there is a table
                if (!(invocation.kernels().size() > 1 && !scripts.isEmpty() && CLOSING.matcher(line).matches())) {
                    out.println(line);
                }
            };
            String column;
            int status;
            if (spec instanceof KernelSpec.Host) {
                String release = System.getProperty("os.version");
                column = "host (" + release + ")";
                out.println("== kernel host: Linux " + release + ", in this process");
                status = Main.run(invocation.rest(), new PrintWriter(new LineWriter(lines), true));
            } else {
                RunOnKernel run = runInVm(spec, compareOnlyWhatTheHostSkipped(invocation.rest(), table), out, lines);
                column = run.column();
                status = run.status();
            }
            out.flush();
            columns.add(column);
            for (String script : scripts) {
                Verdict verdict = verdicts.getOrDefault(script, status == 125 || status < 0
                        ? new Verdict("ERROR", "the kernel could not run it")
                        : new Verdict("ERROR", "no verdict printed"));
                table.computeIfAbsent(script, s -> new LinkedHashMap<>()).put(column, verdict);
            }
            worst = combine(worst, status);
        }
        if (scripts.isEmpty() || invocation.kernels().size() == 1) {
            return worst < 0 ? 2 : worst;
        }
        return printTable(table, columns, invocation, out);
    }

    /**
     * With --compare-c after the host's column, a VM compares only the C exports the host skipped (the examples that
     * need a newer kernel): gcc under TCG takes most of a minute per program. The others say they were compared on the host.
     */
    static List<String> compareOnlyWhatTheHostSkipped(List<String> rest, Map<String, Map<String, Verdict>> table) {
        Map<String, Verdict> host = new LinkedHashMap<>();
        table.forEach((script, row) -> row.forEach((column, verdict) -> {
            if (column.startsWith("host (") && script.endsWith(" [C]")) {
                host.put(script.substring(0, script.length() - " [C]".length()), verdict);
            }
        }));
        if (!rest.contains("--compare-c") || host.isEmpty()) {
            return rest;
        }
        List<String> skipped = host.entrySet().stream().filter(e -> !e.getValue().word().equals("passed") && !e.getValue().word().equals("FAILED"))
                .map(Map.Entry::getKey).toList();
        return rest.stream().map(a -> a.equals("--compare-c") ? "--compare-c=" + String.join(",", skipped) : a).toList();
    }

    record Verdict(String word, String detail) {
        String cell() {
            return word.equals("passed") || detail.isEmpty() ? word : word + " (" + detail + ")";
        }
    }

    private record RunOnKernel(String column, int status) {
    }

    private static RunOnKernel runInVm(KernelSpec spec, List<String> rest, PrintWriter out, Consumer<String> lines) {
        Path work = null;
        try {
            GuestKernel kernel = new KernelCache(KernelCache.defaultRoot(), out).resolve(spec);
            out.println("== kernel " + spec.label() + ": Linux " + kernel.release() + ", in a VM");
            out.flush();
            work = Files.createTempDirectory("ringside-vm-");
            long limit = Long.parseLong(System.getenv().getOrDefault("RINGSIDE_VM_TIMEOUT", "1200"));
            VmRunner runner = new VmRunner(work, note -> {
                out.println("ringside: " + note);
                out.flush();
            }, limit);
            VmRunner.Result result = runner.run(kernel, guestCommand(rest), Path.of("").toAbsolutePath(), guestEnvironment(), hostPathsNeeded(), lines);
            out.println("ringside: " + spec.label() + " (Linux " + kernel.release() + ") ran under " + result.accelerator()
                    + ": booted in " + seconds(result.bootMillis()) + ", whole run " + seconds(result.totalMillis()) + ", exit " + result.exitStatus());
            KernelCache.deleteTree(work); // the console logs are kept only when the VM itself failed
            return new RunOnKernel(spec.label() + " (" + kernel.release() + ", " + result.accelerator() + ")", result.exitStatus());
        } catch (KernelUnavailable | IllegalArgumentException e) {
            out.println("ringside: --kernel " + spec.label() + ": " + e.getMessage());
            return new RunOnKernel(spec.label(), 125);
        } catch (IOException e) {
            out.println("ringside: --kernel " + spec.label() + ": " + e.getMessage());
            return new RunOnKernel(spec.label(), 125);
        }
    }

    /** This very JVM and classpath, run as {@code ringside ARGS} inside the guest (the host's root is its root). */
    static List<String> guestCommand(List<String> rest) {
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only and the serial GC: under TCG the JIT's C2 threads cost more than they win for short scripts
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(rest);
        return command;
    }

    /** The working directory, the JDK and the classpath's directories: visible in the guest wherever they are. */
    static List<Path> hostPathsNeeded() {
        List<Path> paths = new ArrayList<>(List.of(Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.home"))));
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            if (!entry.isEmpty()) {
                Path path = Path.of(entry.endsWith("*") ? entry.substring(0, entry.length() - 1) : entry).toAbsolutePath();
                paths.add(Files.isDirectory(path) ? path : path.getParent());
            }
        }
        return paths.stream().filter(java.util.Objects::nonNull).distinct().toList();
    }

    private static Map<String, String> guestEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("HOME", "/root");
        env.put("TERM", "dumb");
        env.put("LANG", System.getenv().getOrDefault("LANG", "C.UTF-8"));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    private static int printTable(Map<String, Map<String, Verdict>> table, List<String> columns, Invocation invocation, PrintWriter out) {
        int width = Math.max("script".length(), table.keySet().stream().mapToInt(String::length).max().orElse(0));
        List<Integer> widths = new ArrayList<>();
        for (String column : columns) {
            int w = column.length();
            for (Map<String, Verdict> row : table.values()) {
                w = Math.max(w, row.get(column).cell().length());
            }
            widths.add(w);
        }
        out.println();
        out.println("verdicts by kernel:");
        StringBuilder header = new StringBuilder(pad("script", width));
        for (int c = 0; c < columns.size(); c++) {
            header.append("  ").append(pad(columns.get(c), widths.get(c)));
        }
        out.println(header.toString().stripTrailing());
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        boolean error = false;
        List<String> toleratedFailures = new ArrayList<>();
        for (Map.Entry<String, Map<String, Verdict>> row : table.entrySet()) {
            StringBuilder line = new StringBuilder(pad(row.getKey(), width));
            int c = 0;
            for (String column : columns) {
                Verdict verdict = row.getValue().get(column);
                line.append("  ").append(pad(verdict.cell(), widths.get(c++)));
                boolean vm = !column.startsWith("host (");
                switch (verdict.word()) {
                    case "passed" -> passed++;
                    case "skipped" -> skipped++;
                    default -> {
                        if (vm && invocation.tolerated().contains(row.getKey())) {
                            toleratedFailures.add(row.getKey() + " on " + column);
                        } else {
                            failed++;
                            error |= verdict.word().equals("ERROR");
                        }
                    }
                }
            }
            out.println(line.toString().stripTrailing());
        }
        if (!toleratedFailures.isEmpty()) {
            out.println("tolerated (--tolerate): " + String.join("; ", toleratedFailures));
        }
        out.println("kernels: " + passed + " passed, " + failed + " failed, " + skipped + " skipped");
        if (error) {
            return 2;
        }
        if (failed > 0) {
            return 1;
        }
        return passed == 0 && skipped > 0 ? 77 : 0;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    private static String seconds(long millis) {
        return millis < 0 ? "?" : String.format("%.1f s", millis / 1000.0);
    }

    /** 2 (error) over 1 (failed) over 0; 77 (all skipped) only when every kernel skipped. */
    static int combine(int worst, int status) {
        if (worst < 0) {
            return status;
        }
        int rankWorst = rank(worst);
        int rankStatus = rank(status);
        return rankStatus > rankWorst ? status : worst;
    }

    private static int rank(int status) {
        return switch (status) {
            case 77 -> 0;
            case 0 -> 1;
            case 1 -> 2;
            default -> 3;
        };
    }

    /** Hands each complete line written to it to a consumer. */
    static final class LineWriter extends Writer {
        private final Consumer<String> lines;
        private final StringBuilder pending = new StringBuilder();

        LineWriter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(char[] buffer, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                char c = buffer[i];
                if (c == '\n') {
                    lines.accept(pending.toString());
                    pending.setLength(0);
                } else if (c != '\r') {
                    pending.append(c);
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            if (!pending.isEmpty()) {
                lines.accept(pending.toString());
                pending.setLength(0);
            }
        }
    }
}
