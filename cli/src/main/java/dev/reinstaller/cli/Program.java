package dev.reinstaller.cli;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A picocli program as its user meets it: the name its messages, {@code --help} and {@code --version}
 * start with, and the cases it reports with each exit code (the table at the end of its help).
 *
 * @param name the program's name, as typed
 * @param exitCases for the codes this program names them, the cases it reports with each
 */
public record Program(String name, Map<ExitCode, String> exitCases) {
    public Program {
        exitCases = Map.copyOf(exitCases);
    }

    /**
     * Frames {@code cli}, once its subcommands are added: {@code --help} and {@code --version} (the
     * version of the jar that holds the command), the exit-code table under its help, output on
     * {@code out} and {@code err}, a failed command reported as {@code name: message} with its exit
     * code (the stack trace only with {@code --verbose}), a wrong command line with where its help is.
     *
     * @param translate turns what a command threw into what is reported (an {@link ExitException} keeps
     *     its code; anything else is exit 1)
     */
    public CommandLine frame(CommandLine cli, PrintWriter out, PrintWriter err, UnaryOperator<Exception> translate) {
        CommandSpec spec = cli.getCommandSpec();
        spec.name(name);
        spec.mixinStandardHelpOptions(true);
        spec.versionProvider(() -> new String[] {versionLine(spec.userObject().getClass())});
        spec.usageMessage().footerHeading("%nExit codes:%n").footer(exitCodeLines());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((thrown, command, parsed) ->
                failed(translate.apply(thrown), parsed.expandedArgs().contains("--verbose"), err));
        cli.setParameterExceptionHandler(
                (wrong, args) -> usage(typed(wrong.getCommandLine()), wrong.getMessage(), err));
        return cli;
    }

    /** {@code --version}: the name and the version of the jar that holds {@code main} ("dev" outside one). */
    String versionLine(Class<?> main) {
        String version = main.getPackage().getImplementationVersion();
        return name + " " + (version == null ? "dev" : version);
    }

    /**
     * The lines under "Exit codes:" in {@code --help}: every code with its meaning and, where this
     * program names them, its cases ({@code "  3  refused by a check (preflight)"}).
     */
    String[] exitCodeLines() {
        return Arrays.stream(ExitCode.values())
                .map(c -> "  " + c.code() + "  " + c.meaning()
                        + (exitCases.containsKey(c) ? " (" + exitCases.get(c) + ")" : ""))
                .toArray(String[]::new);
    }

    /**
     * Reports what a command threw as {@code name: message} on {@code err}: an {@link ExitException}
     * with its own code, anything else as {@link ExitCode#FAILED}; the stack trace only when
     * {@code verbose}.
     *
     * @return the exit code
     */
    int failed(Exception thrown, boolean verbose, PrintWriter err) {
        if (thrown instanceof ExitException exit) {
            err.println(name + ": " + exit.getMessage());
            if (verbose && exit.getCause() != null) {
                exit.getCause().printStackTrace(err);
            }
            return exit.exitCode().code();
        }
        err.println(name + ": " + thrown);
        if (verbose) {
            thrown.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace)");
        }
        return ExitCode.FAILED.code();
    }

    /**
     * Reports a wrong command line and where its help is.
     *
     * @param command the command as typed, from the program's name to the subcommand that was wrong
     * @return {@link ExitCode#USAGE}'s code
     */
    int usage(String command, String message, PrintWriter err) {
        err.println(name + ": " + message);
        err.println("Try '" + command + " --help'.");
        return ExitCode.USAGE.code();
    }

    /** The command as typed: the program's name and the subcommands down to {@code cli}. */
    private static String typed(CommandLine cli) {
        StringBuilder typed = new StringBuilder(cli.getCommandName());
        for (CommandLine c = cli.getParent(); c != null; c = c.getParent()) {
            typed.insert(0, c.getCommandName() + " ");
        }
        return typed.toString();
    }
}
