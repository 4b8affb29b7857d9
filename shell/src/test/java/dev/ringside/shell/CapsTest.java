package dev.ringside.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ringside.shell.script.ScriptRunner;
import dev.ringside.tracer.probe.TrialSetup;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.decoders.flags.SetupFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ringside caps}, its JSON and diff, {@code require cap=}, and refused setups explained by trial, on the real kernel. */
class CapsTest {
    @TempDir
    Path dir;

    private static String cli(String... args) {
        StringWriter out = new StringWriter();
        int code = Main.run(List.of(args), new PrintWriter(out, true));
        assertEquals(0, code, out.toString());
        return out.toString();
    }

    @Test
    void jsonIsOneCapabilityALineWithTheStableFields() throws IOException {
        String json = cli("caps", "--json");
        ObjectMapper mapper = new ObjectMapper();
        List<String> lines = json.lines().toList();
        assertTrue(lines.size() > 150, json);
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertEquals("capability", node.path("type").asText(), line);
            for (String field : List.of("name", "kind", "since", "present", "how", "detail")) {
                assertTrue(node.has(field), field + " in " + line);
            }
            JsonNode present = node.path("present");
            assertTrue(present.isBoolean() || present.asText().equals("unknown"), line);
        }
        assertTrue(json.contains("\"name\":\"IORING_SETUP_SQ_REWIND\""), json);
    }

    @Test
    void diffShowsExactlyTheCapabilitiesWhoseAnswerDiffers() throws IOException {
        Path here = dir.resolve("here.json");
        Files.writeString(here, cli("caps", "--json"));
        assertTrue(cli("caps", "diff", here.toString(), here.toString()).contains("no difference"));
        // another kernel, simulated by flipping one answer: the diff names that one and no other
        String flipped = Files.readString(here).lines()
                .map(l -> l.contains("\"name\":\"IORING_OP_NOP\"") ? l.replace("\"present\":true", "\"present\":false") : l)
                .reduce("", (a, b) -> a + b + "\n");
        Path other = dir.resolve("other.json");
        Files.writeString(other, flipped);
        String diff = cli("caps", "diff", here.toString(), other.toString());
        assertTrue(diff.contains("IORING_OP_NOP ") && diff.contains("1 differ"), diff);
        StringWriter out = new StringWriter();
        assertEquals(2, Main.run(List.of("caps", "diff", dir.resolve("none.json").toString()), new PrintWriter(out, true)));
        assertTrue(out.toString().startsWith("ringside caps: cannot read "), out.toString());
    }

    @Test
    void requireCapSkipsOnTheCapabilitysOwnTrial() throws IOException {
        // NOP is in every kernel: cap= holds and !cap= skips with the trial's evidence
        Scripts.run(dir, "require cap=IORING_OP_NOP\n", ScriptRunner.PASSED);
        String out = Scripts.run(dir, "require !cap=NOP\n", ScriptRunner.SKIPPED);
        assertTrue(out.contains("shows the rejection on a kernel without IORING_OP_NOP; this one has it (IORING_REGISTER_PROBE"), out);
        out = Scripts.run(dir, "require cap=IORING_OP_NOOP\n", ScriptRunner.ERROR);
        assertTrue(out.contains("no capability 'IORING_OP_NOOP' (did you mean"), out);
        boolean rewind = accepted(SetupFlag.SQ_REWIND.value() | SetupFlag.NO_SQARRAY.value());
        Scripts.run(dir, "require cap=SQ_REWIND\n", rewind ? ScriptRunner.PASSED : ScriptRunner.SKIPPED);
        Scripts.run(dir, "require !cap=SQ_REWIND\n", rewind ? ScriptRunner.SKIPPED : ScriptRunner.PASSED);
    }

    @Test
    void aRefusedSetupNamesTheFlagItRequires() throws IOException {
        // the claim checked by raw setups: refused alone, accepted with SINGLE_ISSUER
        assertFalse(accepted(SetupFlag.DEFER_TASKRUN.value()));
        assertTrue(accepted(SetupFlag.DEFER_TASKRUN.value() | SetupFlag.SINGLE_ISSUER.value()));
        String out = Scripts.run(dir, "ring create flags=DEFER_TASKRUN\n", ScriptRunner.ERROR);
        assertTrue(out.contains("t.iou:1:1: error: io_uring_setup: -EINVAL (Invalid argument): DEFER_TASKRUN requires SINGLE_ISSUER"), out);
        assertEquals(1, out.lines().filter(l -> l.contains("error:")).count(), out);
    }

    @Test
    void aRefusedPairIsTheSmallestFailingCombination() throws IOException {
        long sqpoll = SetupFlag.SQPOLL.value();
        long defer = SetupFlag.DEFER_TASKRUN.value() | SetupFlag.SINGLE_ISSUER.value();
        // the kernel's own answers: each alone is accepted, together refused (SQPOLL's thread cannot run deferred task work)
        assertTrue(accepted(sqpoll) && accepted(defer) && !accepted(sqpoll | defer));
        String out = Scripts.run(dir, "ring create flags=SQPOLL|SINGLE_ISSUER|DEFER_TASKRUN expect=-EINVAL\n", ScriptRunner.PASSED);
        assertTrue(out.contains("SQPOLL cannot be combined with DEFER_TASKRUN (trial rings with each are accepted, with both refused)"), out);
    }

    @Test
    void ringCreateExpectMakesARefusalAnExpectation() throws IOException {
        boolean rewind = accepted(SetupFlag.SQ_REWIND.value());
        String out = Scripts.run(dir, """
                ring create entries=0 expect=-EINVAL
                ring create flags=SQPOLL|SQ_AFF|SQE128|SQE_MIXED expect=-EINVAL
                """, ScriptRunner.PASSED);
        assertTrue(out.contains("entries=0 is out of range: the kernel takes 1..32768"), out);
        if (!rewind) {
            out = Scripts.run(dir, "ring create flags=SQ_REWIND expect=-EINVAL\n", ScriptRunner.PASSED);
            assertTrue(out.contains("IORING_SETUP_SQ_REWIND: this kernel does not know the flag"), out);
        }
        // a setup that succeeds against expect= is a failed expectation, and no ring is left behind
        out = Scripts.run(dir, "ring create flags=SINGLE_ISSUER expect=-EINVAL\nring list\n", ScriptRunner.FAILED);
        assertTrue(out.contains("expected io_uring_setup(r0, entries 8, flags SINGLE_ISSUER) = -22 EINVAL, got a ring"), out);
        assertTrue(out.contains("no rings"), out);
        Scripts.run(dir, "ring create entries=0 expect=0\n", ScriptRunner.ERROR);
    }

    @Test
    void recordKeepsAnExpectedRefusal() throws IOException {
        Path rec = dir.resolve("rec.iou");
        Scripts.run(dir, "ring create big entries=0 expect=-EINVAL\nrecord " + rec + "\n", ScriptRunner.PASSED);
        String recorded = Files.readString(rec);
        assertTrue(recorded.contains("ring create expect=-EINVAL big entries=0"), recorded);
        Scripts.run(rec, ScriptRunner.PASSED);
    }

    @Test
    void helpShowsAFlagsCapabilityAskedOfThisKernel() throws IOException {
        String out = Scripts.run(dir, "help IMMEDIATE_ARG\nhelp nop\n", ScriptRunner.PASSED);
        assertTrue(out.contains("IORING_TIMEOUT_IMMEDIATE_ARG: seed feature, since "), out);
        assertTrue(out.matches("(?s).*  on this kernel: (yes|no) \\(TIMEOUT SQE with timeout_flags=IMMEDIATE_ARG.*"), out);
        assertTrue(out.contains("  on this kernel: yes (IORING_REGISTER_PROBE: last_op "), out);
        out = Scripts.run(dir, "help NO_SUCH_FLAG\n", ScriptRunner.ERROR);
        assertTrue(out.contains("no command, opcode or capability 'NO_SUCH_FLAG'"), out);
    }

    private static boolean accepted(long flags) {
        try {
            TrialSetup.features(flags);
            return true;
        } catch (SyscallException e) {
            return false;
        }
    }

}
