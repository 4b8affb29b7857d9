package dev.ringside.shell.command.register;

import dev.ringside.shell.command.NamedArgs;
import dev.ringside.decoders.flags.FlagSet;
import dev.ringside.decoders.values.ValueException;
import dev.ringside.shell.ConsoleException;
import dev.ringside.shell.session.Assignment;
import dev.ringside.shell.session.RingSession;
import dev.ringside.shell.session.Session;
import dev.ringside.shell.session.SqeSafety;

import java.lang.foreign.Arena;
import java.util.List;

/**
 * What a register argument builder works with: the session (its buffers and fds by name), the
 * ring, the ring's arena (argument structs live as long as the ring, as SQE timespecs do) and the
 * words typed after {@code register WHAT}.
 */
record RegisterContext(Session session, RingSession rs, NamedArgs args, String usage) {
    Arena arena() {
        return rs.ring().arena();
    }

    int ringFd() {
        return rs.ring().fd();
    }

    /** An option as an unsigned number in [min, max], or {@code otherwise} when absent. */
    long number(String name, long otherwise, long min, long max) {
        if (!args.has(name)) {
            return otherwise;
        }
        Assignment a = args.option(name).orElseThrow();
        long n = NamedArgs.number(a);
        if (n < min || n > max) {
            throw a.error(name + " must be " + min + ".." + max + ", not " + n);
        }
        return n;
    }

    long required(String name, long min, long max) {
        if (!args.has(name)) {
            // the usage starts with the command and kind ("unregister ring_fds"), so the error names the right command
            String[] words = usage.split(" ", 3);
            String what = words.length >= 2 ? words[0] + " " + words[1] : usage;
            throw new ConsoleException(what + " needs " + name + "=N; usage: " + usage);
        }
        return number(name, 0, min, max);
    }

    /** An option naming flags of this set ({@code flags=INC}), 0 when absent. */
    long flags(String name, FlagSet set) {
        return args.option(name).map(a -> {
            try {
                return set.parse(a.value());
            } catch (ValueException e) {
                throw a.error(name + ": " + e.getMessage());
            }
        }).orElse(0L);
    }

    /** An fd word: {@code $p.r} was already expanded by the script, so {@code p.r}, a number, or -1. */
    int fd(String word) {
        String bare = word.startsWith("$") ? word.substring(1) : word;
        if (bare.contains(".")) {
            return session.resources().fd(bare).fd();
        }
        long n = NamedArgs.number(bare, "fd");
        if (n < -1 || n > Integer.MAX_VALUE) {
            throw new ConsoleException("fd " + word + " is not a file descriptor (-1 leaves a slot empty)", word);
        }
        if (n != -1 && !session.unsafe() && !SqeSafety.sessionFd(session, (int) n)) {
            throw new ConsoleException("fd " + word + " is not an fd of this session (the JVM's own, or none): use $p.r,"
                    + " a ring's %NAME, -1 for an empty slot, or 'set unsafe on'", word);
        }
        return (int) n;
    }

    /** Words after WHAT: the positional ones. */
    List<String> words(int from) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = from; args.optionalWord(i).isPresent(); i++) {
            out.add(args.optionalWord(i).get());
        }
        return out;
    }
}
