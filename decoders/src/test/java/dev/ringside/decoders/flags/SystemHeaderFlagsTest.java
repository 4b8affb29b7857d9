package dev.ringside.decoders.flags;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The flags io_uring passes through to other system calls (POLL*, RWF_*, SOCK_*) are not in the
 * io_uring header: each member of {@link FlagSets#FROM_SYSTEM_HEADERS} is checked against the C
 * headers this machine has.
 */
class SystemHeaderFlagsTest {
    /** {@code #define NAME VALUE} and glibc's enum rows {@code NAME = VALUE,}. */
    private static final Pattern DEFINE = Pattern.compile("(?m)^\\s*(?:#define\\s+)?((?:E?POLL|RWF_|SOCK_)\\w+)\\s*=?\\s*([^,/\\n]+)");
    private static final Pattern SHIFT = Pattern.compile("1U?\\s*<<\\s*(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("0x[0-9a-fA-F]+|\\b0[0-7]+\\b|\\b[1-9][0-9]*\\b");

    private static final List<Path> HEADERS = List.of(Path.of("/usr/include/asm-generic/poll.h"),
            Path.of("/usr/include/linux/eventpoll.h"), Path.of("/usr/include/linux/fs.h"),
            Path.of("/usr/include/x86_64-linux-gnu/bits/uio-ext.h"), Path.of("/usr/include/x86_64-linux-gnu/bits/socket_type.h"));

    @Test
    void everyMemberMatchesTheHeaders() throws IOException {
        assumeTrue(HEADERS.stream().allMatch(Files::exists), "C headers not installed");
        Map<String, Long> defined = new HashMap<>();
        for (Path header : HEADERS) {
            Matcher m = DEFINE.matcher(Files.readString(header));
            while (m.find()) {
                Long value = value(m.group(2));
                if (value != null) {
                    defined.putIfAbsent(m.group(1), value);
                }
            }
        }
        for (FlagSet set : FlagSets.FROM_SYSTEM_HEADERS) {
            assertTrue(FlagSets.all().contains(set), set.name() + " is one of the flag table's sets");
            for (Flag flag : set.flags()) {
                assertEquals(defined.get(flag.cName()), flag.value(), flag.cName());
            }
        }
    }

    /** {@code 0x0001}, {@code (__poll_t)0x4000}, {@code ((__poll_t)(1U << 28))} or octal {@code 02000000}; null otherwise. */
    private static Long value(String text) {
        Matcher shift = SHIFT.matcher(text);
        if (shift.find()) {
            return 1L << Integer.parseInt(shift.group(1));
        }
        Matcher n = NUMBER.matcher(text);
        return n.find() ? Long.decode(n.group()) : null;
    }
}
