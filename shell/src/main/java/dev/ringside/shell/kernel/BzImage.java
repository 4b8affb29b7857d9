package dev.ringside.shell.kernel;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/** The release string an x86 bzImage carries (boot protocol: "HdrS" at 0x202, kernel_version at 0x20E). */
final class BzImage {
    private BzImage() {
    }

    static Optional<String> release(Path image) {
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "r")) {
            byte[] header = new byte[0x210];
            file.readFully(header);
            if (header[0x202] != 'H' || header[0x203] != 'd' || header[0x204] != 'r' || header[0x205] != 'S') {
                return Optional.empty();
            }
            int offset = (header[0x20E] & 0xff | (header[0x20F] & 0xff) << 8) + 0x200;
            byte[] text = new byte[256];
            file.seek(offset);
            int n = file.read(text);
            String version = new String(text, 0, Math.max(n, 0), StandardCharsets.US_ASCII);
            int end = version.indexOf(' ');
            return end > 0 ? Optional.of(version.substring(0, end)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
