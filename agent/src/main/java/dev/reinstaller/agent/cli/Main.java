package dev.reinstaller.agent.cli;

import dev.reinstaller.cli.Program;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.util.Map;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code reinstaller-agent}: runs on the host that is to be reinstalled. Only {@link #main} exits;
 * {@link #run} returns the exit code so tests can call it.
 */
@Command(description = "Gathers this host's facts and kexecs it into the reinstaller ramdisk.")
public final class Main {
    /** The agent, with the cases it reports with each exit code, for its help. */
    private static final Program PROGRAM = new Program(
            "reinstaller-agent",
            Map.of(
                    ExitCode.FAILED, "a command, the kernel, I/O",
                    ExitCode.REFUSED, "preflight, confirmation token",
                    ExitCode.REMOTE, "the metadata service",
                    ExitCode.BAD_INPUT, "corrupted command line, runtime info, manifest, key"));

    private final AgentContext context;

    public Main(AgentContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        ExitException.exitWith((out, err) -> new Main(AgentContext.system(out, err)).run(args));
    }

    /** Parses and runs one command line; returns the exit code. */
    public int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    CommandLine commandLine() {
        CommandLine cli = new CommandLine(this);
        cli.addSubcommand("facts", new FactsCommand(context));
        cli.addSubcommand("preflight", new PreflightCommand(context));
        cli.addSubcommand("plan", new PlanCommand(context));
        cli.addSubcommand("install", new InstallCommand(context));
        cli.addSubcommand("cmdline", new CmdlineCommand(context));
        cli.addSubcommand("grub", new GrubCommand(context));
        cli.addSubcommand("decode", new DecodeCommand(context));
        return PROGRAM.frame(cli, context.out(), context.err(), UnaryOperator.identity());
    }
}
