package dev.ringside.shell.syntax;

import java.util.List;

/**
 * A console command that declares its syntax as data: help, {@code --help}, usage errors and Tab
 * completion read these, so no other code lists the command's options.
 */
public interface Declared {
    /** The command's own syntax and its subcommands', each named by its path ("ring create"). */
    List<Syntax> syntaxes();
}
