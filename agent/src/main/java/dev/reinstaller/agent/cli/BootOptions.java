package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the installer is told besides the runtime info: the confirmation token, its watchdog deadline
 * and what it does once the pool is exported. {@code install}, {@code cmdline} and {@code grub} share
 * these, so a manual boot can ask for everything a kexec install can.
 */
final class BootOptions {
    @Option(
            names = "--confirm",
            paramLabel = "TOKEN",
            description = "The confirmation token `plan` prints; with it the installer wipes without waiting.")
    String confirm;

    @Option(names = "--deadline", paramLabel = "SECONDS", description = "Installer watchdog deadline (default 900).")
    Long deadline;

    @Option(
            names = "--after",
            paramLabel = "reboot|poweroff",
            description = "What the installer does once the pool is exported: reboot (default) into the new system,"
                    + " or poweroff, to snapshot the server or move its disk before the first boot.")
    String after;

    Optional<String> confirm() {
        return Optional.ofNullable(confirm);
    }

    Optional<Duration> deadline() {
        return Optional.ofNullable(deadline).map(Duration::ofSeconds);
    }

    After after() {
        if (after == null) {
            return After.REBOOT;
        }
        return After.fromParameter(after)
                .orElseThrow(() -> new ExitException(ExitCode.USAGE, "--after takes reboot or poweroff"));
    }
}
