package dev.ringside.shell.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KernelSpecTest {
    @Test
    void suitesVersionsHostAndImages(@TempDir Path dir) throws IOException {
        assertEquals(new KernelSpec.Host(), KernelSpec.parse("host"));
        assertEquals(new KernelSpec.Debian("sid", ""), KernelSpec.parse("debian:sid"));
        assertEquals(new KernelSpec.Debian("sid", ""), KernelSpec.parse("debian:unstable"));
        assertEquals(new KernelSpec.Debian("experimental", ""), KernelSpec.parse("debian:experimental"));
        assertEquals(new KernelSpec.Debian("", "7.2.13"), KernelSpec.parse("7.2.13"));
        assertEquals(new KernelSpec.Debian("", "7.3-rc7"), KernelSpec.parse("debian:7.3-rc7"));
        Path image = Files.writeString(dir.resolve("vmlinuz"), "not really a kernel");
        assertEquals(new KernelSpec.Image(image), KernelSpec.parse(image.toString()));
        assertEquals("debian:sid", KernelSpec.parse("debian:sid").label());
        assertEquals("debian:7.2.13", KernelSpec.parse("7.2.13").label());
    }

    @Test
    void listsKeepOrderAndRefuseRepeats() {
        assertEquals(List.of(new KernelSpec.Host(), new KernelSpec.Debian("sid", "")), KernelSpec.parseList("host,debian:sid"));
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class, () -> KernelSpec.parseList("debian:sid,debian:unstable"));
        assertEquals("--kernel: debian:sid is named twice", twice.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelSpec.parseList("host,"));
    }

    @Test
    void badSpecsGetOneLineReasons() {
        for (String bad : List.of("debian:bookworm-ish", "/no/such/vmlinuz", "")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KernelSpec.parse(bad));
            assertTrue(e.getMessage().startsWith("--kernel"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void invocationSeparatesKernelsToleratedScriptsAndTheRest() {
        KernelRun.Invocation run = KernelRun.Invocation.parse(List.of("run", "--kernel", "host,debian:sid", "--tolerate=a.iou,b.iou", "a.iou", "c.iou"));
        assertEquals(2, run.kernels().size());
        assertEquals(List.of("run", "a.iou", "c.iou"), run.rest());
        assertEquals(List.of("a.iou", "c.iou"), run.scripts());
        assertEquals(Set.of("a.iou", "b.iou"), run.tolerated());
        KernelRun.Invocation caps = KernelRun.Invocation.parse(List.of("caps", "--json", "--kernel=debian:sid"));
        assertEquals(List.of("caps", "--json"), caps.rest());
        assertEquals(List.of(), caps.scripts());
        assertThrows(IllegalArgumentException.class, () -> KernelRun.Invocation.parse(List.of("run", "--kernel", "host")));
        assertThrows(IllegalArgumentException.class, () -> KernelRun.Invocation.parse(List.of("a.iou", "--kernel")));
        assertThrows(IllegalArgumentException.class, () -> KernelRun.Invocation.parse(List.of("--kernel", "host", "--kernel", "debian:sid", "a.iou")));
    }

    @Test
    void exitStatusesCombineWorstFirst() {
        assertEquals(0, KernelRun.combine(77, 0));
        assertEquals(77, KernelRun.combine(77, 77));
        assertEquals(1, KernelRun.combine(0, 1));
        assertEquals(2, KernelRun.combine(1, 2));
        assertEquals(125, KernelRun.combine(0, 125));
    }

    @Test
    void exactVersionPicksTheGenericAmd64Flavour() {
        // package names as apt-cache pkgnames linux-binary- printed for sid on 2026-12-01
        String names = """
                linux-binary-unsigned-7.2.13+deb14-amd64
                linux-binary-7.2.13+deb14-cloud-amd64
                linux-binary-7.2.13+deb14-rt-amd64
                linux-binary-7.2.13+deb14-amd64
                linux-binary-7.2.1+deb14-amd64
                linux-binary-7.2.9+deb14-amd64
                """;
        assertEquals("7.2.13+deb14-amd64", KernelCache.pickRelease(names, "7.2.13").orElseThrow());
        assertEquals("7.2.1+deb14-amd64", KernelCache.pickRelease(names, "7.2.1").orElseThrow());
        assertEquals("7.2.13+deb14-amd64", KernelCache.pickRelease(names, "7.2").orElseThrow());
        assertTrue(KernelCache.pickRelease(names, "7.1").isEmpty());
    }

    @Test
    void mirrorIsReadFromEitherSourcesFormat() {
        assertEquals("http://mirror.example/debian", DebianMirror.first("Types: deb\nURIs: http://mirror.example/debian\nSuites: bookworm\n").orElseThrow());
        assertEquals("http://m.example/debian", DebianMirror.first("deb [arch=amd64] http://m.example/debian/ bookworm main\n").orElseThrow());
        assertTrue(DebianMirror.first("URIs: http://m.example/debian-security\n").isEmpty());
    }
}
