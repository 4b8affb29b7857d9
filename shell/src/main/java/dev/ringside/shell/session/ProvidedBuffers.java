package dev.ringside.shell.session;

import java.util.BitSet;
import java.util.List;

/**
 * Buffers one PROVIDE_BUFFERS handed to the kernel: {@code nbufs} buffers of a group with ids from
 * {@code firstBid}, carved from session buffers that must stay allocated while the kernel may pick one.
 */
final class ProvidedBuffers {
    final int number;
    final String ring;
    final int group;
    final int firstBid;
    final int nbufs;
    final List<String> buffers;
    private final BitSet consumed = new BitSet();

    ProvidedBuffers(int number, String ring, int group, int firstBid, int nbufs, List<String> buffers) {
        this.number = number;
        this.ring = ring;
        this.group = group;
        this.firstBid = firstBid;
        this.nbufs = Math.max(0, nbufs);
        this.buffers = buffers;
    }

    /** Whether buffer id {@code bid} is one of these and the kernel has not handed it out yet. */
    boolean holds(int bid) {
        int i = ((bid - firstBid) & 0xffff);
        return i < nbufs && !consumed.get(i);
    }

    void consume(int bid) {
        consumed.set((bid - firstBid) & 0xffff);
    }

    int left() {
        return nbufs - consumed.cardinality();
    }

    Resources.Holder holder() {
        return new Resources.Holder("PROVIDE_BUFFERS #" + number + " (buffer group " + group + " on ring " + ring + ")",
                left() + " of " + nbufs + " provided buffers not consumed",
                "remove the group (sqe remove_buffers nbufs=" + nbufs + " buf_group=" + group + ") or close the ring before freeing it");
    }
}
