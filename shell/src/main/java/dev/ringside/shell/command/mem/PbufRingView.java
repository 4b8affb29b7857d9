package dev.ringside.shell.command.mem;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.command.NamedArgs;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.BufferRingArgs;
import dev.ringside.tracer.register.PbufRing;
import dev.ringside.tracer.register.RegisterCall;
import dev.ringside.tracer.register.Registrations;

import java.util.List;
import java.util.Optional;

/** {@code mem pbuf G}: a provided-buffer ring as it is now, the kernel's head asked with PBUF_STATUS (journaled by tracer). */
final class PbufRingView {
    private PbufRingView() {
    }

    /** {@code mem pbuf G}: the kernel's head (PBUF_STATUS), our tail, and each slot with its buffer. */
    static void show(Session session, String groupWord) {
        RingSession rs = session.currentRing();
        Registrations registrations = session.resources().registrations();
        int group = (int) NamedArgs.number(groupWord, "group");
        Optional<PbufRing> found = registrations.pbufRing(rs.name(), group);
        if (found.isEmpty()) {
            List<Integer> groups = registrations.pbufGroups(rs.name());
            throw new ConsoleException("no buffer ring group " + groupWord + " on " + rs.name()
                    + (groups.isEmpty() ? "; make one with 'register pbuf_ring group=G entries=N size=BYTES'"
                    : "; groups: " + groups), groupWord);
        }
        PbufRing pbuf = found.get();
        RegisterCall call = RegisterCall.invoke(session.journal(), rs.name(), rs.ring().fd(),
                BufferRingArgs.status(rs.ring().arena(), group));
        int tail = pbuf.tail();
        StringBuilder out = new StringBuilder("buffer ring group " + group + " of " + rs.name() + " (live): "
                + pbuf.entries() + " entries of " + pbuf.bufferSize() + "-byte buffers, ring at 0x"
                + Long.toHexString(pbuf.ringAddress()) + "\n");
        Integer head = null;
        if (call.failed()) {
            out.append("  head          ? (IORING_REGISTER_PBUF_STATUS: ").append(
                    dev.ringside.decoders.values.Errno.describeResult((int) call.result())).append(", needs 6.8)\n");
        } else {
            head = (int) PbufRing.head(call.argAfter());
            out.append("  head          ").append(head & 0xffff).append("   (kernel: buffers taken)\n");
        }
        out.append("  tail          ").append(tail).append("   (ours: buffers provided)\n");
        if (head != null) {
            out.append("  available     ").append((tail - head) & 0xffff).append('\n');
        }
        List<PbufSlotView> slots = new java.util.ArrayList<>();
        for (int slot = 0; slot < pbuf.entries(); slot++) {
            PbufRing.Slot entry = pbuf.slot(slot);
            int bid = entry.bid();
            long len = entry.len();
            String state = head == null ? "" : taken(slot, head, tail, pbuf.entries()) ? "taken    " : "available";
            long addr = entry.addr();
            out.append(String.format("  [%d] %s bid=%d len=%d addr=0x%x %s%n", slot, state, bid, len, addr,
                    preview(pbuf.bufferStart(bid, 16), pbuf.bufferSize())));
            slots.add(new PbufSlotView(slot, state.isEmpty() ? null : state.strip(), bid, len,
                    dev.ringside.shell.session.Output.unsigned(addr)));
        }
        session.output().result("pbuf_ring", new PbufView(rs.name(), group, pbuf.entries(), pbuf.bufferSize(),
                head == null ? null : head & 0xffff, tail, slots), out.toString());
    }

    /** A provided-buffer ring as 'mem pbuf --json' shows it; head is null when PBUF_STATUS is refused. */
    record PbufView(String ring, int group, int entries, long bufferSize, Integer head, int tail, List<PbufSlotView> slots) {
    }

    record PbufSlotView(int slot, String state, int bid, long len, Number addr) {
    }

    /** Whether the slot's latest position lies before the head: the kernel already took it. */
    private static boolean taken(int slot, int head, int tail, int entries) {
        int position = tail - 1 - ((tail - 1 - slot) & (entries - 1));
        return (short) (position - head) < 0;
    }

    /** The first bytes of a buffer, as text where printable. */
    private static String preview(byte[] bytes, long bufferSize) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        if (end == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < end; i++) {
            char c = (char) (bytes[i] & 0xff);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", bytes[i] & 0xff));
        }
        return out.append(bufferSize > 16 ? "\"..." : "\"").toString();
    }
}
