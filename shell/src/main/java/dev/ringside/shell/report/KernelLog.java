package dev.ringside.shell.report;

import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.sys.FdCalls;
import dev.ringside.tracer.sys.OpenFlag;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kernel's log while a script ran: /dev/kmsg opened (non-blocking) and read to its end before the
 * script, so what is read afterwards is what the kernel logged meanwhile; a splat is a record matching
 * what liburing's test/runtests.sh looks for (BUG:, WARNING:, Oops, general protection fault, lockdep's
 * and RCU's reports), with the records after it up to the end of its call trace.
 */
public final class KernelLog implements AutoCloseable {
    /** The patterns runtests.sh greps the kernel log for after each test. */
    static final Pattern SPLAT = Pattern.compile("kernel BUG at|WARNING:|BUG:|Oops|general protection fault"
            + "|possible recursive locking detected|possible circular locking dependency detected"
            + "|INFO: suspicious RCU usage|Internal error|rcu_sched self-detected stall|RCU detected stall");
    /** A record is at most this long (printk's limit is about 1 KiB; 8 KiB is the size dmesg reads with). */
    private static final int RECORD = 8192;
    /** At most this many lines of one splat are kept. */
    static final int SPLAT_LINES = 40;

    private final int fd;
    private final String unavailable;
    /** Records stamped before this (us since boot, the kernel's clock) are not counted; 0: all read after the mark. */
    private final long sinceMicros;

    private KernelLog(int fd, String unavailable, long sinceMicros) {
        this.fd = fd;
        this.unavailable = unavailable;
        this.sinceMicros = sinceMicros;
    }

    /** What was found: the splat lines (empty: none), or why the log could not be read. */
    public record Splats(boolean checked, String note, List<String> lines) {
        public Splats {
            lines = List.copyOf(lines);
        }
    }

    /** Opens /dev/kmsg and reads past every record already there: the mark. */
    public static KernelLog mark() {
        int fd;
        try {
            fd = FdCalls.open("/dev/kmsg", (int) (OpenFlag.RDONLY.value() | OpenFlag.NONBLOCK.value()), 0);
        } catch (SyscallException e) {
            return new KernelLog(-1, "/dev/kmsg could not be read (" + Errno.of(e.errno()).map(Enum::name).orElse("errno " + e.errno()) + ")", 0);
        }
        KernelLog log = new KernelLog(fd, "", 0);
        log.records(); // to the end: later reads see only what comes after
        return log;
    }

    /**
     * The records stamped since {@code monotonicNanos} (System.nanoTime(), CLOCK_MONOTONIC; printk stamps with
     * the kernel's local clock, the same time line while the machine does not suspend): for a live session.
     */
    public static KernelLog since(long monotonicNanos) {
        try {
            int fd = FdCalls.open("/dev/kmsg", (int) (OpenFlag.RDONLY.value() | OpenFlag.NONBLOCK.value()), 0);
            return new KernelLog(fd, "", Math.max(1, monotonicNanos / 1000));
        } catch (SyscallException e) {
            return new KernelLog(-1, "/dev/kmsg could not be read (" + Errno.of(e.errno()).map(Enum::name).orElse("errno " + e.errno()) + ")", 0);
        }
    }

    /** The records logged since the mark, as their message text. */
    private List<String> records() {
        List<String> out = new ArrayList<>();
        if (fd < 0) {
            return out;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(RECORD);
            while (true) {
                long n;
                try {
                    n = FdCalls.read(fd, buffer);
                } catch (SyscallException e) {
                    if (e.errno() == Errno.EPIPE.number()) {
                        continue; // records were overwritten before we read them: go on with the next
                    }
                    break; // EAGAIN: nothing more
                }
                if (n <= 0) {
                    break;
                }
                String record = new String(buffer.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE), StandardCharsets.UTF_8);
                // "prio,seq,usec,flags[,...];message\n" then continuation lines " KEY=value"
                int semi = record.indexOf(';');
                String[] prefix = (semi < 0 ? "" : record.substring(0, semi)).split(",");
                if (sinceMicros > 0 && prefix.length > 2 && prefix[2].matches("\\d+") && Long.parseLong(prefix[2]) < sinceMicros) {
                    continue;
                }
                String message = semi < 0 ? record : record.substring(semi + 1);
                int newline = message.indexOf('\n');
                out.add(newline < 0 ? message : message.substring(0, newline));
            }
        }
        return out;
    }

    /** The splats logged since the mark. */
    public Splats splats() {
        if (fd < 0) {
            return new Splats(false, unavailable, List.of());
        }
        List<String> records = records();
        List<String> splat = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            if (SPLAT.matcher(records.get(i)).find()) {
                int end = Math.min(records.size(), i + SPLAT_LINES);
                for (int j = i; j < end; j++) {
                    splat.add(records.get(j));
                    if (records.get(j).contains("---[ end trace")) {
                        break;
                    }
                }
                if (splat.size() >= SPLAT_LINES) {
                    break;
                }
            }
        }
        return new Splats(true, records.size() + " kernel log records while it ran", splat);
    }

    /** Why the log is not read, if it is not. */
    public Optional<String> unavailable() {
        return unavailable.isEmpty() ? Optional.empty() : Optional.of(unavailable);
    }

    @Override
    public void close() {
        if (fd >= 0) {
            try {
                Syscalls.close(fd);
            } catch (SyscallException ignored) {
                // closing a read-only fd cannot lose anything
            }
        }
    }
}
