package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.Waiter;
import dev.reinstaller.protocol.After;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One server's reinstall: the old host's steps up to the kexec ({@link OldHostPhase}), the ramdisk
 * followed through a pinned tunnel ({@link RamdiskPhase}, which also copies a closure), then, once the
 * installer reboots into the new system, unlocking its initrd and verifying it ({@link PostInstall}).
 * Every wait has a deadline; a failure names the stage it stopped in and carries what the plan found.
 * {@link #reinstallFromRescue} is the same flow started from the rescue system, for the same disk.
 */
public final class ReinstallService {
    private final PhaseContext phase;
    private final HttpClient http;
    private final Addressing addressing;
    private final LocalProcesses local;

    /** @param local runs {@code nix copy} on this machine when a closure is installed */
    public ReinstallService(
            Ssh ssh,
            Waiter waiter,
            ReinstallSettings settings,
            Progress progress,
            HttpClient http,
            Addressing addressing,
            LocalProcesses local) {
        this.phase = new PhaseContext(ssh, waiter, settings, progress);
        this.http = http;
        this.addressing = addressing;
        this.local = local;
    }

    /** Reinstalls {@code server}; {@code diskKey} is this server's own copy and is wiped here. */
    public ServerOutcome reinstall(Host server, byte[] diskKey) {
        return attempt(server, diskKey, Optional.empty());
    }

    /**
     * Reinstalls {@code server} from its rescue system, on the disk {@code first} found and with its
     * runtime info; {@code diskKey} is wiped here.
     */
    public ServerOutcome reinstallFromRescue(Host server, byte[] diskKey, Planned first) {
        return attempt(server, diskKey, Optional.of(first));
    }

    private ServerOutcome attempt(Host server, byte[] diskKey, Optional<Planned> rescueOf) {
        Instant start = phase.waiter().clock().instant();
        Where where = new Where(rescueOf);
        try {
            ServerOutcome outcome = run(server, diskKey, rescueOf, where, start);
            phase.progress().finished(outcome);
            return outcome;
        } catch (StageFailure e) {
            return failed(server, e.stage(), e.kind(), e.getMessage(), start, where.planned);
        } catch (SshException e) {
            return failed(server, where.stage, kind(e), e.getMessage(), start, where.planned);
        } catch (DeadlineExceededException e) {
            return failed(server, where.stage, ServerOutcome.Kind.TIMEOUT, e.getMessage(), start, where.planned);
        } catch (RuntimeException e) {
            return failed(server, where.stage, ServerOutcome.Kind.FAILED, e.toString(), start, where.planned);
        } finally {
            Arrays.fill(diskKey, (byte) 0);
        }
    }

    private ServerOutcome run(
            Host server, byte[] diskKey, Optional<Planned> rescueOf, AttemptListener where, Instant start) {
        SshTarget host = target(server);
        OldHostPhase.Started started = new OldHostPhase(phase).run(server, host, diskKey, rescueOf, where);
        where.entered(Stage.RAMDISK);
        RamdiskPhase.Installed installed = new RamdiskPhase(phase, new InstallerFollower(http), local)
                .follow(
                        server,
                        host,
                        started.hostKey(),
                        started.ramdiskKey(),
                        started.planned().token(),
                        diskKey,
                        where);
        Optional<Verification> verification = Optional.empty();
        if (phase.settings().unlock() && installed.rebootsIntoNew()) {
            verification = Optional.of(new PostInstall(phase)
                    .run(server, host, installed.hostKeys(), started.ramdiskKey(), started.planned(), diskKey, where));
        }
        List<String> notes = new ArrayList<>();
        started.firstUse().ifPresent(f -> notes.add("old host key " + f + " trusted on first use"));
        rescueOf.ifPresent(p -> notes.add("installed from the rescue system"));
        if (phase.settings().after() == After.POWEROFF) {
            notes.add("powered off as asked (--after poweroff): not unlocked or verified");
        }
        return new ServerOutcome.Done(
                server,
                KnownHosts.fingerprint(started.ramdiskKey()),
                installed.hostKeys(),
                Duration.between(start, phase.waiter().clock().instant()),
                verification,
                String.join("; ", notes));
    }

    SshTarget target(Host server) {
        return addressing.of(server);
    }

    /**
     * Why the agent failed, from its stderr: the last line that is not a warning (warnings can come
     * after the refusal), else the last line, without the program's name; {@code otherwise} when
     * stderr is empty.
     */
    static String reason(String text, String otherwise) {
        List<String> lines = text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(l -> l.replaceFirst("^reinstaller-agent: ", ""))
                .toList();
        return lines.reversed().stream()
                .filter(l -> !l.startsWith("warning:"))
                .findFirst()
                .or(() -> lines.isEmpty() ? Optional.empty() : Optional.of(lines.getLast()))
                .orElse(otherwise);
    }

    /** Quotes a word for the remote shell. */
    static String shellWord(String token) {
        return "'" + token.replace("'", "'\\''") + "'";
    }

    static ServerOutcome.Kind kind(SshException e) {
        return switch (e.kind()) {
            case HOST_KEY -> ServerOutcome.Kind.REFUSED;
            case TIMEOUT -> ServerOutcome.Kind.TIMEOUT;
            case UNREACHABLE, DISCONNECTED, AUTH -> ServerOutcome.Kind.REMOTE;
            case IO -> ServerOutcome.Kind.FAILED;
        };
    }

    /** The stage an attempt is in and the plan it found, as its phases report them. */
    private static final class Where implements AttemptListener {
        private volatile Stage stage = Stage.CONNECT;
        private volatile Optional<Planned> planned;

        Where(Optional<Planned> rescueOf) {
            this.planned = rescueOf;
        }

        @Override
        public void entered(Stage now) {
            stage = now;
        }

        @Override
        public void planned(Planned found) {
            planned = Optional.of(found);
        }
    }

    private ServerOutcome failed(
            Host server,
            Stage stage,
            ServerOutcome.Kind kind,
            String message,
            Instant start,
            Optional<Planned> planned) {
        ServerOutcome outcome = new ServerOutcome.Failed(
                server,
                stage,
                kind,
                message,
                Duration.between(start, phase.waiter().clock().instant()),
                planned);
        phase.progress().finished(outcome);
        return outcome;
    }
}
