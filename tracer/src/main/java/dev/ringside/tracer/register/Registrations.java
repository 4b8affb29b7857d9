package dev.ringside.tracer.register;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Memory ringside mapped for what it registered with a ring (buffer rings, memory regions, zcrx
 * areas), by ring name. The kernel may use it until the ring is closed, so it is unmapped then,
 * after the io_uring fd is gone, never before.
 */
public final class Registrations implements AutoCloseable {
    private final Map<String, Map<Integer, PbufRing>> pbufRings = new HashMap<>();
    private final Map<String, List<MemorySegment>> mappings = new HashMap<>();
    /** Where these mmaps and munmaps are recorded; null: nowhere. */
    private final Journal journal;

    public Registrations() {
        this(null);
    }

    public Registrations(Journal journal) {
        this.journal = journal;
    }

    private static final List<String> PBUF_MAPPINGS = List.of("pbuf ring", "pbuf buffers");

    /** Slots of the thread's registered-ring table (IORING_REGISTER_RING_FDS) that hold a ring, by ring name. */
    private final Map<String, Set<Integer>> ringFdSlots = new HashMap<>();

    public void addRingFdSlot(String ring, int slot) {
        ringFdSlots.computeIfAbsent(ring, r -> new TreeSet<>()).add(slot);
    }

    public void removeRingFdSlot(String ring, int slot) {
        ringFdSlots.getOrDefault(ring, new TreeSet<>()).remove(slot);
    }

    /**
     * Before the ring's fd closes: a registered ring fd holds the ring in the kernel after close(2), and its slot
     * stays taken (16 closed rings and the table is full: EBUSY), until the thread exits; so the slots go first.
     */
    public void releaseRingFdSlots(String ring, int ringFd) {
        Set<Integer> slots = ringFdSlots.remove(ring);
        if (slots == null) {
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            for (int slot : slots) {
                // not journaled: part of closing the ring, like close(2); a failure means the slot was unregistered
                // behind the console's back (a raw register), so nothing is left to release
                RegisterCall.invoke(null, ring, ringFd, ResourceArgs.unregisterRingFd(arena, Integer.toUnsignedLong(slot)));
            }
        }
    }

    public void addPbufRing(String ring, PbufRing pbuf) {
        addPbufRing(ring, pbuf, -1);
    }

    /** {@code ringFd}: the io_uring fd a kernel-allocated (MMAP) ring was mapped from, -1 for anonymous memory. */
    public void addPbufRing(String ring, PbufRing pbuf, int ringFd) {
        pbufRings.computeIfAbsent(ring, r -> new TreeMap<>()).put(pbuf.group(), pbuf);
        List<String> names = pbufMappingNames(pbuf);
        for (int i = 0; i < names.size(); i++) {
            MemorySegment m = pbuf.mappings().get(i);
            if (pbuf.isKernelAllocated() && i == 0 && journal != null) {
                journal.record(new Event.Mapped(journal.now(), ring, names.get(i), m.address(), m.byteSize(),
                        PbufRing.mmapOffset(pbuf.group()), ringFd));
            } else {
                mapped(ring, names.get(i), m);
            }
        }
    }

    /** What each of the ring's mappings is, in {@link PbufRing#mappings()} order. */
    private static List<String> pbufMappingNames(PbufRing pbuf) {
        return pbuf.mappings().size() == PBUF_MAPPINGS.size() ? PBUF_MAPPINGS : PBUF_MAPPINGS.subList(1, 2);
    }

    private void mapped(String ring, String what, MemorySegment m) {
        if (journal != null) {
            journal.record(new Event.Mapped(journal.now(), ring, what, m.address(), m.byteSize(), 0, -1));
        }
    }

    private void unmapped(String ring, String what, MemorySegment m, long result) {
        if (journal != null) {
            journal.record(new Event.Unmapped(journal.now(), ring, what, m.address(), m.byteSize(), result));
        }
    }

    /** Unmaps a buffer ring's memory and journals each munmap. */
    private void close(String ring, PbufRing pbuf) throws SyscallException {
        try {
            pbuf.close();
        } catch (SyscallException e) {
            pbuf.mappings().forEach(m -> unmapped(ring, "pbuf memory", m, -e.errno()));
            throw e;
        }
        List<String> names = pbufMappingNames(pbuf);
        for (int i = 0; i < names.size(); i++) {
            unmapped(ring, names.get(i), pbuf.mappings().get(i), 0);
        }
    }

    public Optional<PbufRing> pbufRing(String ring, int group) {
        return Optional.ofNullable(pbufRings.getOrDefault(ring, Map.of()).get(group));
    }

    public List<Integer> pbufGroups(String ring) {
        return List.copyOf(pbufRings.getOrDefault(ring, Map.of()).keySet());
    }

    /** The group was unregistered: the kernel dropped its pin, so the memory can go now. */
    public void removePbufRing(String ring, int group) throws SyscallException {
        PbufRing pbuf = pbufRings.getOrDefault(ring, new HashMap<>()).remove(group);
        if (pbuf != null) {
            close(ring, pbuf);
        }
    }

    /** Anonymous memory handed to the kernel (a region, a zcrx area), unmapped when the ring closes. */
    public MemorySegment map(String ring, long bytes) throws SyscallException {
        long rounded = (bytes + 4095) / 4096 * 4096;
        MemorySegment m = Syscalls.mmap(rounded, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
        mappings.computeIfAbsent(ring, r -> new ArrayList<>()).add(m);
        mapped(ring, "registered memory", m);
        return m;
    }

    /** The ring's fd is closed: unmap everything that was registered with it. */
    public void ringClosed(String ring) {
        Map<Integer, PbufRing> rings = pbufRings.remove(ring);
        if (rings != null) {
            rings.values().forEach(pbuf -> quietly(ring, pbuf));
        }
        List<MemorySegment> maps = mappings.remove(ring);
        if (maps != null) {
            for (MemorySegment m : maps) {
                long result = 0;
                try {
                    Syscalls.munmap(m);
                } catch (SyscallException e) {
                    result = -e.errno(); // the mapping is unusable either way; nothing else to release
                }
                unmapped(ring, "registered memory", m, result);
            }
        }
    }

    private void quietly(String ring, PbufRing pbuf) {
        try {
            close(ring, pbuf);
        } catch (SyscallException e) {
            // already unmapped or never mapped: nothing left to release
        }
    }

    @Override
    public void close() {
        for (String ring : List.copyOf(pbufRings.keySet())) {
            ringClosed(ring);
        }
        for (String ring : List.copyOf(mappings.keySet())) {
            ringClosed(ring);
        }
    }
}
