package dev.reinstaller.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** One frame for both picocli programs: help, version, the exit-code table and the error reports. */
class ProgramTest {
    private static final Program TOOL = new Program("tool", Map.of(ExitCode.REFUSED, "preflight, host key"));

    @Command(description = "A program with one subcommand.")
    static final class Top {}

    @Command(name = "act", description = "Throws what it is told to.")
    static final class Act implements Runnable {
        @Option(names = "--refuse")
        boolean refuse;

        @Option(names = "--verbose")
        boolean verbose;

        @Override
        public void run() {
            if (refuse) {
                throw new ExitException(ExitCode.REFUSED, "the check said no", new IllegalStateException("why"));
            }
            throw new IllegalStateException("broken");
        }
    }

    record Run(int code, String out, String err) {}

    private static Run run(UnaryOperator<Exception> translate, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new Top());
        cli.addSubcommand("act", new Act());
        int code = TOOL.frame(cli, new PrintWriter(out, true), new PrintWriter(err, true), translate)
                .execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Run run(String... args) {
        return run(UnaryOperator.identity(), args);
    }

    @Test
    void everyCodeIsListedInOrderWithTheCasesAToolNames() {
        assertThat(TOOL.exitCodeLines())
                .containsExactly(
                        "  0  ok",
                        "  1  failed",
                        "  2  usage (bad options)",
                        "  3  refused by a check (preflight, host key)",
                        "  4  remote failed",
                        "  5  timeout",
                        "  6  bad input");
    }

    @Test
    void helpEndsWithTheExitCodeTable() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out())
                .startsWith("Usage: tool [-hV]")
                .contains("Exit codes:\n  0  ok\n")
                .endsWith("  6  bad input\n");
    }

    @Test
    void versionNamesTheProgramAndDevOutsideAJar() {
        Run version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).isEqualTo("tool dev\n");
    }

    @Test
    void anExitExceptionKeepsItsCodeAndShowsItsCauseOnlyWhenVerbose() {
        Run quiet = run("act", "--refuse");
        assertThat(quiet.code()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(quiet.err()).isEqualTo("tool: the check said no\n");

        Run verbose = run("act", "--refuse", "--verbose");
        assertThat(verbose.err()).startsWith("tool: the check said no\njava.lang.IllegalStateException: why");
    }

    @Test
    void anythingElseIsAFailureThatPointsAtVerbose() {
        Run failed = run("act");
        assertThat(failed.code()).isEqualTo(ExitCode.FAILED.code());
        assertThat(failed.err())
                .isEqualTo("tool: java.lang.IllegalStateException: broken\n(run with --verbose for the stack trace)\n");
    }

    @Test
    void whatAProgramTranslatesIsReportedAsTranslated() {
        Run translated = run(e -> new ExitException(ExitCode.BAD_INPUT, "a bad setting: " + e.getMessage()), "act");
        assertThat(translated.code()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(translated.err()).isEqualTo("tool: a bad setting: broken\n");
    }

    @Test
    void aWrongCommandLineNamesTheSubcommandsHelp() {
        Run wrong = run("act", "--bogus");
        assertThat(wrong.code()).isEqualTo(ExitCode.USAGE.code());
        assertThat(wrong.err()).isEqualTo("tool: Unknown option: '--bogus'\nTry 'tool act --help'.\n");

        Run top = run("--bogus");
        assertThat(top.err()).endsWith("Try 'tool --help'.\n");
    }
}
