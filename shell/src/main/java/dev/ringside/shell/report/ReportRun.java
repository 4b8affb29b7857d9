package dev.ringside.shell.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.InputFiles;
import dev.ringside.shell.kernel.KernelRun;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.Style;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.trace.KernelTracer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ringside report SCRIPT.iou [--kernel SPEC,...] [--json] [-o FILE]}: runs the script in a fresh
 * session with the kernel's tracepoints (as root) and /dev/kmsg marked, and writes the report; with
 * --kernel, the same script runs on each kernel and the report adds which pass and which fail.
 */
public final class ReportRun {
    static final String USAGE = "usage: ringside report SCRIPT.iou [--kernel SPEC,...] [--json] [-o FILE]";
    private static final Pattern KERNEL_LINE = Pattern.compile("^== kernel (\\S+): Linux (\\S+), .*$");
    private static final Pattern UNAVAILABLE = Pattern.compile("^ringside: --kernel (\\S+): (.*)$");
    private static final Pattern VERDICT = Pattern.compile("^(.+\\.iou): (passed|FAILED|skipped|ERROR|INTERRUPTED)(?: \\((.*)\\))?$");

    private ReportRun() {
    }

    /** The script run once on this kernel, and its report. */
    public static Report of(Path script, List<Report.KernelVerdict> kernels) {
        String text;
        try {
            text = InputFiles.text(script, InputFiles.MAX_SCRIPT_BYTES, "script", () -> false);
        } catch (ConsoleException e) {
            throw new ConsoleException("report: " + e.getMessage());
        }
        StringWriter output = new StringWriter();
        Journal journal;
        ScriptRunner.Result result;
        KernelLog.Splats splats;
        try (KernelLog log = KernelLog.mark()) {
            try (Session session = new Session(new PrintWriter(output, true), new Style(false))) {
                journal = session.journal();
                KernelTracer.start(journal, List.of(), note -> { }).ifPresent(session::tracer);
                result = new ScriptRunner(session).run(script);
            }
            splats = log.splats();
        }
        String name = script.getFileName().toString();
        String shown = output.toString().replace(script.toString(), name);
        String verdict = switch (result.exitCode()) {
            case ScriptRunner.PASSED -> "passed";
            case ScriptRunner.FAILED -> "FAILED";
            case ScriptRunner.SKIPPED -> "skipped";
            case ScriptRunner.INTERRUPTED -> "INTERRUPTED";
            default -> "ERROR";
        };
        List<Event> events = journal.events();
        return ReportBuilder.build(new ReportBuilder.Run(name, text, shown, verdict, result.passed(), result.failed()),
                events, splats, kernels);
    }

    /** The report as JSON (snake_case keys), one object. */
    public static String json(Report report) {
        ObjectMapper mapper = new ObjectMapper().registerModule(new Jdk8Module())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).enable(SerializationFeature.INDENT_OUTPUT);
        try {
            return HostFacts.scrub(mapper.writeValueAsString(report)) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("the report cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    public static String text(Report report) {
        return HostFacts.scrub(ReportText.render(report));
    }

    public static int cli(List<String> args, PrintWriter out) {
        String script = null;
        String kernels = null;
        String file = null;
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--json")) {
                json = true;
            } else if ((a.equals("--kernel") || a.equals("-o") || a.equals("--output")) && i + 1 < args.size()) {
                if (a.equals("--kernel")) {
                    kernels = args.get(++i);
                } else {
                    file = args.get(++i);
                }
            } else if (a.startsWith("--kernel=")) {
                kernels = a.substring("--kernel=".length());
            } else if (a.startsWith("-") || script != null) {
                out.println("ringside report: unexpected " + a + "\n" + USAGE);
                return 2;
            } else {
                script = a;
            }
        }
        if (script == null) {
            out.println("ringside report: name the script\n" + USAGE);
            return 2;
        }
        try {
            List<Report.KernelVerdict> table = kernels == null ? List.of() : onKernels(kernels, script);
            Report report = of(Path.of(script), table);
            String written = json ? json(report) : text(report);
            if (file == null) {
                out.print(written);
                out.flush();
            } else {
                Files.writeString(Path.of(file), written);
                out.println("wrote " + file + " (" + report.verdict() + ")");
            }
            return report.verdict().equals("passed") ? 0 : report.verdict().equals("FAILED") ? 1 : 2;
        } catch (ConsoleException e) {
            out.println("ringside " + e.getMessage());
            return 2;
        } catch (IOException e) {
            out.println("ringside report: cannot write " + file + ": " + e.getMessage());
            return 2;
        }
    }

    /** The script on each kernel (VMs for all but host), their progress on stderr; one verdict each. */
    static List<Report.KernelVerdict> onKernels(String specs, String script) {
        List<String> lines = new ArrayList<>();
        PrintWriter err = new PrintWriter(System.err, true);
        Writer capture = new Writer() {
            private final StringBuilder line = new StringBuilder();

            @Override
            public void write(char[] buffer, int offset, int length) {
                for (int i = offset; i < offset + length; i++) {
                    if (buffer[i] == '\n') {
                        lines.add(line.toString());
                        err.println(line);
                        line.setLength(0);
                    } else {
                        line.append(buffer[i]);
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        KernelRun.cli(List.of("--kernel", specs, "run", script), new PrintWriter(capture, true));
        List<Report.KernelVerdict> out = new ArrayList<>();
        String kernel = null;
        for (String line : lines) {
            Matcher k = KERNEL_LINE.matcher(line);
            if (k.matches()) {
                kernel = k.group(1) + " (Linux " + k.group(2) + ")";
                continue;
            }
            Matcher u = UNAVAILABLE.matcher(line);
            if (u.matches()) {
                out.add(new Report.KernelVerdict(u.group(1), "ERROR", "could not run: " + u.group(2)));
                continue;
            }
            Matcher v = VERDICT.matcher(line);
            if (kernel != null && v.matches()) {
                out.add(new Report.KernelVerdict(kernel, v.group(2), v.group(3) == null ? "" : v.group(3)));
                kernel = null;
            }
        }
        return out;
    }
}
