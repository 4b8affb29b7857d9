package dev.ringside.tracer.memory;

import dev.ringside.decoders.values.Values;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.journal.Journal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The session's buffers by name: what {@code @name} in an SQE field resolves to. */
public final class Buffers implements AutoCloseable {
    private final Map<String, SessionBuffer> byName = new LinkedHashMap<>();
    /** Where the mmaps and munmaps of page buffers are recorded; null: nowhere. */
    private final Journal journal;

    public Buffers() {
        this(null);
    }

    public Buffers(Journal journal) {
        this.journal = journal;
    }

    public SessionBuffer allocate(String name, long size, long alignment) {
        if (byName.containsKey(name)) {
            throw new BufferException("a buffer named " + name + " exists; free it or pick another name");
        }
        SessionBuffer buffer = SessionBuffer.allocate(name, size, alignment);
        byName.put(name, buffer);
        return buffer;
    }

    /** A buffer of whole pages mapped for it alone: see {@link SessionBuffer#allocatePages}. */
    public SessionBuffer allocatePages(String name, long size) {
        if (byName.containsKey(name)) {
            throw new BufferException("a buffer named " + name + " exists; free it or pick another name");
        }
        SessionBuffer buffer = SessionBuffer.allocatePages(name, size);
        byName.put(name, buffer);
        if (journal != null) {
            journal.record(new Event.Mapped(journal.now(), name, "buffer pages", buffer.mappingAddress(),
                    buffer.mappingLength(), 0, -1));
        }
        return buffer;
    }

    /** The buffer {@code address} points into, if any: how a pointer slot's bytes are traced back to a buffer. */
    public Optional<SessionBuffer> owner(long address) {
        return byName.values().stream().filter(b -> b.contains(address)).findFirst();
    }

    public Optional<SessionBuffer> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The buffer of this name; an unknown name suggests the closest and lists the others. */
    public SessionBuffer get(String name) {
        SessionBuffer buffer = byName.get(name);
        if (buffer == null) {
            throw new BufferException("no buffer '" + name + "'" + Values.suggestion(name, byName.keySet())
                    + (byName.isEmpty() ? "; allocate one with 'buf alloc NAME SIZE'"
                    : "; buffers: " + String.join(", ", byName.keySet())));
        }
        return buffer;
    }

    /** The address {@code field=@name+offset} stands for. */
    public long address(String name, long offset) {
        return get(name).address(offset);
    }

    public void free(String name) {
        free(get(name));
        byName.remove(name);
    }

    private void free(SessionBuffer buffer) {
        boolean unmaps = buffer.ownsPages() && !buffer.isFreed();
        buffer.free();
        if (unmaps && journal != null) {
            journal.record(new Event.Unmapped(journal.now(), buffer.name(), "buffer pages", buffer.mappingAddress(),
                    buffer.mappingLength(), buffer.unmapResult()));
        }
    }

    public List<SessionBuffer> all() {
        return new ArrayList<>(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Frees every buffer. */
    @Override
    public void close() {
        byName.values().forEach(this::free);
        byName.clear();
    }
}
