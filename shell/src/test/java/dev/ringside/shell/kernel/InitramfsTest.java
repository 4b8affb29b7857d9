package dev.ringside.shell.kernel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitramfsTest {
    /** One entry as read back by a reader following the kernel's buffer-format.rst, not by Cpio. */
    record Entry(String name, int mode, byte[] data) {
    }

    static List<Entry> read(byte[] archive) {
        List<Entry> entries = new ArrayList<>();
        int at = 0;
        while (true) {
            assertEquals(0, at % 4, "each header starts 4-aligned");
            String header = new String(archive, at, Cpio.HEADER_SIZE, StandardCharsets.US_ASCII);
            assertEquals("070701", header.substring(0, 6));
            int mode = Integer.parseInt(header.substring(14, 22), 16);
            int size = Integer.parseInt(header.substring(54, 62), 16);
            int nameSize = Integer.parseInt(header.substring(94, 102), 16);
            String name = new String(archive, at + Cpio.HEADER_SIZE, nameSize - 1, StandardCharsets.UTF_8);
            assertEquals(0, archive[at + Cpio.HEADER_SIZE + nameSize - 1], "names end in NUL");
            int data = align(at + Cpio.HEADER_SIZE + nameSize);
            byte[] bytes = java.util.Arrays.copyOfRange(archive, data, data + size);
            at = align(data + size);
            if (name.equals("TRAILER!!!")) {
                assertEquals(archive.length, at, "nothing after the trailer");
                return entries;
            }
            entries.add(new Entry(name, mode, bytes));
        }
    }

    private static int align(int n) {
        return (n + 3) & ~3;
    }

    @Test
    void newcLayoutHoldsBusyboxModulesInitAndCommand(@TempDir Path dir) throws IOException {
        Path busybox = Files.write(dir.resolve("busybox"), new byte[]{0x7f, 'E', 'L', 'F', 1});
        Path netfs = Files.write(dir.resolve("netfs.ko"), "netfs-bytes".getBytes());
        Path ninep = Files.write(dir.resolve("9p.ko"), "9p".getBytes());
        Map<String, String> env = new LinkedHashMap<>();
        env.put("JAVA_HOME", "/usr/lib/jvm/x");
        byte[] archive = Initramfs.build(busybox, List.of(netfs, ninep), List.of("/usr/bin/java", "it's"), Path.of("/work/a b"), env);
        List<Entry> entries = read(archive);
        Map<String, Entry> byName = new LinkedHashMap<>();
        entries.forEach(e -> byName.put(e.name(), e));
        assertEquals(Cpio.DIRECTORY | 0755, byName.get("bin").mode());
        assertEquals(Cpio.REGULAR | 0755, byName.get("init").mode());
        assertArrayEquals(Files.readAllBytes(busybox), byName.get("bin/busybox").data());
        assertArrayEquals("netfs-bytes".getBytes(), byName.get("lib/modules/netfs.ko").data());
        assertEquals("netfs.ko\n9p.ko\n", new String(byName.get("modules.order").data()));
        String init = new String(byName.get("init").data());
        assertTrue(init.startsWith("#!/bin/busybox sh\n"), init);
        assertTrue(init.contains("mount -t 9p -o trans=virtio"), init);
        assertTrue(init.contains("chroot /host /bin/sh /run/ringside-command.sh"), init);
        assertTrue(init.indexOf("bin/busybox") < init.indexOf("insmod"));
        assertEquals("cd '/work/a b' || exit 2\nexport JAVA_HOME='/usr/lib/jvm/x'\nexec '/usr/bin/java' 'it'\\''s'\n",
                new String(byName.get("command.sh").data()));
    }

    @Test
    void hostDirectoriesUnderTheGuestsTmpfsAreListedToStayVisible(@TempDir Path dir) throws IOException {
        Path busybox = Files.write(dir.resolve("busybox"), new byte[]{1});
        Path clone = Files.createTempDirectory(Path.of("/tmp"), "ringside-clone-");
        try {
            byte[] archive = Initramfs.build(busybox, List.of(), List.of("true"), clone, Map.of(),
                    List.of(clone, Path.of("/usr/lib"), Path.of("/tmp/no-such-dir-ringside")));
            String keep = read(archive).stream().filter(e -> e.name().equals("keep.list")).map(e -> new String(e.data())).findFirst().orElseThrow();
            assertEquals(clone + "\n", keep);
        } finally {
            Files.delete(clone);
        }
    }

    @Test
    void cpioToolReadsTheArchiveWhenInstalled(@TempDir Path dir) throws Exception {
        // a second reader nobody here wrote, when the machine has one
        Path cpio = Path.of("/usr/bin/cpio");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(cpio), "cpio is not installed");
        byte[] archive = new Cpio().directory("d").file("d/f", 0644, "hello".getBytes()).finish();
        Path file = Files.write(dir.resolve("a.cpio"), archive);
        Process p = new ProcessBuilder(cpio.toString(), "-t", "-F", file.toString()).redirectErrorStream(true).start();
        String listing = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), listing);
        assertTrue(listing.contains("d/f"), listing);
    }
}
