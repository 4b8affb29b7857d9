package dev.ringside.shell.session;

import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingMemory;

/** A ring the session created, under the name the user gave it, with the ledger of its requests in flight. */
public record RingSession(String name, Ring ring, RingMemory memory, RequestLedger ledger) {
    public RingSession(String name, Ring ring, RingMemory memory) {
        this(name, ring, memory, new RequestLedger(name));
    }
}
