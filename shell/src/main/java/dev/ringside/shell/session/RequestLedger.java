package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.SqeFlag;
import dev.ringside.tracer.journal.Event;
import dev.ringside.tracer.ring.Completion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ring's requests in flight, and everything that follows from them: which request a CQE
 * answers (exactly, or the candidates named), which session buffers the kernel may still use
 * (per request, until its final CQE; per provided-buffer group, until it is removed or used up),
 * and the completions reaped from this ring that no expectation has checked yet. It lives and
 * dies with its ring: a closed ring's requests and completions are gone with it.
 */
public final class RequestLedger {
    private final String ring;
    private final List<Pending> pending = new ArrayList<>();
    /** Final CQEs (no F_MORE) seen while several pending requests shared their user_data. */
    private final Map<Long, Integer> unresolvedFinals = new HashMap<>();
    private final List<ProvidedBuffers> provided = new ArrayList<>();
    /** Per buffer group: buffers consumed (F_BUFFER) or removed (REMOVE_BUFFERS) that no one entry can be charged with. */
    private final Map<Integer, Integer> unassigned = new HashMap<>();
    /** How many unchecked completions a ring keeps for {@code expect cqe}; older ones are only counted (the journal has them). */
    public static final int UNCHECKED_KEPT = dev.ringside.tracer.journal.Journal.WINDOW;

    /** The journal's CqeReaped events, not what they answered: a request that ended is not kept alive by its completion. */
    private final Deque<Event.CqeReaped> unchecked = new ArrayDeque<>();
    /** Unchecked completions let go from {@link #unchecked} when more than {@link #UNCHECKED_KEPT} piled up. */
    private long uncheckedLetGo;
    private CompletionEvidence evidence = CompletionEvidence.NONE;
    /** The latest reaps of this ring, oldest first, for expect order, after=/before= and big= (bounded like unchecked). */
    private final Deque<Reap> reaps = new ArrayDeque<>();
    /** Reaps so far: the sequence number of the next. */
    private long reapCount;
    /** Per user_data: the latest submit that sent an SQE with it (journal nanos, and the reaps before it); bounded. */
    private final SentTimes sent = new SentTimes(UNCHECKED_KEPT);

    /**
     * One reaped CQE as expect's timing and order checks need it: the journal's event, its place among this
     * ring's reaps, when the submit that sent its user_data's SQE was made (-1: none seen), and its 16 extra bytes.
     */
    public record Reap(Event.CqeReaped event, long seq, long sentAt, long sentSeq, byte[] big) {
    }

    public RequestLedger(String ring) {
        this.ring = ring;
    }

    public String ring() {
        return ring;
    }

    /** Where to learn which of several candidates a CQE answers (the kernel's tracepoints, when tracing is on). */
    public void evidence(CompletionEvidence source) {
        evidence = source;
    }

    /** A request written to this ring's SQ: pending until its final CQE. {@code sqe} is its bytes, {@code facts} read from them; both handed over. */
    public Pending.Request submitted(int number, SqeDraft draft, byte[] sqe, SqeFacts facts, List<String> buffers, List<String> fds) {
        Pending.Request r = new Pending.Request(number, ring, draft, sqe, facts, buffers, fds);
        pending.add(r);
        return r;
    }

    /** A MSG_RING elsewhere will post a CQE here: it must not be taken for one of this ring's requests. */
    public void expectPosting(Pending.Posting posting) {
        pending.add(posting);
    }

    /**
     * The MSG_RING #number failed: it will post nothing here. A final CQE already seen for its
     * user_data was then one of the other candidates': once every one of them has had its final
     * CQE, they are released.
     */
    public void postingCancelled(int number) {
        List<Pending> cancelled = pending.stream().filter(p -> p instanceof Pending.Posting && p.number() == number).toList();
        pending.removeAll(cancelled);
        for (Pending posting : cancelled) {
            List<Pending> rest = withUserData(posting.userData());
            int finals = unresolvedFinals.getOrDefault(posting.userData(), 0);
            if (finals > 0 && finals >= rest.size()) {
                unresolvedFinals.remove(posting.userData());
                rest.forEach(p -> {
                    pending.remove(p);
                    finished(p, 0, false);
                });
            }
        }
    }

