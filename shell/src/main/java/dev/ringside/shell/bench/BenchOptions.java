package dev.ringside.shell.bench;

import java.util.List;

/**
 * {@code ringside bench CASE [batch=N] [count=N] [journal=on|off] [trace=on|off] [--json]}.
 *
 * @param count       operations per measured phase, rounded up to whole batches
 * @param journalFile where the journal is written too, as the console writes it (implies journal=on)
 */
record BenchOptions(Workload workload, int batch, long count, boolean journal, boolean trace, boolean json,
                    java.util.Optional<java.nio.file.Path> journalFile) {
    static final String USAGE = "usage: ringside bench nop|timeout|read-pipe [batch=N] [count=N] [journal=on|off] [trace=on|off] "
            + "[journal-file=PATH] [--json]";

    static BenchOptions parse(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("name a case");
        }
        Workload workload = Workload.parse(args.getFirst());
        int batch = 32;
        long count = 1_000_000;
        boolean journal = false;
        boolean trace = false;
        boolean json = false;
        java.nio.file.Path file = null;
        for (String arg : args.subList(1, args.size())) {
            if (arg.equals("--json")) {
                json = true;
                continue;
            }
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("'" + arg + "' is not KEY=VALUE");
            }
            String key = arg.substring(0, eq);
            String value = arg.substring(eq + 1);
            switch (key) {
                case "batch" -> batch = (int) number(key, value, 1, 4096);
                case "count" -> count = number(key, value, 1, 1L << 40);
                case "journal" -> journal = onOff(key, value);
                case "trace" -> trace = onOff(key, value);
                case "journal-file" -> file = java.nio.file.Path.of(value);
                default -> throw new IllegalArgumentException("unknown option '" + key + "': batch, count, journal, trace, journal-file");
            }
        }
        count = (count + batch - 1) / batch * batch;
        return new BenchOptions(workload, batch, count, journal || trace || file != null, trace, json,
                java.util.Optional.ofNullable(file));
    }

    private static long number(String key, String value, long min, long max) {
        long n;
        try {
            n = Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + "=" + value + " is not a number");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(key + "=" + value + " is out of range " + min + ".." + max);
        }
        return n;
    }

    private static boolean onOff(String key, String value) {
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException(key + "=" + value + ": say on or off");
        };
    }
}
