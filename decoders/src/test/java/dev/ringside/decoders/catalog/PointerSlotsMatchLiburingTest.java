package dev.ringside.decoders.catalog;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pointer slots the catalogue declares, per opcode, against liburing's io_uring_prep_* helpers
 * (src/include/liburing.h, axboe/liburing 27255f4): every SQE member a helper fills with a pointer
 * argument is declared a pointer, and no other. "off" is addr2 (STATX's statxbuf, ACCEPT's addrlen).
 * liburing has no helper for the read/write attribute: addr3 there is attr_ptr, from the kernel's
 * io_prep_rw (io_uring/rw.c).
 */
class PointerSlotsMatchLiburingTest {
    /** Opcode to the members liburing's helpers put pointers in; absent opcodes take none. */
    private static final Map<String, Set<String>> LIBURING = Map.ofEntries(
            entry("READV", Set.of("addr", "addr3")), entry("WRITEV", Set.of("addr", "addr3")),
            entry("READ_FIXED", Set.of("addr", "addr3")), entry("WRITE_FIXED", Set.of("addr", "addr3")),
            entry("READ", Set.of("addr", "addr3")), entry("WRITE", Set.of("addr", "addr3")),
            entry("READV_FIXED", Set.of("addr", "addr3")), entry("WRITEV_FIXED", Set.of("addr", "addr3")),
            entry("RECVMSG", Set.of("addr")), entry("SENDMSG", Set.of("addr")), entry("SENDMSG_ZC", Set.of("addr")),
            entry("TIMEOUT", Set.of("addr")), entry("LINK_TIMEOUT", Set.of("addr")), entry("TIMEOUT_REMOVE", Set.of("off")),
            entry("ACCEPT", Set.of("addr", "off")), entry("CONNECT", Set.of("addr")), entry("BIND", Set.of("addr")),
            entry("EPOLL_WAIT", Set.of("addr")), entry("EPOLL_CTL", Set.of("addr")), entry("FILES_UPDATE", Set.of("addr")),
            entry("OPENAT", Set.of("addr")), entry("OPENAT2", Set.of("addr", "off")), entry("STATX", Set.of("addr", "off")),
            entry("MADVISE", Set.of("addr")), entry("SEND", Set.of("addr", "off")), entry("SEND_ZC", Set.of("addr", "off")),
            entry("RECV", Set.of("addr")), entry("PROVIDE_BUFFERS", Set.of("addr")),
            entry("UNLINKAT", Set.of("addr")), entry("MKDIRAT", Set.of("addr")), entry("RENAMEAT", Set.of("addr", "off")),
            entry("SYMLINKAT", Set.of("addr", "off")), entry("LINKAT", Set.of("addr", "off")),
            entry("GETXATTR", Set.of("addr", "off", "addr3")), entry("SETXATTR", Set.of("addr", "off", "addr3")),
            entry("FGETXATTR", Set.of("addr", "off")), entry("FSETXATTR", Set.of("addr", "off")),
            entry("WAITID", Set.of("off")), entry("FUTEX_WAIT", Set.of("addr")), entry("FUTEX_WAKE", Set.of("addr")),
            entry("FUTEX_WAITV", Set.of("addr")), entry("PIPE", Set.of("addr")));

    /** The driver commands' cmd bytes are the driver's: URING_CMD's socket pointers are checked in SafetyTest. */
    private static final Set<String> DRIVER_DEFINED = Set.of("URING_CMD", "URING_CMD128");

    @Test
    void everyPointerLiburingPassesIsDeclaredAndNothingElse() {
        List<String> wrong = new ArrayList<>();
        for (Opcode op : Opcodes.ALL) {
            if (DRIVER_DEFINED.contains(op.name())) {
                continue;
            }
            Set<String> declared = new TreeSet<>();
            op.fields().forEach(f -> f.uses().stream().filter(u -> u instanceof SlotUse.Pointer)
                    .forEach(u -> declared.add(member(((SlotUse.Pointer) u).slot()))));
            Set<String> expected = new TreeSet<>(LIBURING.getOrDefault(op.name(), Set.of()));
            if (!declared.equals(expected)) {
                wrong.add(op.name() + ": declared " + declared + ", liburing " + expected);
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** The SQE member a pointer slot's 8 bytes are, by offset. */
    private static String member(SqeSlot slot) {
        return switch ((int) slot.offset()) {
            case 8 -> "off";
            case 16 -> "addr";
            case 48 -> "addr3";
            default -> slot.uapiName() + "@" + slot.offset();
        };
    }
}
