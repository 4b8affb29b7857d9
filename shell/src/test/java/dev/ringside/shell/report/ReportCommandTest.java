package dev.ringside.shell.report;

import dev.ringside.shell.Main;
import dev.ringside.shell.Scripts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code report FILE} in a live session, and {@code ringside report SCRIPT --kernel host}'s table. */
class ReportCommandTest {
    @TempDir
    Path dir;

    @Test
    void theLiveSessionsReportCarriesItsFailureAndRecording() throws Exception {
        Path file = dir.resolve("r.txt");
        String out = Scripts.run(dir, """
                ring create
                sqe nop user_data=1 nop_flags=0x80
                submit wait=1
                expect cqe user_data=1 res=0
                report %s
                report %s format=json
                """.formatted(file, dir.resolve("r.json")), 1);
        assertTrue(out.contains("wrote " + file), out);
        String text = Files.readString(file);
        for (String section : ReportText.SECTIONS) {
            assertTrue(text.lines().anyMatch(section::equals), section + "\n" + text);
        }
        assertTrue(text.contains("sqe nop user_data=1 nop_flags=0x80"), text); // the session, recorded as a script
        assertTrue(text.lines().anyMatch(l -> l.matches("- +cqe user_data=1 res=0 +cqe user_data=1 res=-22 EINVAL")), text);
        ReportGoldenTest.mailSafe(text);
        String json = Files.readString(dir.resolve("r.json"));
        assertTrue(json.contains("\"verdict\" : \"FAILED\""), json);
        ReportGoldenTest.hostFree(json);
    }

    @Test
    void kernelHostAddsItsRowToTheTable() throws URISyntaxException {
        Path script = Path.of(Objects.requireNonNull(getClass().getResource("nop-flag-refused.iou")).toURI());
        StringWriter out = new StringWriter();
        int code = Main.run(List.of("report", script.toString(), "--kernel", "host"), new PrintWriter(out, true));
        assertEquals(1, code, out.toString());
        String text = out.toString();
        int table = text.indexOf("\nKernels\n-------\n");
        assertTrue(table > 0, text);
        String row = text.substring(table + "\nKernels\n-------\n".length()).lines().findFirst().orElseThrow();
        assertTrue(row.matches("host \\(Linux \\S+\\) +FAILED"), row);
        ReportGoldenTest.mailSafe(text);
    }
}
