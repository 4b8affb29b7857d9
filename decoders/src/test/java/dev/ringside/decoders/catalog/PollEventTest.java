package dev.ringside.decoders.catalog;

import dev.ringside.decoders.flags.Flag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The POLL* bits are not in the io_uring header: check them against the C headers this machine has. */
class PollEventTest {
    private static final Pattern DEFINE = Pattern.compile("#define\\s+(E?POLL\\w+)\\s+(.+)");
    private static final Pattern SHIFT = Pattern.compile("1U?\\s*<<\\s*(\\d+)");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]+");

    @Test
    void everyBitMatchesTheHeaders() throws IOException {
        Path poll = Path.of("/usr/include/asm-generic/poll.h");
        Path epoll = Path.of("/usr/include/linux/eventpoll.h");
        assumeTrue(Files.exists(poll) && Files.exists(epoll), "kernel headers not installed");
        Map<String, Long> defined = new HashMap<>();
        for (Path header : new Path[] {poll, epoll}) {
            Matcher m = DEFINE.matcher(Files.readString(header));
            while (m.find()) {
                Long value = value(m.group(2));
                if (value != null) {
                    defined.putIfAbsent(m.group(1), value);
                }
            }
        }
        for (Flag event : PollEvent.SET.flags()) {
            String cName = event.cName();
            assertEquals(defined.get(cName), event.value(), cName);
        }
    }

    /** {@code 0x0001}, {@code (__poll_t)0x4000} or {@code ((__poll_t)(1U << 28))}; null for anything else. */
    private static Long value(String text) {
        Matcher shift = SHIFT.matcher(text);
        if (shift.find()) {
            return 1L << Integer.parseInt(shift.group(1));
        }
        Matcher hex = HEX.matcher(text);
        return hex.find() ? Long.decode(hex.group()) : null;
    }
}
