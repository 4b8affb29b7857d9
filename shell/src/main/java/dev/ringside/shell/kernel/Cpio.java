package dev.ringside.shell.kernel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A cpio archive in the "newc" format the kernel unpacks as initramfs (Documentation/driver-api/early-userspace/
 * buffer-format.rst): a 110-byte ASCII header per entry, name and data each padded to 4 bytes, TRAILER!!! last.
 */
final class Cpio {
    static final String MAGIC = "070701";
    static final int HEADER_SIZE = 110;
    static final int DIRECTORY = 0040000;
    static final int REGULAR = 0100000;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int inode = 1;
    private boolean finished;

    Cpio directory(String name) {
        return entry(name, DIRECTORY | 0755, new byte[0]);
    }

    Cpio file(String name, int permissions, byte[] data) {
        return entry(name, REGULAR | permissions, data);
    }

    private Cpio entry(String name, int mode, byte[] data) {
        if (finished) {
            throw new IllegalStateException("cpio archive already finished");
        }
        byte[] nameBytes = (name + "\0").getBytes(StandardCharsets.UTF_8);
        StringBuilder header = new StringBuilder(MAGIC);
        // ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        long[] fields = {inode++, mode, 0, 0, (mode & DIRECTORY) != 0 ? 2 : 1, 0, data.length, 0, 0, 0, 0, nameBytes.length, 0};
        for (long field : fields) {
            header.append(String.format("%08x", field));
        }
        out.writeBytes(header.toString().getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(nameBytes);
        pad();
        out.writeBytes(data);
        pad();
        return this;
    }

    private void pad() {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }

    byte[] finish() {
        if (!finished) {
            entry("TRAILER!!!", 0, new byte[0]);
            finished = true;
        }
        return out.toByteArray();
    }
}
