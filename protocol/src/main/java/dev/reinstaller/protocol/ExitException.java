package dev.reinstaller.protocol;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntBiFunction;

/**
 * Stops a command with an exit code and a one-line message for stderr. Only {@code main} exits; the
 * static helpers are what each tool's {@code main} prints, so the three tools report alike without
 * sharing their argument parser (the installer ships without picocli).
 */
public final class ExitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ExitCode exitCode;

    public ExitException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /**
     * What each tool's {@code main} does around its program: UTF-8 writers on stdout and stderr, the
     * program's exit code once both are flushed. The one place that exits.
     */
    public static void exitWith(ToIntBiFunction<PrintWriter, PrintWriter> program) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = program.applyAsInt(out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /**
     * Reports what a command threw as {@code program: message} on {@code err}: an {@link ExitException}
     * with its own code, anything else as {@link ExitCode#FAILED}; the stack trace only when
     * {@code verbose}.
     *
     * @return the exit code
     */
    public static int report(String program, Exception thrown, boolean verbose, PrintWriter err) {
        if (thrown instanceof ExitException exit) {
            err.println(program + ": " + exit.getMessage());
            if (verbose && exit.getCause() != null) {
                exit.getCause().printStackTrace(err);
            }
            return exit.exitCode().code();
        }
        err.println(program + ": " + thrown);
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
     * @param command the subcommand's name as typed after the program ("" for the program itself)
     * @return {@link ExitCode#USAGE}'s code
     */
    public static int usage(String program, String command, String message, PrintWriter err) {
        err.println(program + ": " + message);
        err.println("Try '" + program + (command.isEmpty() ? "" : " " + command) + " --help'.");
        return ExitCode.USAGE.code();
    }
}
