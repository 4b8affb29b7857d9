package dev.ringside.shell.export;

import dev.ringside.decoders.catalog.Catalog;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.tracer.journal.Event;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A script's {@code require} lines as the C a liburing test starts with: each checked by trial the way
 * liburing's own tests do (the opcode in io_uring_get_probe(), the setup flags by
 * io_uring_queue_init_params() answering -EINVAL, the features a plain ring reports), and the test
 * exits T_EXIT_SKIP (77) when the kernel falls short. A release ({@code kernel>=}) is read from uname(2);
 * {@code root} is geteuid(). A capability of the catalogue ({@code cap=}) is tried when it is an opcode or a
 * setup flag; other capabilities have no C trial yet and the export says so.
 */
final class LiburingRequires {
    private static final Pattern KERNEL = Pattern.compile("kernel(>=|>|=|==|<|<=)(\\d+)\\.(\\d+)");

    private LiburingRequires() {
    }

    /** The require words of the lines the script ran. */
    static List<String> words(List<Event> journal) {
        List<String> words = new ArrayList<>();
        for (Event e : journal) {
            if (e instanceof Event.CommandRan ran && ran.succeeded() && ran.line().strip().startsWith("require ")) {
                for (String w : ran.line().strip().substring("require ".length()).split("\\s+")) {
                    if (!w.isEmpty() && !w.startsWith("#")) {
                        words.add(w);
                    }
                }
            }
        }
        return words;
    }

    /** The body of {@code static void requirements(void)}: one check per word. */
    static List<String> checks(List<String> words) {
        Catalog catalog = Catalog.builtin();
        List<String> c = new ArrayList<>();
        for (String word : words) {
            String what = CExporter.cString("require " + word);
            Matcher kernel = KERNEL.matcher(word);
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            try {
                if (kernel.matches()) {
                    c.add("require_kernel(" + what + ", \"" + kernel.group(1) + "\", " + kernel.group(2) + ", " + kernel.group(3) + ");");
                } else if (word.equals("root")) {
                    c.add("if (geteuid() != 0)");
                    c.add("\tskip(" + what + ", \"needs root\");");
                } else if (key.equals("op") || key.equals("opcode")) {
                    c.add(opcode(catalog.opcode(value), what));
                } else if (key.equals("setup")) {
                    c.add("require_setup(" + what + ", " + FlagSets.SETUP.parse(value) + "U);");
                } else if (key.equals("feature") || key.equals("features")) {
                    c.add("require_features(" + what + ", " + FlagSets.FEATURES.parse(value) + "U);");
                } else if (key.equals("cap") || key.equals("!cap")) {
                    c.add(capability(catalog, key.equals("cap"), value, what, word));
                } else {
                    throw new ConsoleException("export c --liburing-test: cannot test 'require " + word + "' in C yet");
                }
            } catch (ValueException e) {
                throw new ConsoleException("export c --liburing-test: require " + word + ": " + e.getMessage());
            }
        }
        return c;
    }

    private static String opcode(Opcode op, String what) {
        return "require_opcode(" + what + ", " + op.number() + " /* " + op.cName() + " */, 1);";
    }

    /** cap=IORING_OP_X and cap=IORING_SETUP_X have a C trial; !cap= skips when the kernel has it. */
    private static String capability(Catalog catalog, boolean wanted, String name, String what, String word) {
        String upper = name.toUpperCase(Locale.ROOT);
        if (upper.startsWith("IORING_OP_")) {
            Opcode op = catalog.opcode(upper.substring("IORING_OP_".length()));
            return "require_opcode(" + what + ", " + op.number() + " /* " + op.cName() + " */, " + (wanted ? 1 : 0) + ");";
        }
        if (upper.startsWith("IORING_SETUP_")) {
            long flag = FlagSets.SETUP.parse(upper.substring("IORING_SETUP_".length()));
            return wanted ? "require_setup(" + what + ", " + flag + "U);" : "require_setup_refused(" + what + ", " + flag + "U);";
        }
        throw new ConsoleException("export c --liburing-test: cannot test 'require " + word + "' by trial in C yet"
                + " (only opcodes and setup flags of the capability catalogue are)");
    }

    /** The trial helpers the checks call, with liburing's API. */
    static final String HELPERS = """
            /* ---- skip by trial, as liburing's tests do: T_EXIT_SKIP when the kernel lacks what the script requires ---- */

            static __attribute__((unused)) void skip(const char *what, const char *why)
            {
            \tprintf("skipped: %s: %s\\n", what, why);
            \texit(T_EXIT_SKIP);
            }

            /* The opcode in IORING_REGISTER_PROBE's answer (io_uring_get_probe); want 0: skip when it is there. */
            static __attribute__((unused)) void require_opcode(const char *what, int op, int want)
            {
            \tstruct io_uring_probe *probe = io_uring_get_probe();
            \tint has;

            \tif (!probe)
            \t\tskip(what, "IORING_REGISTER_PROBE is refused");
            \thas = op <= probe->last_op && io_uring_opcode_supported(probe, op);
            \tio_uring_free_probe(probe);
            \tif (has != want)
            \t\tskip(what, want ? "the kernel does not support the opcode" : "the kernel supports the opcode");
            }

            /* A trial ring with these setup flags: -EINVAL means the kernel refuses them. */
            static __attribute__((unused)) int setup_accepted(unsigned flags, unsigned *features)
            {
            \tstruct io_uring ring;
            \tstruct io_uring_params p;
            \tint ret;

            \tmemset(&p, 0, sizeof p);
            \tp.flags = flags;
            \tret = io_uring_queue_init_params(4, &ring, &p);
            \tif (ret < 0)
            \t\treturn 0;
            \tif (features)
            \t\t*features = p.features;
            \tio_uring_queue_exit(&ring);
            \treturn 1;
            }

            static __attribute__((unused)) void require_setup(const char *what, unsigned flags)
            {
            \tif (!setup_accepted(flags, NULL))
            \t\tskip(what, "io_uring_queue_init_params refuses the setup flags");
            }

            static __attribute__((unused)) void require_setup_refused(const char *what, unsigned flags)
            {
            \tif (setup_accepted(flags, NULL))
            \t\tskip(what, "the kernel accepts the setup flags");
            }

            static __attribute__((unused)) void require_features(const char *what, unsigned wanted)
            {
            \tunsigned features = 0;

            \tif (!setup_accepted(0, &features) || (features & wanted) != wanted)
            \t\tskip(what, "the kernel lacks the features");
            }

            /* kernel>=X.Y: the release uname(2) reports (no trial can say which release runs) */
            static __attribute__((unused)) void require_kernel(const char *what, const char *op, int major, int minor)
            {
            \tstruct utsname u;
            \tint ma = 0, mi = 0, c, met;

            \tif (uname(&u) < 0 || sscanf(u.release, "%d.%d", &ma, &mi) != 2)
            \t\tskip(what, "the release cannot be read");
            \tc = ma != major ? (ma > major ? 1 : -1) : mi != minor ? (mi > minor ? 1 : -1) : 0;
            \tmet = !strcmp(op, ">=") ? c >= 0 : !strcmp(op, ">") ? c > 0 : !strcmp(op, "<=") ? c <= 0
            \t\t: !strcmp(op, "<") ? c < 0 : c == 0;
            \tif (!met)
            \t\tskip(what, "another kernel release is needed");
            }
            """;
}