    /** What is pending, in submission order. */
    public List<Pending> pending() {
        return List.copyOf(pending);
    }

    /** The request from draft #number, if it is still in flight here. */
    public Optional<Pending.Request> request(int number) {
        return pending.stream().filter(p -> p instanceof Pending.Request && p.number() == number)
                .map(p -> (Pending.Request) p).findFirst();
    }

    public List<Pending> withUserData(long userData) {
        Pending first = null; // a loop, not a stream: asked for every submitted SQE and every reaped CQE
        List<Pending> more = null;
        for (Pending p : pending) {
            if (p.userData() == userData) {
                if (first == null) {
                    first = p;
                } else {
                    if (more == null) {
                        more = new ArrayList<>(2);
                        more.add(first);
                    }
                    more.add(p);
                }
            }
        }
        return more != null ? List.copyOf(more) : first != null ? List.of(first) : List.of();
    }

    /** {@code TIMEOUT}, {@code NOP #1 or TIMEOUT #2}, or "" for a CQE with this user_data read in place (mem cqes). */
    public String labelFor(long userData) {
        List<Pending> candidates = withUserData(userData);
        return (candidates.size() == 1 ? new Attribution.One(candidates.getFirst())
                : candidates.isEmpty() ? new Attribution.Unknown() : new Attribution.Several(candidates)).label();
    }

    /** Which pending request a CQE with this user_data answers, without counting it (for displays that only read). */
    public Attribution attribute(Completion cqe) {
        List<Pending> candidates = withUserData(cqe.userData());
        if (candidates.size() == 1) {
            return new Attribution.One(candidates.getFirst());
        }
        if (candidates.isEmpty()) {
            return new Attribution.Unknown();
        }
        return evidence.decide(cqe, candidates).<Attribution>map(Attribution.One::new)
                .orElseGet(() -> new Attribution.Several(candidates));
    }

    /**
     * A CQE reaped from this ring: attributes it, counts it for its request, and on the request's
     * final CQE (F_MORE clear) releases that request (and only that one); keeps {@code journaled}, the
     * journal's record of it, for expect (so expect reads the journal's events, not a copy of its own).
     */
    public RingCompletion completed(Completion cqe, Event.CqeReaped journaled) {
        Attribution answers = attribute(cqe);
        boolean last = (cqe.flags() & CqeFlag.MORE.value()) == 0;
        int seq = answers.settle(this, cqe, last);
        long userData = cqe.userData();
        long sentAt = sent.at(userData); // -1 and 0 when no send of it is kept
        long sentSeq = sent.seq(userData);
        byte[] big = cqe.big();
        reaps.add(new Reap(journaled, reapCount++, sentAt, sentSeq, big.length == 0 ? big : big.clone()));
        if (reaps.size() > UNCHECKED_KEPT) {
            reaps.removeFirst();
        }
        unchecked.add(journaled);
        if (unchecked.size() > UNCHECKED_KEPT) {
            unchecked.removeFirst();
            uncheckedLetGo++;
        }
        return new RingCompletion(ring, cqe, answers, seq);
    }

    /** {@link Attribution.One}'s part of {@link #completed}: its request's CQE count, released at its last CQE. */
    int settleOne(Pending p, Completion cqe, boolean last) {
        int seq = 0;
        if (p instanceof Pending.Request r) {
            seq = r.countCqe();
            consumedBuffer(r, cqe);
        }
        if (last) {
            pending.remove(p);
            finished(p, cqe.res(), true);
        }
        return seq;
    }

    /** {@link Attribution.Several}'s part: one of them finished, which one is unknown, so all go once each had a final CQE. */
    void settleSeveral(List<Pending> candidates, Completion cqe, boolean last) {
        if (last && unresolvedFinals.merge(cqe.userData(), 1, Integer::sum) >= candidates.size()) {
            unresolvedFinals.remove(cqe.userData());
            candidates.forEach(p -> {
                pending.remove(p);
                finished(p, 0, false);
            });
        }
    }

    /** A submit at {@code at} (journal nanos, before its io_uring_enter) sent an SQE with this user_data. */
    public void sent(long userData, long at) {
        sent.sent(userData, at, reapCount);
    }

