package dev.ringside.shell.syntax;

import dev.ringside.shell.session.Session;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One {@code name=value} option of a command, declared once: parsing, help, errors and Tab read it.
 *
 * @param defaultText the value when the option is absent, as the user would type it; empty for none
 * @param completion  where Tab finds values; by default the type's own candidates
 * @param group       the heading Tab lists it under; empty for none
 * @param inHelp      whether usage and help list it (the raw io_uring_sqe members are too many)
 */
public record Option(String name, ValueType type, Optional<String> defaultText, String doc,
                     BiFunction<Session, String, List<String>> completion, String group, boolean inHelp) {
    public static Option of(String name, ValueType type, String doc) {
        return new Option(name, type, Optional.empty(), doc, type::candidates, "", true);
    }

    public static Option of(String name, ValueType type, String defaultText, String doc) {
        return new Option(name, type, Optional.of(defaultText), doc, type::candidates, "", true);
    }

    /** This option with Tab taking its values from {@code source}. */
    public Option completing(BiFunction<Session, String, List<String>> source) {
        return new Option(name, type, defaultText, doc, source, group, inHelp);
    }

    /** This option listed under {@code heading} when Tab shows groups (an opcode's own fields, raw members). */
    public Option inGroup(String heading) {
        return new Option(name, type, defaultText, doc, completion, heading, inHelp);
    }

    /** This option left out of usage and help (which say so in a note), still parsed and offered by Tab. */
    public Option tabOnly() {
        return new Option(name, type, defaultText, doc, completion, group, false);
    }

    /** {@code entries=N}: how usage writes it. */
    public String usage() {
        return name + "=" + type.placeholder();
    }

    /** The one-line help: doc and default. */
    public String describe() {
        return doc + defaultText.map(d -> " (default " + d + ")").orElse("");
    }
}
