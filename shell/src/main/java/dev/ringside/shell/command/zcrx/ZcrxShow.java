package dev.ringside.shell.command.zcrx;

import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.UapiConstants;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Output;
import dev.ringside.shell.session.Session;
import dev.ringside.tracer.register.ZcrxIfq;
import dev.ringside.tracer.register.ZcrxQuery;
import dev.ringside.tracer.register.ZcrxRefillQueue;

import java.util.ArrayList;
import java.util.List;

/** {@code zcrx show NAME} and {@code mem zcrx NAME}: an ifq and its refill queue, read live; {@code zcrx query}. */
public final class ZcrxShow {
    private ZcrxShow() {
    }

    /** The most rqes shown: the newest ones. */
    static final int SHOWN_RQES = 16;

    /** One rqe as the refill queue holds it: area id (off bits 48 and up), offset in the area, len; consumed once below head. */
    record RqeView(int position, int areaId, long offset, long len, boolean consumed) {
    }

    record ReceivedView(String ring, long userData, int areaId, long offset, int len) {
    }

    /** zcrx show as --json shows it. */
    record IfqView(String name, String ring, int zcrxId, String importedFrom, Long headOffset, Long tailOffset, Long rqesOffset,
                   Integer entries, Number areaToken, Integer head, Integer tail, List<RqeView> rqes, List<ReceivedView> unreturned) {
    }

    record QueryView(int fd, int result, List<String> registerFlags, List<String> areaFlags, int nrCtrlOpcodes, int features,
                     int rqHdrSize, int rqHdrAlignment) {
    }

    static void query(Session session) {
        ZcrxQuery q = ZcrxQuery.ofKernel(session.currentName().map(n -> session.ring(n).ring().fd()).orElse(-1));
        String where = q.fd() < 0 ? "fd -1" : "the current ring's fd " + q.fd() + ", as fd -1 was refused";
        String text = q.answered()
                ? "IO_URING_QUERY_ZCRX (IORING_REGISTER_QUERY, " + where + "):\n"
                + "  register_flags " + FlagSets.ZCRX_REG.format(q.registerFlags()) + "\n"
                + "  area_flags " + FlagSets.ZCRX_AREA.format(q.areaFlags()) + "\n"
                + "  nr_ctrl_opcodes " + q.nrCtrlOpcodes() + " (" + ctrlOps(q.nrCtrlOpcodes()) + ")\n"
                + "  features 0x" + Integer.toHexString(q.features()) + "\n"
                + "  rq_hdr_size " + q.rqHdrSize() + ", rq_hdr_alignment " + q.rqHdrAlignment()
                : "IO_URING_QUERY_ZCRX on " + (q.fd() < 0 ? "fd -1" : "fd -1 and on the current ring's fd " + q.fd()) + ": not answered ("
                + dev.ringside.decoders.values.Errno.describeResult(q.result()) + ")";
        session.output().result("zcrx_query", new QueryView(q.fd(), q.result(), Output.names(FlagSets.ZCRX_REG, q.registerFlags()),
                Output.names(FlagSets.ZCRX_AREA, q.areaFlags()), q.nrCtrlOpcodes(), q.features(), q.rqHdrSize(), q.rqHdrAlignment()), text);
    }

    private static String ctrlOps(int nr) {
        List<String> ops = new ArrayList<>();
        for (int op = 0; op < nr; op++) {
            ops.add(FlagSets.ZCRX_CTRL_OP.format(op));
        }
        return ops.isEmpty() ? "none" : String.join(", ", ops);
    }

    static ZcrxIfq ifq(Session session, String name) {
        return session.resources().zcrx().find(name).orElseThrow(() -> new ConsoleException("no zcrx ifq '" + name + "'"
                + (session.resources().zcrx().isEmpty() ? "; make one with zcrx register NAME area=BUF flags=NODEV"
                : "; ifqs: " + String.join(", ", session.resources().zcrx().all().stream().map(ZcrxIfq::name).toList())), name));
    }

    public static void show(Session session, String name) {
        ZcrxIfq ifq = ifq(session, name);
        ZcrxRefillQueue rq = ifq.rq();
        StringBuilder out = new StringBuilder("zcrx ifq " + ifq.name() + " on ring " + ifq.ring() + ": zcrx_id " + ifq.id()
                + (ifq.importedFrom().isEmpty() ? "" : ", imported from " + ifq.importedFrom()) + "\n");
        if (rq == null) {
            out.append("  its refill queue is another process's (the exported fd came from outside this session)");
            session.output().result("zcrx", new IfqView(ifq.name(), ifq.ring(), ifq.id(), ifq.importedFrom(), null, null, null,
                    null, null, null, null, List.of(), List.of()), out.toString());
            return;
        }
        int head = rq.head();
        int tail = rq.tail();
        out.append("  io_uring_zcrx_offsets: head ").append(rq.headOffset()).append(", tail ").append(rq.tailOffset())
                .append(", rqes ").append(rq.rqesOffset()).append("\n");
        out.append("  area ").append(rq.area().byteSize()).append(" bytes at 0x").append(Long.toHexString(rq.area().address()))
                .append(", rq_area_token 0x").append(Long.toHexString(rq.areaToken())).append(" (area id ")
                .append(rq.areaToken() >>> UapiConstants.IORING_ZCRX_AREA_SHIFT).append(")\n");
        out.append("  refill queue: ").append(rq.entries()).append(" entries, head ").append(Integer.toUnsignedString(head))
                .append(" (the kernel's), tail ").append(Integer.toUnsignedString(tail)).append(", ").append(tail - head)
                .append(" not consumed\n");
        List<RqeView> rqes = new ArrayList<>();
        int first = tail - Math.min(Math.min(rq.entries(), SHOWN_RQES), Math.max(0, tail));
        for (int p = first; p != tail; p++) {
            long off = rq.rqeOff(p);
            boolean consumed = p - head < 0;
            RqeView v = new RqeView(p, (int) (off >>> UapiConstants.IORING_ZCRX_AREA_SHIFT),
                    off & ~UapiConstants.IORING_ZCRX_AREA_MASK, rq.rqeLen(p), consumed);
            rqes.add(v);
            out.append("    [").append(Integer.toUnsignedLong(p) & (rq.entries() - 1L)).append("] rqe area ").append(v.areaId())
                    .append(" off 0x").append(Long.toHexString(v.offset())).append(" len ").append(v.len())
                    .append(consumed ? "   (consumed)" : "").append('\n');
        }
        List<ReceivedView> unreturned = rq.unreturned().stream()
                .map(r -> new ReceivedView(r.ring(), r.userData(), r.areaId(), r.offset(), r.len())).toList();
        out.append("  received, not returned: ").append(unreturned.isEmpty() ? "none" : "");
        for (ReceivedView r : unreturned) {
            out.append("\n    cqe user_data=").append(r.userData()).append(" on ").append(r.ring()).append(": area ")
                    .append(r.areaId()).append(" off 0x").append(Long.toHexString(r.offset())).append(" len ").append(r.len());
        }
        session.output().result("zcrx", new IfqView(ifq.name(), ifq.ring(), ifq.id(), ifq.importedFrom(), rq.headOffset(),
                rq.tailOffset(), rq.rqesOffset(), rq.entries(), Output.unsigned(rq.areaToken()), head, tail, rqes, unreturned),
                out.toString());
    }
}
