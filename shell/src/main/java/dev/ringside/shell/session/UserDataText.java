package dev.ringside.shell.session;

import dev.ringside.decoders.catalog.SqeDraft;

import java.util.Locale;

/** A user_data as the user wrote it: in hex when it was typed in hex, so 0x10 comes back as 0x10, not 16. */
public final class UserDataText {
    private UserDataText() {
    }

    /** {@code 0x10} when the draft's user_data was typed as 0x..., else the decimal number. */
    public static String of(SqeDraft draft, long userData) {
        return of(draft.assignment("user_data").map(SqeDraft.Assignment::text).orElse(""), userData);
    }

    /** {@code userData} in hex when {@code typed} (a word such as {@code user_data=0x10}, or its value) is hex. */
    public static String of(String typed, long userData) {
        if (typed.indexOf('x') < 0 && typed.indexOf('X') < 0) {
            return Long.toUnsignedString(userData); // no 0x anywhere: decimal, without the copies below (every CQE printed asks)
        }
        String value = typed.substring(typed.indexOf('=') + 1).strip().toLowerCase(Locale.ROOT);
        return value.startsWith("0x") ? "0x" + Long.toHexString(userData) : Long.toUnsignedString(userData);
    }

    /** A CQE's user_data as the request it answers had it typed; decimal when the ledger cannot say which request. */
    public static String of(Attribution answers, long userData) {
        return answers instanceof Attribution.One(Pending.Request request) ? of(request.draft(), userData)
                : Long.toUnsignedString(userData);
    }
}
