package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SqeDraft;
import dev.ringside.decoders.codec.CqeCodec;
import dev.ringside.decoders.flags.CqeFlag;
import dev.ringside.decoders.flags.FlagSets;
import dev.ringside.decoders.values.Errno;
import dev.ringside.tracer.ring.Completion;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CQE as {@code --json} shows it, with the SQE it answers (its opcode and the fields as typed),
 * or, when several requests in flight on its ring have its user_data, those candidates
 * ({@code ["NOP #1", "TIMEOUT #2"]}). seq, more and count are set for multishot requests: the
 * CQE's number, whether more follow, and on the last one how many there were.
 */
public record CqeView(String ring, Number userData, int res, String errno, long flags, List<String> flagNames,
                      Integer bid, String big, Map<String, String> sqe, List<String> candidates,
                      Integer seq, Boolean more, Integer count) {

    public static CqeView of(String ring, Completion c, Attribution answers) {
        return of(ring, c, answers.draft(), answers.candidateLabels());
    }

    private static CqeView of(String ring, Completion c, Optional<SqeDraft> request, List<String> candidates) {
        long flags = Integer.toUnsignedLong(c.flags());
        boolean buffer = (flags & CqeFlag.BUFFER.value()) != 0;
        return new CqeView(ring, Output.unsigned(c.userData()), c.res(),
                c.res() < 0 ? Errno.of(-c.res()).map(Errno::name).orElse("E" + -c.res()) : null,
                flags, Output.names(FlagSets.CQE, flags & 0xffff),
                buffer ? (int) (flags >>> CqeCodec.BUFFER_SHIFT) & 0xffff : null,
                c.isBig() ? HexFormat.of().formatHex(c.big()) : null,
                request.map(CqeView::sqe).orElse(null), candidates, null, null, null);
    }

    /** The same CQE as the {@code seq}th of a multishot request; {@code count} only on the last. */
    public CqeView multishot(int seq, boolean more) {
        return new CqeView(ring, userData, res, errno, flags, flagNames, bid, big, sqe, candidates, seq, more, more ? null : seq);
    }

    /** {@code {"opcode": "TIMEOUT", "user_data": "2", "ts": "1ms"}}: the draft as the user wrote it. */
    static Map<String, String> sqe(SqeDraft d) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("opcode", d.opcode().name());
        d.assignments().forEach(a -> fields.put(a.field().name(), a.text()));
        return fields;
    }
}
