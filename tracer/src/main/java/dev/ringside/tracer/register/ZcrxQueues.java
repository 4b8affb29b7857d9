package dev.ringside.tracer.register;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The session's registered zcrx interface queues by name; a ring's go when it closes (the kernel drops them with it). */
public final class ZcrxQueues {
    private final Map<String, ZcrxIfq> byName = new LinkedHashMap<>();

    public void add(ZcrxIfq ifq) {
        byName.put(ifq.name(), ifq);
    }

    public Optional<ZcrxIfq> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The ifq registered on {@code ring} under {@code zcrxId}, the one a RECV_ZC's zcrx_ifq_idx names. */
    public Optional<ZcrxIfq> onRing(String ring, long zcrxId) {
        return byName.values().stream().filter(q -> q.ring().equals(ring) && Integer.toUnsignedLong(q.id()) == zcrxId).findFirst();
    }

    public Collection<ZcrxIfq> all() {
        return byName.values();
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** An fd ZCRX_CTRL_EXPORT returned, by its console name, and the ifq it stands for. */
    private final Map<Integer, ZcrxIfq> exported = new java.util.HashMap<>();

    public void exported(int fd, ZcrxIfq ifq) {
        exported.put(fd, ifq);
    }

    public Optional<ZcrxIfq> exportedAs(int fd) {
        return Optional.ofNullable(exported.get(fd));
    }

    public void ringClosed(String ring) {
        byName.values().removeIf(q -> q.ring().equals(ring));
    }
}
