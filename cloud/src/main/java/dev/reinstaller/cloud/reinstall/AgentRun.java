package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshSession;
import java.time.Duration;

/** How the agent's exits and output map onto a stage's failure, and its {@code install} run. */
final class AgentRun {
    private AgentRun() {}

    static ExecResult.Exited exited(Stage stage, Host server, ExecResult result) {
        return switch (result) {
            case ExecResult.Exited exited -> exited;
            case ExecResult.Disconnected d ->
                throw new StageFailure(
                        stage,
                        ServerOutcome.Kind.REMOTE,
                        stage.wire() + " on " + server + ": the connection dropped",
                        null);
        };
    }

    static void requireOk(Stage stage, Host server, ExecResult.Exited result) {
        if (result.code() != 0) {
            ServerOutcome.Kind kind = switch (result.code()) {
                case 3 -> ServerOutcome.Kind.REFUSED;
                case 5 -> ServerOutcome.Kind.TIMEOUT;
                case 6 -> ServerOutcome.Kind.BAD_INPUT;
                default -> ServerOutcome.Kind.FAILED;
            };
            throw new StageFailure(
                    stage,
                    kind,
                    "reinstaller-agent " + stage.wire() + " on " + server + " exited " + result.code() + ": "
                            + ReinstallService.reason(result.stderr(), "no message"),
                    null);
        }
    }

    /**
     * Runs {@code install} with the disk key on stdin; returns the ramdisk host key it printed. The
     * expected end is a dropped connection (the kexec); an exit 0 is a load without reboot.
     */
    static String install(
            Host server, SshSession session, String command, byte[] diskKey, Duration deadline, Progress progress) {
        ExecResult install = session.exec(command, diskKey, deadline);
        String ramdiskKey = AgentOutput.field(install.stdout(), "ramdiskHostKey")
                .orElseThrow(() -> new StageFailure(
                        Stage.INSTALL,
                        ServerOutcome.Kind.FAILED,
                        "install on " + server + " printed no ramdisk host key: "
                                + ReinstallService.reason(install.stderr(), describe(install)),
                        null));
        switch (install) {
            case ExecResult.Exited exited when exited.code() != 0 -> requireOk(Stage.INSTALL, server, exited);
            case ExecResult.Exited exited -> {}
            case ExecResult.Disconnected disconnected ->
                progress.stage(
                        server,
                        Stage.INSTALL,
                        "disconnected (kexec); ramdisk key " + KnownHosts.fingerprint(ramdiskKey));
        }
        return ramdiskKey;
    }

    private static String describe(ExecResult result) {
        return switch (result) {
            case ExecResult.Exited e -> "exit " + e.code();
            case ExecResult.Disconnected d -> "the connection dropped";
        };
    }
}
