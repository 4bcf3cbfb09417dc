package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.ActionWaiter;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.hetzner.SshKey;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * {@code --on-failure}: what to do through the API with a server that did not come back in time (no
 * ramdisk answered, or the installer reached no end before the deadline). {@code reset} hard-resets it,
 * which boots the old system when nothing was written; {@code rescue} enables the rescue system with
 * the project's SSH keys and then resets into it, where the disk can be looked at or the agent run
 * again with an explicit disk. Other failures (refusals, preflight, a failed phase) are left alone:
 * the server is up and says what is wrong. The outcome stays a failure; its message tells what the
 * recovery did.
 */
public final class Recovery {
    /** How to recover. */
    public enum Mode {
        NONE,
        RESET,
        RESCUE
    }

    static final Set<Stage> AFTER_KEXEC = Set.of(Stage.RAMDISK, Stage.FOLLOW);

    private final HetznerApi api;
    private final Waiter waiter;
    private final Mode mode;
    private final Duration deadline;

    /** @param deadline for each action the recovery starts */
    public Recovery(HetznerApi api, Waiter waiter, Mode mode, Duration deadline) {
        this.api = api;
        this.waiter = waiter;
        this.mode = mode;
        this.deadline = deadline;
    }

    /** The outcome, recovered through the API where the mode and the failure call for it. */
    public ServerOutcome apply(ServerOutcome outcome) {
        return switch (outcome) {
            case ServerOutcome.Done done -> done;
            case ServerOutcome.Failed failed -> {
                if (mode == Mode.NONE
                        || failed.kind() != ServerOutcome.Kind.TIMEOUT
                        || !AFTER_KEXEC.contains(failed.stage())) {
                    yield failed;
                }
                yield new ServerOutcome.Failed(
                        failed.server(),
                        failed.stage(),
                        failed.kind(),
                        failed.message() + "; " + recover(failed.server()),
                        failed.took());
            }
        };
    }

    private String recover(Server server) {
        ActionWaiter actions = new ActionWaiter(api, waiter);
        String on = "server " + server;
        try {
            return switch (mode) {
                case NONE -> "no recovery";
                case RESET -> {
                    Action reset = actions.await(api.reset(server.id()), on, deadline);
                    yield "--on-failure reset: reset (action " + reset.id() + ") done; the old system boots if"
                            + " nothing was written";
                }
                case RESCUE -> {
                    List<Long> keys = api.sshKeys().stream().map(SshKey::id).toList();
                    Action rescue =
                            actions.await(api.enableRescue(server.id(), keys).action(), on, deadline);
                    Action reset = actions.await(api.reset(server.id()), on, deadline);
                    yield "--on-failure rescue: rescue enabled (action " + rescue.id() + ", " + keys.size()
                            + " SSH keys) and reset (action " + reset.id() + ") done; the server boots into rescue";
                }
            };
        } catch (HetznerException | DeadlineExceededException e) {
            return "--on-failure " + mode.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e.getMessage();
        }
    }
}
