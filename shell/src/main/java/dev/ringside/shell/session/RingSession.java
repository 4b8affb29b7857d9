package dev.ringside.shell.session;

import dev.ringside.tracer.ring.Ring;
import dev.ringside.tracer.ring.RingMemory;

/** A ring the session created, under the name the user gave it. */
public record RingSession(String name, Ring ring, RingMemory memory) {
}
