package dev.ringside.shell.command.zcrx;

import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.export.JournalWrites;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.syntax.Args;
import dev.ringside.tracer.register.ZcrxIfq;
import dev.ringside.tracer.register.ZcrxRefillQueue;

import java.util.List;

/**
 * {@code zcrx rq push NAME}: hands received buffers back as liburing's return_buffer does: an rqe per
 * CQE with off = (cqe off without the area bits) | rq_area_token and len = res, then a release store of
 * the tail. Without a netdev (NODEV) nothing consumes them until {@code zcrx ctrl flush}.
 */
final class ZcrxRefill {
    private ZcrxRefill() {
    }

    static void push(Session session, Args args) {
        ZcrxIfq ifq = ZcrxShow.ifq(session, args.word(1).orElseThrow());
        ZcrxRefillQueue rq = ifq.rq();
        if (rq == null) {
            throw new ConsoleException("zcrx ifq " + ifq.name() + " was imported from an fd made outside this session: its refill queue is not mapped here");
        }
        StringBuilder out = new StringBuilder();
        int pushed = 0;
        if (args.has("off")) {
            if (args.has("count")) {
                throw args.error("count", "count= returns received buffers; off= len= returns one buffer: give one of them");
            }
            long off = args.number("off");
            long len = args.optionalNumber("len").orElseThrow(() -> args.error("off", "off= needs len= too"));
            if (!push(session, rq, off, len)) {
                throw full(ifq);
            }
            pushed = 1;
            out.append("  rqe area ").append(rq.areaToken() >>> 48).append(" off 0x").append(Long.toHexString(off)).append(" len ").append(len);
        } else {
            List<ZcrxRefillQueue.Received> received = rq.unreturned();
            long count = args.optionalNumber("count").orElse((long) received.size());
            if (count > received.size()) {
                throw args.error("count", ifq.name() + " has " + received.size() + " received buffers not returned, not " + count);
            }
            if (received.isEmpty()) {
                throw new ConsoleException("zcrx ifq " + ifq.name() + " has no received buffer to return (no RECV_ZC CQE with data since the last push)");
            }
            for (int i = 0; i < count; i++) {
                ZcrxRefillQueue.Received r = received.get(i);
                if (!push(session, rq, r.offset(), r.len())) {
                    rq.returned(pushed);
                    throw full(ifq);
                }
                pushed++;
                out.append("\n  rqe area ").append(r.areaId()).append(" off 0x").append(Long.toHexString(r.offset())).append(" len ")
                        .append(r.len()).append("   <- cqe user_data=").append(r.userData());
            }
            rq.returned(pushed);
        }
        session.output().text("pushed " + pushed + (pushed == 1 ? " rqe" : " rqes") + " to " + ifq.name() + "'s refill queue: tail "
                + Integer.toUnsignedString(rq.tail()) + " (release store), the kernel's head " + Integer.toUnsignedString(rq.head())
                + out);
    }

    /** One rqe and the tail, journalled as the console's writes to the queue's buffer (export c makes the same stores). */
    private static boolean push(Session session, ZcrxRefillQueue rq, long off, long len) {
        int position = rq.nextPosition();
        if (!rq.push(off, len)) {
            return false;
        }
        var buffer = session.resources().buffer(rq.memory());
        JournalWrites.bufferWritten(session, buffer, rq.slotOffset(position), dev.ringside.decoders.layout.UapiLayouts.IO_URING_ZCRX_RQE.byteSize());
        JournalWrites.bufferWritten(session, buffer, rq.tailOffset(), Integer.BYTES);
        return true;
    }

    private static ConsoleException full(ZcrxIfq ifq) {
        return new ConsoleException("zcrx ifq " + ifq.name() + "'s refill queue is full (" + ifq.rq().entries()
                + " rqes not consumed): 'zcrx ctrl flush " + ifq.name() + "' hands them to the kernel");
    }
}
