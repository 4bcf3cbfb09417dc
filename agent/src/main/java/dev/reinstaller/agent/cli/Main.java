package dev.reinstaller.agent.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
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
    private final AgentContext context;

    public Main(AgentContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = new Main(AgentContext.system(out, err)).run(args);
        out.flush();
        err.flush();
        System.exit(code);
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
        cli.setExecutionExceptionHandler((ex, commandLine, parsed) -> handle(ex, parsed));
        cli.setParameterExceptionHandler((ex, args) -> {
            context.err().println("reinstaller-agent: " + ex.getMessage());
            context.err().println("Try 'reinstaller-agent " + commandName(ex.getCommandLine()) + " --help'.");
            return ExitCode.USAGE.code();
        });
        return cli;
    }

    private int handle(Exception ex, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.expandedArgs().contains("--verbose");
        if (ex instanceof ExitException exit) {
            context.err().println("reinstaller-agent: " + exit.getMessage());
            if (verbose && exit.getCause() != null) {
                exit.getCause().printStackTrace(context.err());
            }
            return exit.exitCode().code();
        }
        context.err().println("reinstaller-agent: " + ex);
        if (verbose) {
            ex.printStackTrace(context.err());
        } else {
            context.err().println("(run with --verbose for the stack trace)");
        }
        return ExitCode.FAILED.code();
    }

    private static String commandName(CommandLine cli) {
        return cli.getParent() == null ? "" : cli.getCommandName();
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"reinstaller-agent " + (version == null ? "dev" : version)};
        }
    }
}
