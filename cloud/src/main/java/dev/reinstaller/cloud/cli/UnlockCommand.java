package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.reinstall.Deadlines;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.unlock.Unlocker;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.time.Duration;
import java.util.Arrays;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reinstaller unlock}: the pool passphrase to an installed server's initrd, over SSH on port 2222. */
@Command(
        name = "unlock",
        mixinStandardHelpOptions = true,
        description = {
            "Unlock an installed server's encrypted pool.",
            "SSH to its initrd (port 2222, host key from --known-hosts) and send the passphrase on standard",
            "input. Without a key option, asks on the terminal."
        })
final class UnlockCommand extends SshCommand {
    @Mixin
    HostOption host = new HostOption();

    @Option(
            names = "--port",
            paramLabel = "PORT",
            defaultValue = "" + Unlocker.PORT,
            description = "The initrd's SSH port (default 2222).")
    int port;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "120",
            description = "Wait for the unlock to end (default 120).")
    long timeout;

    @Mixin
    DiskKeyOptions diskKey = new DiskKeyOptions();

    UnlockCommand(CloudContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        SshTarget target = host.target(context, ssh, port);
        byte[] key = diskKey.none()
                ? DiskKeyOptions.prompt(context, "Pool passphrase for " + target.describe() + ": ")
                : diskKey.read(context);
        Ssh client = context.ssh().get();
        try {
            Unlocker.Ended ended = new Unlocker(client)
                    .unlock(target, ssh.policy(context), key, Deadlines.DEFAULT.connect(), Duration.ofSeconds(timeout));
            return switch (ended.kind()) {
                case UNLOCKED -> {
                    context.out().println(ended.message());
                    context.out().flush();
                    yield ExitCode.OK.code();
                }
                case WRONG_KEY -> throw new ExitException(ExitCode.BAD_INPUT, ended.message());
                case NOT_READY -> throw new ExitException(ExitCode.REMOTE, ended.message());
                case FAILED -> throw new ExitException(ExitCode.REMOTE, ended.message());
            };
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (SshException e) {
            throw SshFailures.exit(e);
        } finally {
            Arrays.fill(key, (byte) 0);
            Closing.quietly(client);
        }
    }
}
