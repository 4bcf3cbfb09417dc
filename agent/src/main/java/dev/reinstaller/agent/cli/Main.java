package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code reinstaller-agent}: runs on the host that is to be reinstalled. Only {@link #main} exits;
 * {@link #run} returns the exit code so tests can call it.
 */
@Command(
        name = "reinstaller-agent",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Gathers this host's facts and kexecs it into the reinstaller ramdisk.",
        footerHeading = "%nExit codes:%n")
public final class Main {
    private static final String PROGRAM = "reinstaller-agent";

    /** The cases the agent reports with each exit code, for its help. */
    private static final Map<ExitCode, String> EXIT_CASES = Map.of(
            ExitCode.FAILED, "a command, the kernel, I/O",
            ExitCode.REFUSED, "preflight, confirmation token",
            ExitCode.REMOTE, "the metadata service",
            ExitCode.BAD_INPUT, "corrupted command line, runtime info, manifest, key");

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
        cli.getCommandSpec().usageMessage().footer(ExitCode.helpLines(EXIT_CASES));
        cli.addSubcommand("facts", new FactsCommand(context));
        cli.addSubcommand("preflight", new PreflightCommand(context));
        cli.addSubcommand("plan", new PlanCommand(context));
        cli.addSubcommand("install", new InstallCommand(context));
        cli.addSubcommand("cmdline", new CmdlineCommand(context));
        cli.addSubcommand("grub", new GrubCommand(context));
        cli.addSubcommand("decode", new DecodeCommand(context));
        cli.setOut(context.out());
        cli.setErr(context.err());
        cli.setExecutionExceptionHandler((ex, commandLine, parsed) ->
                ExitException.report(PROGRAM, ex, parsed.expandedArgs().contains("--verbose"), context.err()));
        cli.setParameterExceptionHandler((ex, args) ->
                ExitException.usage(PROGRAM, commandName(ex.getCommandLine()), ex.getMessage(), context.err()));
        return cli;
    }

    private static String commandName(CommandLine cli) {
        return cli.getParent() == null ? "" : cli.getCommandName();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {PROGRAM + " " + (version == null ? "dev" : version)};
        }
    }
}
