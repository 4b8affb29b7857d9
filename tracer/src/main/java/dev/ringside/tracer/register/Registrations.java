package dev.ringside.tracer.register;

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

    public void addPbufRing(String ring, PbufRing pbuf) {
        pbufRings.computeIfAbsent(ring, r -> new TreeMap<>()).put(pbuf.group(), pbuf);
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
            pbuf.close();
        }
    }

    /** Anonymous memory handed to the kernel (a region, a zcrx area), unmapped when the ring closes. */
    public MemorySegment map(String ring, long bytes) throws SyscallException {
        long rounded = (bytes + 4095) / 4096 * 4096;
        MemorySegment m = Syscalls.mmap(rounded, Syscalls.PROT_READ | Syscalls.PROT_WRITE,
                Syscalls.MAP_PRIVATE | Syscalls.MAP_ANONYMOUS, -1, 0);
        mappings.computeIfAbsent(ring, r -> new ArrayList<>()).add(m);
        return m;
    }

    /** The ring's fd is closed: unmap everything that was registered with it. */
    public void ringClosed(String ring) {
        Map<Integer, PbufRing> rings = pbufRings.remove(ring);
        if (rings != null) {
            rings.values().forEach(Registrations::quietly);
        }
        List<MemorySegment> maps = mappings.remove(ring);
        if (maps != null) {
            for (MemorySegment m : maps) {
                try {
                    Syscalls.munmap(m);
                } catch (SyscallException e) {
                    // the mapping is unusable either way; nothing else to release
                }
            }
        }
    }

    private static void quietly(PbufRing pbuf) {
        try {
            pbuf.close();
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
