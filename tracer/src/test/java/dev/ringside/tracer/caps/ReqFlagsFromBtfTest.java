package dev.ringside.tracer.caps;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.kernel.ReqFlagLayout;
import dev.ringside.decoders.kernel.ReqFlags;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REQ_F_* table the tracer decodes with is the running kernel's own BTF enum: checked against
 * bpftool's dump of /sys/kernel/btf/vmlinux (an oracle we did not write), and on 6.18 against the
 * shipped 6.18 table.
 */
class ReqFlagsFromBtfTest {
    private static final Pattern BPFTOOL_BIT = Pattern.compile("^\\s+'REQ_F_(\\w+)_BIT' val=(\\d+)$", Pattern.MULTILINE);

    @Test
    void theTableReadFromBtfIsBpftoolsEnum() throws IOException, InterruptedException {
        Optional<Btf> btf = Btf.kernel();
        Assumptions.assumeTrue(btf.isPresent(), "no readable " + Btf.VMLINUX);
        Optional<String> dump = bpftool();
        Assumptions.assumeTrue(dump.isPresent(), "bpftool is not installed (bin/install-bpf-tools installs it)");
        Map<String, Long> oracle = new TreeMap<>();
        Matcher m = BPFTOOL_BIT.matcher(dump.get());
        while (m.find()) {
            oracle.put(m.group(1), 1L << Long.parseLong(m.group(2)));
        }
        ReqFlags.Choice read = ReqFlags.fromBtf(btf.get().enumerators()).orElseThrow();
        Map<String, Long> ours = new TreeMap<>();
        for (Flag f : read.flags().flags()) {
            ours.put(f.name(), f.value());
        }
        assertTrue(oracle.size() > 30, "bpftool printed " + oracle.size() + " REQ_F_*_BIT enumerators");
        assertEquals(oracle, ours);
        assertTrue(read.exact());
    }

    @Test
    void on618TheBtfTableIsTheShipped618One() throws IOException {
        String release = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
        Optional<Btf> btf = Btf.kernel();
        Assumptions.assumeTrue(release.startsWith("6.18.") && btf.isPresent(), "needs a 6.18 kernel with BTF, this is " + release);
        ReqFlags.Choice chosen = ReqFlags.forKernel(btf.map(Btf::enumerators), release);
        assertEquals(Optional.of(ReqFlagLayout.V6_18), chosen.layout());
        assertTrue(chosen.note().contains("from this kernel's BTF"), chosen.note());
        // known 6.18 values: LINK bit 2, bit 7 free, FAIL bit 8, SQE_COPIED bit 40, no IOPOLL
        assertEquals("LINK|FAIL|SQE_COPIED|0x80", chosen.format((1L << 2) | (1L << 7) | (1L << 8) | (1L << 40)));
        assertFalse(chosen.flags().member("IOPOLL").isPresent());
    }

    @Test
    void aBtfWithoutReqFlagsFallsBackToTheReleaseTableAndSaysSo() {
        ReqFlags.Choice c = ReqFlags.forKernel(Optional.of(Map.of("SOME_OTHER_ENUM", 3L)), "7.2.13+deb14-amd64");
        assertEquals(Optional.of(ReqFlagLayout.V7_2), c.layout());
        assertTrue(c.note().startsWith("no REQ_F_* in BTF; by release"), c.note());
        // a kernel whose BTF renumbers a bit gets its own bits, not a release's
        ReqFlags.Choice odd = ReqFlags.fromBtf(Map.of("REQ_F_LINK_BIT", 5L, "REQ_F_IOPOLL_BIT", 1L)).orElseThrow();
        assertEquals("IOPOLL|LINK", odd.format((1L << 5) | 2));
        assertEquals(Optional.empty(), odd.layout());
    }

    private static Optional<String> bpftool() throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("bpftool", "btf", "dump", "file", Btf.VMLINUX.toString(), "format", "raw")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return Optional.empty();
        }
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            return Optional.empty();
        }
        return Optional.of(new String(out, StandardCharsets.UTF_8));
    }
}
