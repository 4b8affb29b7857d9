package dev.ringside.decoders.layout;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.StructLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Compiles a C program against this machine's {@code <linux/io_uring.h>} (and its io_uring/ sub-headers
 * where installed) with gcc and compares the offsetof/sizeof it prints with {@link UapiLayouts}, for
 * every struct of the uapi. The system header may be older than layouts.tsv (Debian 12's is 6.1, the
 * tsv is 7.2.13), so what it lacks is left out: members and whole structs gcc rejects are dropped and
 * the rest compared, which must still cover the core structs; skipped without gcc.
 */
class SystemHeaderMatchesLayoutsTest {
    private static final List<StructLayout> CHECKED = UapiLayouts.all();
    /** Structs every io_uring header has: comparing nothing of one of them means the test lost its point. */
    private static final List<StructLayout> CORE = List.of(UapiLayouts.IO_URING_SQE, UapiLayouts.IO_URING_CQE,
            UapiLayouts.IO_URING_PARAMS, UapiLayouts.IO_SQRING_OFFSETS, UapiLayouts.IO_CQRING_OFFSETS);

    private static final Pattern RESERVED = Pattern.compile("_*(resv|rsvd|pad)\\w*");

    record Probe(String struct, String path, boolean withSize, LayoutPaths.Field field) {
        String lines() {
            String type = "struct " + struct;
            String member = "((" + type + " *)0)->" + path;
            return "    printf(\"%s %s %zu %zu\\n\", \"" + struct + "\", \"" + path + "\", offsetof(" + type + ", " + path + "), "
                    + (withSize ? "sizeof(" + member + ")" : "(size_t)0") + "); /* " + struct + "." + path + " */\n";
        }
    }

    @Test
    void systemHeaderAgreesWithUapiLayouts(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/usr/include/linux/io_uring.h")), "no <linux/io_uring.h>");
        Assumptions.assumeTrue(runs("gcc", "--version"), "no gcc");
        List<Probe> probes = new ArrayList<>();
        for (StructLayout layout : CHECKED) {
            String struct = layout.name().orElseThrow();
            for (LayoutPaths.Field f : LayoutPaths.fields(layout)) {
                // newer kernels carve fields out of reserved bytes (buf_reg's resv became min_left and a
                // shorter resv): an older header's reserved members differ by design, its real ones must not
                if (CORE.contains(layout) || !RESERVED.matcher(f.name()).matches()) {
                    probes.add(new Probe(struct, f.path(), f.size() > 0, f));
                }
            }
        }
        Set<String> missing = new HashSet<>();
        String output = null;
        for (int attempt = 0; attempt < 4 && output == null; attempt++) {
            Path c = dir.resolve("layouts.c");
            Files.writeString(c, program(probes, missing));
            Process gcc = new ProcessBuilder("gcc", "-std=gnu11", "-o", dir.resolve("layouts").toString(), c.toString())
                    .redirectErrorStream(true).start();
            String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
            if (gcc.exitValue() == 0) {
                Process run = new ProcessBuilder(dir.resolve("layouts").toString()).redirectErrorStream(true).start();
                output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, run.waitFor());
            } else {
                Set<String> found = missingMembers(errors, c);
                assertTrue(!found.isEmpty(), "gcc failed for another reason than a missing member:\n" + errors);
                missing.addAll(found);
            }
        }
        assertTrue(output != null, "could not compile after dropping " + missing);
        int compared = 0;
        for (String line : output.lines().toList()) {
            String[] w = line.split(" ");
            LayoutPaths.Field f = LayoutPaths.field(UapiLayouts.named(w[0]).orElseThrow(), w[1]);
            assertEquals(f.offset(), Long.parseLong(w[2]), "offsetof(" + w[0] + ", " + w[1] + ")");
            if (f.size() > 0) {
                assertEquals(f.size(), Long.parseLong(w[3]), "sizeof(" + w[0] + "." + w[1] + ")");
            }
            compared++;
        }
        for (StructLayout layout : CORE) {
            assertTrue(output.contains(layout.name().orElseThrow() + " "), "nothing compared for " + layout.name());
        }
        System.out.println("system header: compared " + compared + " fields; left out (not in this header): " + missing.size());
        assertTrue(compared > 40, "only " + compared + " fields compared");
    }

    private static String program(List<Probe> probes, Set<String> missing) {
        StringBuilder c = new StringBuilder("#include <stddef.h>\n#include <stdio.h>\n#include <linux/io_uring.h>\n");
        for (String sub : List.of("zcrx", "query", "bpf_filter", "mock_file")) {
            c.append("#if __has_include(<linux/io_uring/").append(sub).append(".h>)\n#include <linux/io_uring/")
                    .append(sub).append(".h>\n#endif\n");
        }
        c.append("int main(void) {\n");
        for (Probe p : probes) {
            if (!missing.contains(p.struct() + "." + p.path())) {
                c.append(p.lines());
            }
        }
        return c.append("    return 0;\n}\n").toString();
    }

    private static final Pattern ERROR_LINE = Pattern.compile(":(\\d+):\\d+: error:");

    /** The probes on the lines gcc rejected (no such member in this older header). */
    private static Set<String> missingMembers(String errors, Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        Set<String> out = new HashSet<>();
        Matcher m = ERROR_LINE.matcher(errors);
        while (m.find()) {
            String line = lines.get(Integer.parseInt(m.group(1)) - 1);
            int comment = line.lastIndexOf("/* ");
            // a member this older header lacks, or a whole struct it does not define
            if (comment >= 0 && (errors.contains("has no member named") || errors.contains("undefined type"))) {
                out.add(line.substring(comment + 3, line.lastIndexOf(" */")));
            }
        }
        return out;
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
