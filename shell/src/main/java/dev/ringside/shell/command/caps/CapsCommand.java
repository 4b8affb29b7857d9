package dev.ringside.shell.command.caps;

import dev.ringside.shell.command.JsonOption;
import dev.ringside.shell.caps.CapsReport;
import dev.ringside.shell.session.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;

/** {@code caps [FILTER...] [--json]}, {@code caps diff OTHER.json [THIRD.json]}: what the kernel can do, by trial. */
@Command(name = "caps", description = {
    "What this kernel can do, each capability asked by its own trial (trial ring, probe, IORING_REGISTER_QUERY, BTF):",
    "caps [setup|feature|opcode|register|enter|seed|environment|NAME...] [--json];",
    "caps diff OTHER.json (this kernel vs a saved 'caps --json'), caps diff A.json B.json."})
public final class CapsCommand implements Runnable {
    private final Session session;

    @Parameters(arity = "0..*", paramLabel = "FILTER|diff FILE")
    List<String> words;

    @Mixin
    JsonOption json;

    public CapsCommand(Session session) {
        this.session = session;
    }

    @Override
    public void run() {
        List<String> args = words == null ? List.of() : words;
        session.out().println(String.join("\n", lines(args, session.output().json())));
    }

    /** The lines {@code caps ARGS} prints, for the console and {@code ringside caps}. */
    public static List<String> lines(List<String> args, boolean json) {
        if (!args.isEmpty() && args.getFirst().equals("diff")) {
            if (args.size() == 2) {
                return CapsReport.diff("this kernel", index(CapsReport.ask(List.of())), args.get(1), CapsReport.read(Path.of(args.get(1))));
            }
            if (args.size() == 3) {
                return CapsReport.diff(args.get(1), CapsReport.read(Path.of(args.get(1))), args.get(2), CapsReport.read(Path.of(args.get(2))));
            }
            throw new dev.ringside.shell.ConsoleException("usage: caps diff OTHER.json, or caps diff A.json B.json");
        }
        List<CapsReport.Row> rows = CapsReport.ask(args);
        return json ? CapsReport.json(rows) : CapsReport.table(rows);
    }

    private static java.util.Map<String, CapsReport.Row> index(List<CapsReport.Row> rows) {
        java.util.Map<String, CapsReport.Row> out = new java.util.LinkedHashMap<>();
        rows.forEach(r -> out.put(r.name(), r));
        return out;
    }

    /** {@code ringside caps ...}: exit 0, or 2 with one line on bad input. */
    public static int cli(List<String> args, java.io.PrintWriter out) {
        boolean json = args.contains(JsonOption.NAME);
        List<String> rest = args.stream().filter(a -> !a.equals(JsonOption.NAME)).toList();
        try {
            lines(rest, json).forEach(out::println);
            out.flush();
            return 0;
        } catch (dev.ringside.shell.ConsoleException e) {
            out.println("ringside caps: " + e.getMessage());
            out.flush();
            return 2;
        }
    }
}
