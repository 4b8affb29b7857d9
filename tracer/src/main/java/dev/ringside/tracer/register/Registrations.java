package dev.ringside.tracer.register;

import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;
import dev.ringside.tracer.sys.SyscallException;
import dev.ringside.tracer.sys.Syscalls;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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

    public void addPbufRing(String ring, PbufRing pbuf) {
        pbufRings.computeIfAbsent(ring, r -> new TreeMap<>()).put(pbuf.group(), pbuf);
        for (int i = 0; i < PBUF_MAPPINGS.size(); i++) {
            mapped(ring, PBUF_MAPPINGS.get(i), pbuf.mappings().get(i));
        }
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
        for (int i = 0; i < PBUF_MAPPINGS.size(); i++) {
            unmapped(ring, PBUF_MAPPINGS.get(i), pbuf.mappings().get(i), 0);
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
