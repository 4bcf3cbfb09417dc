package dev.reinstaller.cloud.cli;

import dev.reinstaller.cli.Program;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code reinstaller}: the operator's CLI. Only {@link #main} exits; {@link #run} returns the exit code
 * so tests can call it.
 */
@Command(
        description = "Reinstalls servers (Hetzner Cloud, or any host over SSH) into NixOS on encrypted ZFS"
                + " through a kexec'd ramdisk.")
public final class Main implements Runnable {

    private static final Logger SSHD_LOG = Logger.getLogger("org.apache.sshd");

    /** The operator CLI, with the cases it reports with each exit code, for its help; 0 means every server. */
    private static final Program PROGRAM = new Program(
            "reinstaller",
            Map.of(
                    ExitCode.OK, "every host",
                    ExitCode.REFUSED, "preflight, host key, confirmation",
                    ExitCode.REMOTE, "Hetzner API, SSH peer, installer",
                    ExitCode.BAD_INPUT, "key file, HCLOUD_ENDPOINT, agent output"));

    private final CloudContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public Main(CloudContext context) {
        this.context = context;
    }

    public static void main(String[] args) {
        SSHD_LOG.setLevel(Level.SEVERE);
        ExitException.exitWith((out, err) -> new Main(CloudContext.system(out, err)).run(args));
    }

    /** Parses and runs one command line; returns the exit code. */
    public int run(String... args) {
        return commandLine().execute(args);
    }

    CommandLine commandLine() {
        CommandLine cli = new CommandLine(this);
        CommandLine hetzner = new CommandLine(new HetznerCommand());
        hetzner.addSubcommand("reinstall", new ReinstallCommand(context));
        hetzner.addSubcommand("recreate-test-vm", new RecreateTestVmCommand(context, this));
        cli.addSubcommand("hetzner", hetzner);
        CommandLine sshHosts = new CommandLine(new SshHostsCommand());
        sshHosts.addSubcommand("reinstall", new SshReinstallCommand(context));
        cli.addSubcommand("ssh", sshHosts);
        cli.addSubcommand("unlock", new UnlockCommand(context));
        cli.addSubcommand("status", new StatusCommand(context));
        CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
        completion.getCommandSpec().usageMessage().hidden(false);
        cli.addSubcommand("generate-completion", completion);
        return PROGRAM.frame(cli, context.out(), context.err(), Main::badSetting);
    }

    @Override
    public void run() {
        spec.commandLine().usage(context.err());
    }

    /** A bad HCLOUD_ENDPOINT or token is bad input (exit 6), like a bad option value. */
    private static Exception badSetting(Exception ex) {
        return ex instanceof HetznerConfig.InvalidSetting bad
                ? new ExitException(ExitCode.BAD_INPUT, bad.getMessage(), bad)
                : ex;
    }
}
