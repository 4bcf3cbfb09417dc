package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.unlock.Unlocker;
import dev.reinstaller.cloud.wait.Poll;
import java.util.List;
import java.util.Optional;

/**
 * After the installer rebooted into the new system: wait for the new initrd's SSH server (port 2222,
 * pinned to the initrd key the installer reported) and send it the pool passphrase, the way
 * {@code reinstaller unlock} does; then wait for the installed host (port 22, pinned to its reported
 * key; the ramdisk's key may still answer for a moment and is waited out) and check it against runtime
 * info: {@code hostname}, {@code zpool list -H -o name,health rpool}, {@code ip -j addr}. Each wait has
 * its own deadline ({@link Deadlines#boot()}) and its message names the address and port it stopped at.
 */
final class PostInstall {
    static final List<String> CHECKS = List.of("hostname", "zpool list -H -o name,health rpool", "ip -j addr");

    private final PhaseContext context;

    PostInstall(PhaseContext context) {
        this.context = context;
    }

    /** Unlocks and verifies, telling {@code where} each stage it enters. */
    Verification run(
            Host server,
            SshTarget target,
            List<InstalledKey> keys,
            String ramdiskKey,
            Planned planned,
            byte[] diskKey,
            AttemptListener where) {
        where.entered(Stage.UNLOCK);
        unlock(
                server,
                target.withPort(context.settings().initrdPort()),
                pin(keys, InstalledKey.INITRD, Stage.UNLOCK),
                diskKey);
        where.entered(Stage.VERIFY);
        Verification verification = verify(target, pin(keys, InstalledKey.SSH, Stage.VERIFY), ramdiskKey, planned);
        context.progress().stage(server, Stage.VERIFY, verification.summary());
        if (!verification.ok()) {
            throw new StageFailure(
                    Stage.VERIFY,
                    ServerOutcome.Kind.REMOTE,
                    "the installed host " + target.describe() + " differs from its runtime info: "
                            + verification.differences(),
                    null);
        }
        return verification;
    }

    private static HostKeyPolicy pin(List<InstalledKey> keys, String purpose, Stage stage) {
        InstalledKey key = keys.stream()
                .filter(k -> k.purpose().equals(purpose))
                .findFirst()
                .orElseThrow(() -> new StageFailure(
                        stage,
                        ServerOutcome.Kind.REMOTE,
                        "the installer reported no " + purpose + " host key, so there is nothing to pin; unlock"
                                + " and check the host by hand",
                        null));
        return new HostKeyPolicy.Pinned(key.publicKey().orElse(key.sha256()), Optional.empty());
    }

    private void unlock(Host server, SshTarget initrd, HostKeyPolicy pinned, byte[] diskKey) {
        Deadlines d = context.settings().deadlines();
        Unlocker unlocker = new Unlocker(context.ssh());
        String said = context.waiter()
                .until(
                        "unlock the pool through the new initrd at " + initrd.describe(),
                        d.boot(),
                        RamdiskPhase.RECONNECT,
                        () -> {
                            Unlocker.Ended ended;
                            try {
                                ended = unlocker.unlock(initrd, pinned, diskKey, d.connect(), d.connect());
                            } catch (SshException e) {
                                return switch (e.kind()) {
                                    case UNREACHABLE, TIMEOUT, DISCONNECTED -> Poll.again(e.getMessage());
                                    case HOST_KEY, AUTH, IO -> throw e;
                                };
                            }
                            return switch (ended.kind()) {
                                case UNLOCKED -> Poll.done(ended.message());
                                case NOT_READY ->
                                    Poll.again("the initrd has not imported rpool yet: " + ended.message());
                                case WRONG_KEY ->
                                    throw new StageFailure(
                                            Stage.UNLOCK,
                                            ServerOutcome.Kind.BAD_INPUT,
                                            "the initrd at " + initrd.describe() + " refused the passphrase: "
                                                    + ended.message(),
                                            null);
                                case FAILED ->
                                    throw new StageFailure(
                                            Stage.UNLOCK, ServerOutcome.Kind.REMOTE, ended.message(), null);
                            };
                        });
        context.progress()
                .stage(
                        server,
                        Stage.UNLOCK,
                        "unlocked through " + initrd.describe() + (said.isEmpty() ? "" : ": " + said));
    }

    private Verification verify(SshTarget host, HostKeyPolicy pinned, String ramdiskKey, Planned planned) {
        Deadlines d = context.settings().deadlines();
        try (SshSession session = new Successor(context.ssh(), context.waiter(), d.connect())
                .connect(
                        "reach the installed host at " + host.describe() + " by SSH",
                        host,
                        pinned,
                        ramdiskKey,
                        "the ramdisk still answers",
                        d.boot())) {
            String hostName = run(session, host, CHECKS.get(0)).strip();
            String pool = run(session, host, CHECKS.get(1)).strip();
            String addresses = run(session, host, CHECKS.get(2));
            return InstalledHostCheck.compare(planned.info(), hostName, pool, addresses);
        }
    }

    private String run(SshSession session, SshTarget host, String command) {
        ExecResult result = session.exec(
                command, new byte[0], context.settings().deadlines().connect());
        return switch (result) {
            case ExecResult.Exited exited when exited.code() == 0 -> exited.stdout();
            case ExecResult.Exited exited ->
                throw new StageFailure(
                        Stage.VERIFY,
                        ServerOutcome.Kind.REMOTE,
                        "`" + command + "` on the installed host " + host.describe() + " exited " + exited.code() + ": "
                                + ReinstallService.reason(exited.stderr(), "no message"),
                        null);
            case ExecResult.Disconnected dropped ->
                throw new StageFailure(
                        Stage.VERIFY,
                        ServerOutcome.Kind.REMOTE,
                        "`" + command + "` on the installed host " + host.describe() + ": the connection dropped",
                        null);
        };
    }
}