    /** What expect's timing and big checks know of a completion the journal recorded (empty: older than the reaps kept). */
    public Optional<Reap> reapOf(Event.CqeReaped journaled) {
        return reaps.stream().filter(r -> r.event() == journaled).findFirst();
    }

    /** The first completion with this user_data reaped since the latest submit that sent it (if still kept). */
    public Optional<Reap> firstSinceSent(long userData) {
        long since = sent.seq(userData); // 0 when no send of it is kept
        return reaps.stream().filter(r -> r.event().userData() == userData && r.seq() >= since).findFirst();
    }

    /** The latest (at most {@link #UNCHECKED_KEPT}) completions reaped from this ring and not yet taken by an expectation, oldest first. */
    public Deque<Event.CqeReaped> unchecked() {
        return unchecked;
    }

    /** How many completions are unchecked: those kept and those let go (what {@code expect cqes=N} counts). */
    public long uncheckedCount() {
        return unchecked.size() + uncheckedLetGo;
    }

    /** Unchecked completions too old to be kept for {@code expect cqe}: counted, in the journal, no longer in memory. */
    public long uncheckedLetGo() {
        return uncheckedLetGo;
    }

    /** What keeps this session buffer allocated on this ring, if anything. */
    public Optional<Resources.Holder> holderOf(String buffer) {
        Optional<Resources.Holder> request = pending.stream()
                .filter(p -> p instanceof Pending.Request && p.buffers().contains(buffer))
                .map(p -> new Resources.Holder(((Pending.Request) p).describe(), "not completed yet",
                        "wait for its CQE (or close the ring) before freeing it"))
                .findFirst();
        return request.or(() -> provided.stream().filter(g -> g.buffers.contains(buffer)).map(ProvidedBuffers::holder).findFirst());
    }

    /**
     * A request ended: PROVIDE_BUFFERS that succeeded (or may have: {@code known} false) hands its
     * memory to the kernel until the group is removed or used up; REMOVE_BUFFERS takes res buffers back.
     */
    private void finished(Pending p, int res, boolean known) {
        if (!(p instanceof Pending.Request r)) {
            return;
        }
        SqeFacts f = r.facts();
        switch (r.draft().opcode().name()) {
            case "PROVIDE_BUFFERS" -> {
                // counted even without a session buffer (unsafe mode's raw addresses): a group is empty only when all its buffers are gone
                if (!known || res >= 0) {
                    provided.add(new ProvidedBuffers(r.number(), ring, f.bufGroup(), (int) (f.off() & 0xffff), f.fd(), r.buffers()));
                }
            }
            case "REMOVE_BUFFERS" -> {
                if (known && res > 0) {
                    unassigned.merge(f.bufGroup(), res, Integer::sum);
                    releaseIfEmpty(f.bufGroup());
                }
            }
            default -> {
            }
        }
    }

    /** A CQE with F_BUFFER of a request that selected from a legacy group: that buffer is the kernel's no more. */
    private void consumedBuffer(Pending.Request r, Completion cqe) {
        if (!r.facts().has(SqeFlag.BUFFER_SELECT) || (cqe.flags() & CqeFlag.BUFFER.value()) == 0) {
            return;
        }
        int group = r.facts().bufGroup();
        int bid = (int) (Integer.toUnsignedLong(cqe.flags()) >>> CqeCodec.BUFFER_SHIFT) & 0xffff;
        List<ProvidedBuffers> holding = provided.stream().filter(g -> g.group == group && g.holds(bid)).toList();
        if (holding.size() == 1) {
            ProvidedBuffers g = holding.getFirst();
            g.consume(bid);
            if (g.left() == 0) {
                provided.remove(g);
            }
        } else if (holding.size() > 1) {
            unassigned.merge(group, 1, Integer::sum); // the same bid provided twice: whose it was is unknown
        }
        releaseIfEmpty(group);
    }

    /** The group is empty once consumed and removed buffers account for all provided: its memory is free again. */
    private void releaseIfEmpty(int group) {
        int left = provided.stream().filter(g -> g.group == group).mapToInt(ProvidedBuffers::left).sum();
        if (left - unassigned.getOrDefault(group, 0) <= 0) {
            provided.removeIf(g -> g.group == group);
            unassigned.remove(group);
        }
    }
}
