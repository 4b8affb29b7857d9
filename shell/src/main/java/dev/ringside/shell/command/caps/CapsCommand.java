package dev.ringside.shell.command.caps;

import dev.ringside.shell.syntax.Declared;
import dev.ringside.shell.syntax.Positional;
import dev.ringside.shell.syntax.Switch;
import dev.ringside.shell.syntax.Syntax;
import dev.ringside.shell.syntax.ValueType;
import dev.ringside.shell.syntax.Verb;
import dev.ringside.shell.syntax.Args;
import dev.ringside.shell.caps.CapsReport;
import dev.ringside.shell.session.Session;

import java.nio.file.Path;
import java.util.List;

/** {@code caps [FILTER...] [--json]}, {@code caps diff OTHER.json [THIRD.json]}: what the kernel can do, by trial. */
public final class CapsCommand implements Declared {
    private final Session session;

    public CapsCommand(Session session) {
        this.session = session;
    }

    static final Syntax SYNTAX = Syntax.of("caps",
                    "What this kernel can do, each capability asked by its own trial (trial ring, probe, IORING_REGISTER_QUERY, BTF).")
            .with(Positional.many("FILTER", new ValueType.Choices("FILTER", s -> {
                List<String> out = new java.util.ArrayList<>(List.of("setup", "feature", "opcode", "register", "enter", "seed",
                        "environment", "diff"));
                out.addAll(dev.ringside.tracer.caps.Capabilities.names());
                return out;
            }), "a kind (setup, feature, opcode, register, enter, seed, environment) or a capability's name"))
            .note("caps diff OTHER.json: this kernel vs a saved 'caps --json'; caps diff A.json B.json: two saved ones.")
            .withJson();

    @Override
    public List<Verb> verbs() {
        return List.of(new Verb(SYNTAX, this::run));
    }

    private void run(Args args) {
        session.out().println(String.join("\n", lines(args.positionalWords(), args.json())));
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
        boolean json = args.contains(Switch.JSON.name());
        List<String> rest = args.stream().filter(a -> !a.equals(Switch.JSON.name())).toList();
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
