package dev.ringside.shell.export;

import dev.ringside.decoders.flags.Flag;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.UapiConstants;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The uapi constants an exported program names, with their values from the decoders tables, so the
 * program can carry {@code #ifndef X / #define X value / #endif} for a {@code <linux/io_uring.h>}
 * older than the kernel. A name the tables do not know is never guessed: it is refused.
 */
final class CConstants {
    /** What the runtime itself uses, whatever the session did. */
    static final List<String> RUNTIME = List.of(
            "IORING_SETUP_SQE128", "IORING_SETUP_CQE32", "IORING_SETUP_NO_SQARRAY", "IORING_SETUP_SQPOLL",
            "IORING_SETUP_DEFER_TASKRUN", "IORING_SETUP_SQ_REWIND", "IORING_SETUP_SQE_MIXED", "IORING_FEAT_SINGLE_MMAP", "IORING_SQ_NEED_WAKEUP",
            "IORING_ENTER_GETEVENTS", "IORING_ENTER_EXT_ARG", "IORING_ENTER_SQ_WAKEUP",
            "IORING_CQE_F_32", "IORING_CQE_F_SKIP",
            "IORING_OFF_SQ_RING", "IORING_OFF_CQ_RING", "IORING_OFF_SQES");

    private final Map<String, Long> used = new LinkedHashMap<>();

    CConstants() {
        RUNTIME.forEach(name -> use(name, lookup(name)));
    }

    /** Notes a name the program uses with the value the tables give it. */
    void use(String cName, long value) {
        used.putIfAbsent(cName, value);
    }

    boolean uses(String cName) {
        return used.containsKey(cName);
    }

    /** Notes every member name that {@link FlagSet#formatC} wrote for this value. */
    void useFlags(FlagSet set, long value) {
        for (String part : set.formatC(value).split(" \\| ")) {
            set.flags().stream().filter(f -> f.cName().equals(part)).findFirst().ifPresent(f -> use(f.cName(), f.value()));
        }
    }

    /** The fallback block: enum members are not macros, so theirs always applies, with the same value. */
    String fallbacks() {
        StringBuilder out = new StringBuilder();
        out.append("/* ringside's values (decoders tables) for names an older <linux/io_uring.h> may lack */\n");
        used.forEach((name, value) -> out.append("#ifndef ").append(name).append('\n')
                .append("#define ").append(name).append(' ').append(literal(value)).append('\n')
                .append("#endif\n"));
        return out.toString();
    }

    static String literal(long value) {
        if (value >= 0 && value <= 0xffffffffL) {
            return value <= 9 ? value + "U" : "0x" + Long.toHexString(value) + "U";
        }
        return "0x" + Long.toHexString(value) + "ULL";
    }

    /** A constant's value from the flag sets or UapiConstants. */
    static long lookup(String cName) {
        Optional<Long> flag = FlagSets.all().stream().flatMap(s -> s.flags().stream())
                .filter(f -> f.cName().equals(cName)).map(Flag::value).findFirst();
        return flag.or(() -> UapiConstants.named(cName))
                .orElseThrow(() -> new IllegalStateException(cName + " is not in the decoders tables"));
    }
}
