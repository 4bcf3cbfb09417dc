package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.ExitException;
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
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  ok",
            "  1  failed (a command, the kernel, I/O)",
            "  2  usage (bad options)",
            "  3  refused by a check (preflight, confirmation token)",
            "  4  remote service (metadata) failed",
            "  5  timeout",
            "  6  bad input (corrupted command line, runtime info, manifest, key)"
        })
public final class Main {
    private static final String PROGRAM = "reinstaller-agent";

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
