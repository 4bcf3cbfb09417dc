package dev.reinstaller.protocol;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntBiFunction;

/**
 * Stops a command with an exit code and a one-line message for stderr. Only {@code main} exits, through
 * {@link #exitWith}; the agent and the operator CLI report it through their picocli frame
 * ({@code dev.reinstaller.cli.Program}), the installer, which ships without picocli, by hand.
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
}
