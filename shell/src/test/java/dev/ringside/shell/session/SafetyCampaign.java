package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.FieldSpec;
import dev.ringside.decoders.catalog.FieldType;
import dev.ringside.decoders.catalog.FieldValue;
import dev.ringside.decoders.catalog.Opcode;
import dev.ringside.decoders.catalog.SlotUse;
import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.catalog.SqeField;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.script.Dispatcher;
import dev.ringside.tracer.memory.SessionBuffer;

import java.io.PrintWriter;
import java.io.Writer;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The random-SQE campaign of issue 8, run in a JVM of its own (SafetyCampaignTest): SQEs of every
 * opcode with random values in random fields (their own names, common ones, raw members, cmd hex),
 * aimed at JVM memory and fds as well as the session's, submitted for real to several rings. After
 * the rings are closed every session buffer's canaries must be intact. Prints one summary line;
 * exits 0 when no canary was touched. A crash shows as the JVM's fatal error report on stderr.
 *
 * <p>Run in a scratch directory: path opcodes get a fixed relative name ("campaign-x"), and the
 * session registers no file table, so nothing outside the directory can be created or grown.
 */
public final class SafetyCampaign {
    private SafetyCampaign() {
    }

    /** RINGSIDE_CAMPAIGN_TRACE=1: each SQE on stderr before its submit, to find the one that hurt. */
    private static final boolean TRACE = System.getenv("RINGSIDE_CAMPAIGN_TRACE") != null;

    /** A draft as 'sqe' would show it, values as the campaign set them. */
    static final class SqeCommandText {
        static String of(SqeDraft d) {
            StringBuilder out = new StringBuilder(d.opcode().name());
            d.assignments().forEach(a -> out.append(' ').append(a.field().name()).append('=').append(a.value()));
            return out.toString();
        }
    }

    private static final List<String> BUFFERS = List.of("a", "b", "c", "pg", "paths", "v", "m", "w", "sa");

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        Random random = new Random(seed);
        Session session = new Session(new PrintWriter(Writer.nullWriter()), new Style(false));
        Dispatcher console = new Dispatcher(session);
        for (String line : List.of(
                "ring create r2 entries=32 flags=SINGLE_ISSUER|DEFER_TASKRUN",
                "ring create r1 entries=32 flags=SQE128",
                "ring create r0 entries=32",
                "pipe p", "socketpair s", "eventfd e",
                "buf alloc a 64 fill=0x41", "buf alloc b 300 fill=0x42", "buf alloc c 4096 fill=0x43",
                "buf alloc pg 8192 pages fill=0x44", "buf alloc paths 16 text=campaign-x",
                "buf alloc f 8", "buf iovecs v @a:16 @b+8:100", "buf msghdr m iov=@v", "buf futex_waitv w @f:1",
                "buf alloc sa 128")) {
            console.run(line);
        }
        MemorySegment victim = Arena.global().allocate(4096, 4096);
        victim.fill((byte) 0x77);
        List<Opcode> ops = session.catalog().opcodes();
        List<String> rings = List.of("r0", "r1", "r2");
        int submitted = 0;
        int refused = 0;
        for (int i = 0; i < count; i++) {
            Opcode op = ops.get(i % ops.size());
            session.use(rings.get(random.nextInt(rings.size())));
            SqeDraft draft = draft(session, op, random, victim);
            session.drafts().clear();
            session.addDraft(draft);
            try {
                if (TRACE) {
                    System.err.println(i + " " + session.currentName().orElseThrow() + " " + SqeCommandText.of(draft));
                    System.err.flush();
                }
                session.submit(1, 0, 0);
                submitted++;
            } catch (ConsoleException e) {
                refused++;
                session.drafts().clear();
            }
        }
        for (String ring : rings) {
            session.closeRing(ring);
        }
        List<String> touched = new ArrayList<>();
        for (SessionBuffer b : session.resources().buffers().all()) {
            if (!b.canariesIntact()) {
                touched.add(b.name());
            }
        }
        for (long k = 0; k < victim.byteSize(); k++) {
            if (victim.get(java.lang.foreign.ValueLayout.JAVA_BYTE, k) != 0x77) {
                touched.add("JVM memory at +" + k);
                break;
            }
        }
        System.out.println("campaign seed=" + seed + " sqes=" + count + " submitted=" + submitted + " refused=" + refused
                + " canaries " + (touched.isEmpty() ? "intact" : "TOUCHED " + touched));
        session.close();
        System.exit(touched.isEmpty() ? 0 : 1);
    }

    private static SqeDraft draft(Session session, Opcode op, Random random, MemorySegment victim) {
        SqeDraft d = new SqeDraft(op);
        List<SqeField> fields = session.catalog().fieldsOf(op).stream().filter(f -> !f.name().equals("opcode")).toList();
        int n = 1 + random.nextInt(6);
        for (int k = 0; k < n; k++) {
            SqeField f = fields.get(random.nextInt(fields.size()));
            d.set(f, value(session, f, random, victim), "random");
        }
        // path opcodes name one file of the scratch directory, whatever else was set
        for (FieldSpec spec : op.fields()) {
            boolean path = spec.uses().stream().anyMatch(u -> u instanceof SlotUse.Pointer p
                    && p.extent() instanceof dev.ringside.decoders.catalog.Extent.CString);
            if (path) {
                d.set(session.catalog().field(op, spec.name()), new FieldValue.BufferRef("paths", 0), "@paths");
            }
            if (spec.uses().stream().anyMatch(u -> u instanceof SlotUse.Fd fd && fd.kind() == SlotUse.FdKind.DIRFD)) {
                d.set(session.catalog().field(op, spec.name()), new FieldValue.Scalar(-100), "-100");
            }
        }
        return d;
    }

    private static FieldValue value(Session session, SqeField f, Random random, MemorySegment victim) {
        if (f.type() instanceof FieldType.HexBytes) {
            byte[] bytes = new byte[(int) f.size()];
            if (random.nextBoolean()) {
                random.nextBytes(bytes);
            }
            MemorySegment.ofArray(bytes).set(java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED,
                    8L * random.nextInt(bytes.length / 8), address(session, random, victim));
            return new FieldValue.Bytes(bytes);
        }
        if (f.type() instanceof FieldType.Address) {
            return random.nextInt(3) == 0 ? new FieldValue.RawAddress(address(session, random, victim))
                    : new FieldValue.BufferRef(BUFFERS.get(random.nextInt(BUFFERS.size())), random.nextInt(200));
        }
        if (f.type() instanceof FieldType.TimespecPointer) {
            return new FieldValue.Timespec(random.nextInt(2_000_000));
        }
        long v = switch (random.nextInt(6)) {
            case 0 -> random.nextInt(300);
            case 1 -> List.of(0, 1, 2, 3, 4, 5, -1, -100).get(random.nextInt(8));
            case 2 -> session.resources().fds().get(random.nextInt(session.resources().fds().size())).fd();
            case 3 -> 1L << random.nextInt(32);
            case 4 -> address(session, random, victim);
            default -> random.nextLong();
        };
        return new FieldValue.Scalar(f.size() >= 8 ? v : v & ((1L << (f.size() * 8)) - 1));
    }

    private static long address(Session session, Random random, MemorySegment victim) {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> victim.address() + random.nextInt(4096);
            case 2 -> session.resources().buffer(BUFFERS.get(random.nextInt(BUFFERS.size()))).address(0)
                    + random.nextInt(400) - 70;
            default -> random.nextLong();
        };
    }
}
