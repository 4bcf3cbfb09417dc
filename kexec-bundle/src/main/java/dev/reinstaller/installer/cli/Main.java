package dev.reinstaller.installer.cli;

import dev.reinstaller.installer.status.NettyLog;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * {@code reinstaller-installer}: the service of the reinstaller ramdisk. Only {@link #main} exits;
 * {@link #run} returns the exit code so tests call it with fake edges.
 */
public final class Main {
    static final String USAGE = """
            Usage: reinstaller-installer [-hV] [COMMAND]
            Installs NixOS on encrypted ZFS from inside the reinstaller ramdisk.
              -h, --help      Show this help message and exit.
              -V, --version   Print version information and exit.
            Commands:
              run              Run the installer's phases.
              authorized-keys  Write root's SSH public keys from runtime info, for the ramdisk's sshd.

            Exit codes:
              0  every selected phase passed
              1  a phase failed past the point of no return
              2  usage (bad options)
              3  refused before anything happened, or the watchdog path was taken
            """;

    private final PrintWriter out;
    private final PrintWriter err;
    private final BiFunction<InstallerPaths, RunCommand.Options, Edges> edges;

    /**
     * @param edges builds the outside world for a run from its root and options (real or fake)
     */
    public Main(PrintWriter out, PrintWriter err, BiFunction<InstallerPaths, RunCommand.Options, Edges> edges) {
        this.out = out;
        this.err = err;
        this.edges = edges;
    }

    /**
     * Netty settings for the status API, set before Netty's first use unless the JVM's command line
     * sets them; both only keep setup off the path to the API's first answer. The unpooled allocator:
     * a few small requests need no pool, and Netty's adaptive default sets up magazines and JFR
     * events. Ignoring -XX:MaxDirectMemorySize: the launcher sets none, and looking for it reads the
     * JVM's arguments through JMX; the limit is the heap's either way.
     */
    static final Map<String, String> NETTY_SETTINGS =
            Map.of("io.netty.allocator.type", "unpooled", "io.netty.ignoreMaxDirectMemorySize", "true");

    public static void main(String[] args) {
        NETTY_SETTINGS.forEach((name, value) -> {
            if (System.getProperty(name) == null) {
                System.setProperty(name, value);
            }
        });
        NettyLog.install();
        ExitException.exitWith((out, err) -> {
            try {
                return new Main(out, err, (paths, options) -> Edges.system(paths, options, out)).run(args);
            } catch (Error e) {
                // An error such as OutOfMemoryError escapes run; without this exit the status API's
                // threads would keep a broken installer alive. The unit's failure handling takes over.
                err.println("reinstaller-installer: " + e);
                return ExitCode.FAILED.code();
            }
        });
    }

    /** Parses and runs one command line; returns the exit code. */
    public int run(String... args) {
        List<String> argv = Arrays.asList(args);
        try {
            String command = argv.isEmpty() ? "" : argv.getFirst();
            List<String> rest = argv.isEmpty() ? argv : argv.subList(1, argv.size());
            switch (command) {
                case "run" -> {
                    return subcommand(
                            rest,
                            RunCommand.OPTIONS,
                            RunCommand::usage,
                            parsed -> new RunCommand(out, edges).run(RunCommand.options(parsed)));
                }
                case "authorized-keys" -> {
                    return subcommand(
                            rest,
                            AuthorizedKeysCommand.OPTIONS,
                            () -> AuthorizedKeysCommand.USAGE,
                            parsed -> new AuthorizedKeysCommand(out, err).run(parsed));
                }
                default -> {}
            }
            if (argv.isEmpty()) {
                // Like the agent and the operator CLI: no command is a usage error, the usage on stderr.
                err.print(USAGE);
                err.flush();
                return ExitCode.USAGE.code();
            }
            CommandArgs parsed = CommandArgs.parse(argv, Set.of());
            out.print(parsed.version() && !parsed.help() ? version() : USAGE);
            out.flush();
            return ExitCode.OK.code();
        } catch (UsageException e) {
            err.println("reinstaller-installer: " + e.getMessage());
            err.println("Try 'reinstaller-installer --help' or 'reinstaller-installer run --help'.");
            return ExitCode.USAGE.code();
        } catch (RuntimeException e) {
            err.println("reinstaller-installer: " + e.getMessage());
            e.printStackTrace(err);
            return ExitCode.FAILED.code();
        }
    }

    /** One subcommand: its help or the version when asked for, else {@code body} with the parsed options. */
    private int subcommand(
            List<String> args, Set<String> options, Supplier<String> usage, ToIntFunction<CommandArgs> body) {
        CommandArgs parsed = CommandArgs.parse(args, options);
        if (parsed.help() || parsed.version()) {
            out.print(parsed.help() ? usage.get() : version());
            out.flush();
            return ExitCode.OK.code();
        }
        return body.applyAsInt(parsed);
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return "reinstaller-installer " + (version == null ? "dev" : version) + "\n";
    }
}
