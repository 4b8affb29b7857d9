package dev.ringside.shell.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The report of a failing example (nop-flag-refused.iou, run on this kernel) against its golden file,
 * line by line: the sections in order, the CQE mismatch, the script and the C program; every line at
 * most 72 columns with no colour; nothing of the host (its name, the user, the home and working
 * directories, the environment). The C program it carries builds with gcc -Wall -Werror and fails
 * the same expectation.
 */
class ReportGoldenTest {
    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(Objects.requireNonNull(ReportGoldenTest.class.getResource(name)).toURI());
    }

    private static Report report;

    /** One run of the example for all the checks: a report runs the script, traces it and asks the capabilities. */
    private static synchronized Report report() throws URISyntaxException {
        if (report == null) {
            report = ReportRun.of(resource("nop-flag-refused.iou"), List.of());
        }
        return report;
    }

    @Test
    void textMatchesTheGoldenFileLineByLine() throws Exception {
        String text = ReportRun.text(report());
        List<String> lines = text.lines().toList();
        List<String> golden = Files.readAllLines(resource("nop-flag-refused.golden")).stream()
                .filter(l -> !l.startsWith("#")).toList();
        int at = 0;
        for (String want : golden) {
            Pattern p = want.startsWith("~") ? Pattern.compile(want.substring(1)) : null;
            int found = -1;
            for (int i = at; i < lines.size(); i++) {
                if (p == null ? lines.get(i).equals(want) : p.matcher(lines.get(i)).find()) {
                    found = i;
                    break;
                }
            }
            if (found < 0) {
                fail("golden line not found after report line " + at + ": " + want + "\n---\n" + text);
            }
            at = found + 1;
        }
        // every section, each under its heading, in the order ReportText declares
        List<Integer> headings = new ArrayList<>();
        for (String section : ReportText.SECTIONS) {
            int i = lines.indexOf(section);
            assertTrue(i >= 0 && lines.get(i + 1).equals("-".repeat(section.length())), section + "\n" + text);
            headings.add(i);
        }
        assertEquals(headings.stream().sorted().toList(), headings, text);
        String summary = String.join(" ", lines.subList(lines.indexOf("Summary") + 2, lines.indexOf("Kernel") - 1));
        assertTrue(summary.contains("1 expectation met, 1 failed. At line 10 it expected cqe user_data=2 res=0; the kernel"
                + " answered cqe user_data=2 res=-22 EINVAL flags=0."), summary);
        assertTrue(summary.contains("The kernel logged no splat while it ran.") || summary.contains("The kernel log was not checked")
                || summary.contains("The kernel logged a splat"), summary);
        mailSafe(text);
        if (isRoot()) { // the console traces the kernel's events as root: the slice shows the refusal as the kernel saw it
            assertTrue(text.contains("kernel req_failed"), text);
            assertTrue(text.contains("why: failed at prep with -EINVAL (req_failed)"), text);
        }
    }

    @Test
    void theCarriedProgramBuildsAndFailsTheSameExpectation() throws Exception {
        String text = ReportRun.text(report());
        List<String> lines = text.lines().toList();
        int from = lines.indexOf("C reproducer") + 4;
        int to = lines.indexOf("ringside");
        StringBuilder c = new StringBuilder();
        for (String line : lines.subList(from, to)) {
            c.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
        }
        Path source = dir.resolve("repro.c");
        Files.writeString(source, c);
        Process gcc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", dir.resolve("repro").toString(), source.toString())
                .redirectErrorStream(true).start();
        String errors = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(gcc.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, gcc.exitValue(), errors);
        Process run = new ProcessBuilder(dir.resolve("repro").toString()).redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, run.exitValue(), out);
        assertTrue(out.contains("FAILED expect cqe user_data=2 res=0: got cqe user_data=2 res=-22"), out);
    }

    @Test
    void jsonCarriesTheSameFacts() throws Exception {
        String json = ReportRun.json(report());
        JsonNode r = new ObjectMapper().readTree(json);
        assertEquals("FAILED", r.path("verdict").asText());
        assertEquals(1, r.path("failed").asInt());
        assertEquals("cqe user_data=2 res=0", r.path("checks").get(0).path("expected").asText());
        assertTrue(r.path("checks").get(0).path("actual").asText().startsWith("cqe user_data=2 res=-22 EINVAL"), json);
        assertEquals("nop-flag-refused.iou", r.path("script").path("name").asText());
        assertTrue(r.path("c_program").asText().contains("io_uring_setup"), json);
        assertFalse(r.path("kernel").path("release").asText().isEmpty(), json);
        assertFalse(r.path("ringside").path("commit").asText().isEmpty(), json);
        hostFree(json);
    }

    /** 72 columns, no tabs, no escape sequences, nothing of the host. */
    static void mailSafe(String text) {
        for (String line : text.lines().toList()) {
            assertTrue(line.length() <= 72, "longer than 72: " + line);
            assertFalse(line.contains("\t") || line.contains("\u001b"), "tab or escape: " + line);
        }
        hostFree(text);
    }

    static void hostFree(String text) {
        String host = HostFacts.hostName();
        if (!host.isEmpty() && !host.equals("localhost")) {
            assertFalse(Pattern.compile("\\b" + Pattern.quote(host) + "\\b").matcher(text).find(), "host name " + host);
        }
        String home = System.getProperty("user.home");
        if (home.length() > 1) {
            assertFalse(text.contains(home + "/") || text.contains(home + " ") || text.contains(home + "\n"), "home " + home);
        }
        assertFalse(text.contains(Path.of("").toAbsolutePath().toString()), "working directory");
        assertFalse(text.contains("/work"), "/work");
        String user = System.getProperty("user.name");
        assertFalse(text.contains("/home/" + user) || text.contains(user + "@"), "user " + user);
        for (String variable : List.of("PATH", "JAVA_HOME", "MAVEN_OPTS", "PWD", "OLDPWD")) {
            String value = System.getenv(variable);
            if (value != null && value.length() > 3) {
                assertFalse(text.contains(value), "$" + variable);
            }
        }
    }

    private static boolean isRoot() throws IOException {
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/status"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[2].equals("0"));
        }
    }
}
