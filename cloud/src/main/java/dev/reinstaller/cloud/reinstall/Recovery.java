package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.hetzner.Action;
import dev.reinstaller.cloud.hetzner.ActionWaiter;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.SshKey;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.Waiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code --on-failure}: what to do through the API with a server that did not come back in time (no
 * ramdisk answered, or the installer reached no end before the deadline). {@code reset} hard-resets it,
 * which boots the old system when nothing was written; {@code rescue} enables the rescue system with
 * the project's SSH keys and then resets into it, where the disk can be looked at or the agent run
 * again with an explicit disk ({@link ReinstallService#reinstallFromRescue}, when a second attempt is
 * given and the first attempt got as far as a plan). Other failures (refusals, preflight, a failed phase) are left alone:
 * the server is up and says what is wrong. The outcome stays a failure, unless the attempt from rescue
 * installed the server; either way the message (or the note) tells what the recovery did.
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
    private final Optional<SecondAttempt> again;

    /** A reinstall from the rescue system (in production {@link ReinstallService#reinstallFromRescue}). */
    @FunctionalInterface
    public interface SecondAttempt {
        ServerOutcome reinstall(Host server, byte[] diskKey, Planned first);
    }

    /** Recovers through the API only; rescue boots the server into rescue and leaves it there. */
    public Recovery(HetznerApi api, Waiter waiter, Mode mode, Duration deadline) {
        this(api, waiter, mode, deadline, Optional.empty());
    }

    /**
     * @param deadline for each action the recovery starts
     * @param again with {@link Mode#RESCUE}: the reinstall to run again from the rescue system
     */
    public Recovery(HetznerApi api, Waiter waiter, Mode mode, Duration deadline, Optional<SecondAttempt> again) {
        this.api = api;
        this.waiter = waiter;
        this.mode = mode;
        this.deadline = deadline;
        this.again = again;
    }

    /** The outcome, recovered through the API where the mode and the failure call for it (no second attempt). */
    public ServerOutcome apply(ServerOutcome outcome) {
        return apply(outcome, Optional.empty());
    }

    /** Like {@link #apply(ServerOutcome)}; with rescue, runs the second attempt with a fresh copy of the key. */
    public ServerOutcome apply(ServerOutcome outcome, Supplier<byte[]> diskKey) {
        return apply(outcome, Optional.of(diskKey));
    }

    private ServerOutcome apply(ServerOutcome outcome, Optional<Supplier<byte[]>> diskKey) {
        return switch (outcome) {
            case ServerOutcome.Done done -> done;
            case ServerOutcome.Failed failed -> {
                if (mode == Mode.NONE
                        || failed.kind() != ServerOutcome.Kind.TIMEOUT
                        || !AFTER_KEXEC.contains(failed.stage())) {
                    yield failed;
                }
                Recovered recovered = recover(failed.server());
                String first = failed.message() + "; " + recovered.message();
                if (!recovered.inRescue() || again.isEmpty() || diskKey.isEmpty()) {
                    yield withMessage(failed, first);
                }
                if (failed.planned().isEmpty()) {
                    yield withMessage(
                            failed, first + "; no plan from the first attempt, so the agent is not run again");
                }
                yield second(failed, first, diskKey.get());
            }
        };
    }

    private ServerOutcome second(ServerOutcome.Failed failed, String first, Supplier<byte[]> diskKey) {
        ServerOutcome retried = again.get()
                .reinstall(failed.server(), diskKey.get(), failed.planned().get());
        return switch (retried) {
            case ServerOutcome.Done done ->
                new ServerOutcome.Done(
                        done.server(),
                        done.ramdiskHostKey(),
                        done.hostKeys(),
                        failed.took().plus(done.took()),
                        done.verification(),
                        "first attempt: " + first + "; installed from the rescue system");
            case ServerOutcome.Failed retry ->
                new ServerOutcome.Failed(
                        retry.server(),
                        retry.stage(),
                        retry.kind(),
                        first + "; the attempt from the rescue system failed in "
                                + retry.stage().wire() + ": " + retry.message(),
                        failed.took().plus(retry.took()),
                        retry.planned());
        };
    }

    private static ServerOutcome.Failed withMessage(ServerOutcome.Failed failed, String message) {
        return new ServerOutcome.Failed(
                failed.server(), failed.stage(), failed.kind(), message, failed.took(), failed.planned());
    }

    /** What the API did, and whether the server now boots into rescue. */
    private record Recovered(String message, boolean inRescue) {}

    private Recovered recover(Host server) {
        if (server.serverId().isEmpty()) {
            return new Recovered("no recovery: " + server + " is not a Hetzner Cloud server", false);
        }
        long id = server.serverId().getAsLong();
        ActionWaiter actions = new ActionWaiter(api, waiter);
        String on = "server " + server;
        try {
            return switch (mode) {
                case NONE -> new Recovered("no recovery", false);
                case RESET -> {
                    Action reset = actions.await(api.reset(id), on, deadline);
                    yield new Recovered(
                            "--on-failure reset: reset (action " + reset.id() + ") done; the old system boots if"
                                    + " nothing was written",
                            false);
                }
                case RESCUE -> {
                    List<Long> keys = api.sshKeys().stream().map(SshKey::id).toList();
                    Action rescue = actions.await(api.enableRescue(id, keys).action(), on, deadline);
                    Action reset = actions.await(api.reset(id), on, deadline);
                    yield new Recovered(
                            "--on-failure rescue: rescue enabled (action " + rescue.id() + ", " + keys.size()
                                    + " SSH keys) and reset (action " + reset.id() + ") done; the server boots into"
                                    + " rescue",
                            true);
                }
            };
        } catch (HetznerException | DeadlineExceededException e) {
            return new Recovered(
                    "--on-failure " + mode.name().toLowerCase(java.util.Locale.ROOT) + " failed: " + e.getMessage(),
                    false);
        }
    }
}
