package dev.ringside.decoders.layout;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.LibcFlagSets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The oracle for {@link LibcLayouts}: a C program compiled here with gcc against the system headers
 * prints sizeof and offsetof/sizeof of every member of every typed struct, and the value of every
 * flag the struct kinds name; each must equal the declared layout. Skipped without gcc.
 */
class LibcLayoutsMatchHeadersTest {
    private static final List<String> HEADERS = List.of("stddef.h", "stdio.h", "fcntl.h", "sys/uio.h", "sys/socket.h",
            "netinet/in.h", "sys/un.h", "linux/openat2.h", "linux/stat.h", "sys/stat.h", "time.h", "sys/epoll.h", "linux/futex.h", "signal.h",
            "linux/io_uring.h");

    @Test
    void everyMemberAndFlagAgreesWithTheSystemHeaders(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(runs("gcc", "--version"), "no gcc");
        StringBuilder c = new StringBuilder("#define _GNU_SOURCE\n");
        HEADERS.forEach(h -> c.append("#include <").append(h).append(">\n"));
        c.append("#if __has_include(<linux/io_uring/query.h>)\n#include <linux/io_uring/query.h>\n#define HAVE_QUERY 1\n#endif\n");
        c.append("int main(void) {\n");
        Map<String, Long> expected = new HashMap<>();
        for (TypedStruct t : LibcLayouts.all()) {
            boolean query = t.header().contains("query");
            if (query) {
                c.append("#ifdef HAVE_QUERY\n");
            }
            c.append("    printf(\"sizeof %s %zu\\n\", \"").append(t.name()).append("\", sizeof(").append(t.cType()).append("));\n");
            expected.put("sizeof " + t.name(), t.size());
            for (LayoutPaths.Field f : t.fields()) {
                String member = "((" + t.cType() + " *)0)->" + f.path();
                c.append("    printf(\"member %s.%s %zu %zu\\n\", \"").append(t.name()).append("\", \"").append(f.path())
                        .append("\", offsetof(").append(t.cType()).append(", ").append(f.path()).append("), sizeof(").append(member).append("));\n");
                expected.put("member " + t.name() + "." + f.path(), f.offset() * 1000 + f.size());
            }
            if (query) {
                c.append("#endif\n");
            }
        }
        for (FlagSet set : List.of(LibcFlagSets.STATX_MASK, LibcFlagSets.RESOLVE, LibcFlagSets.OPEN, LibcFlagSets.FUTEX2,
                LibcFlagSets.MSG, LibcFlagSets.EPOLL, LibcFlagSets.ADDRESS_FAMILY)) {
            for (Flag flag : set.flags()) {
                // FUTEX2_* are newer than some distributions' linux/futex.h: compared where the header has them
                c.append("#ifdef ").append(flag.cName()).append("\n    printf(\"flag ").append(flag.cName())
                        .append(" %llu\\n\", (unsigned long long) (").append(flag.cName()).append("));\n#endif\n");
                expected.put("flag " + flag.cName(), flag.value());
            }
        }
        c.append("    return 0;\n}\n");
        Path source = dir.resolve("libc.c");
        Files.writeString(source, c);
        Process gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", dir.resolve("libc").toString(), source.toString())
                .redirectErrorStream(true).start();
        String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), errors);
        Process run = new ProcessBuilder(dir.resolve("libc").toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor());
        int members = 0;
        int flags = 0;
        for (String line : output.lines().toList()) {
            String[] w = line.split(" ");
            String key = w[0] + " " + w[1];
            long got = switch (w[0]) {
                case "member" -> Long.parseLong(w[2]) * 1000 + Long.parseLong(w[3]);
                default -> Long.parseLong(w[2]);
            };
            assertEquals(expected.get(key), got, key + (w[0].equals("member") ? " (offset*1000+size)" : ""));
            members += w[0].equals("member") ? 1 : 0;
            flags += w[0].equals("flag") ? 1 : 0;
        }
        for (TypedStruct t : LibcLayouts.all()) {
            assertTrue(t.header().contains("query") || output.contains("sizeof " + t.name() + " "), "nothing compared for " + t.name());
        }
        System.out.println("libc layouts: compared " + members + " members and " + flags + " flags with the system headers");
        assertTrue(members > 60 && flags > 50, members + " members, " + flags + " flags");
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
