package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.system.InstallerPaths;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code reinstaller-installer}: the service of the reinstaller ramdisk. Only {@link #main} exits;
 * {@link #run} returns the exit code so tests call it with fake edges.
 */
@Command(
        name = "reinstaller-installer",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Installs NixOS on encrypted ZFS from inside the reinstaller ramdisk.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  every selected phase passed",
            "  1  a phase failed past the point of no return",
            "  2  usage (bad options)",
            "  3  refused before anything happened, or the watchdog path was taken"
        })
public final class Main implements Runnable {
    private final PrintWriter out;
    private final PrintWriter err;
    private final BiFunction<InstallerPaths, RunCommand.Options, Edges> edges;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * @param edges builds the outside world for a run from its root and options (real or fake)
     */
    public Main(PrintWriter out, PrintWriter err, BiFunction<InstallerPaths, RunCommand.Options, Edges> edges) {
        this.out = out;
        this.err = err;
        this.edges = edges;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            code = new Main(out, err, (paths, options) -> Edges.system(paths, options, out)).run(args);
        } catch (Error e) {
            // An error such as OutOfMemoryError escapes picocli; without this exit the status API's
            // threads would keep a broken installer alive. The unit's failure handling takes over.
            err.println("reinstaller-installer: " + e);
            code = ExitCode.FAILED.code();
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Parses and runs one command line; returns the exit code. */
    public int run(String... args) {
        CommandLine cli = new CommandLine(this);
        cli.addSubcommand("run", new RunCommand(out, edges));
        cli.addSubcommand("authorized-keys", new AuthorizedKeysCommand(out, err));
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, ignored) -> {
            err.println("reinstaller-installer: " + ex.getMessage());
            return ExitCode.USAGE.code();
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"reinstaller-installer " + (version == null ? "dev" : version)};
        }
    }
}
