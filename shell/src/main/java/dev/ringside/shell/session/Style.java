package dev.ringside.shell.session;

/** ANSI styling that switches off for NO_COLOR, dumb terminals and non-terminals. */
public record Style(boolean enabled) {
    public static Style detect(boolean terminal, String terminalType) {
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        boolean dumb = terminalType == null || terminalType.equals("dumb");
        return new Style(terminal && !noColor && !dumb);
    }

    public String error(String s) {
        return wrap("31", s);
    }

    public String ok(String s) {
        return wrap("32", s);
    }

    public String heading(String s) {
        return wrap("1", s);
    }

    public String dim(String s) {
        return wrap("2", s);
    }

    private String wrap(String code, String s) {
        return enabled ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }
}
