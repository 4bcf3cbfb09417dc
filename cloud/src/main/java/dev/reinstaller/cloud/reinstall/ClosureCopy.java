package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.local.LocalProcesses;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Copies the operator's prebuilt system closure into the new pool's store while the installer waits
 * for it: {@code nix copy --to 'ssh-ng://root@HOST?remote-store=local?root=/mnt' PATH} on the
 * operator's machine. Nix's own {@code ssh} checks the ramdisk's host key against a known_hosts file
 * made for this one copy, holding only the key the agent printed ({@code StrictHostKeyChecking=yes},
 * the user's and the system's known_hosts ignored), so it talks to the same ramdisk the tunnel is
 * pinned to. The options travel in {@code NIX_SSHOPTS}, which Nix splits at white space: a path with
 * white space in it is refused rather than cut. {@code --no-check-sigs}: the closure is the
 * operator's own build, signed by nobody; the pinned host key is what makes the copy trustworthy.
 */
final class ClosureCopy {
    private final LocalProcesses processes;

    ClosureCopy(LocalProcesses processes) {
        this.processes = processes;
    }

    /** The argv of the copy. */
    static List<String> argv(SshTarget ramdisk, String storePath) {
        String host = ramdisk.host().contains(":") ? "[" + ramdisk.host() + "]" : ramdisk.host();
        return List.of(
                "nix",
                "--extra-experimental-features",
                "nix-command",
                "copy",
                "--no-check-sigs",
                "--to",
                "ssh-ng://" + ramdisk.user() + "@" + host + "?remote-store=local?root=/mnt",
                storePath);
    }

    /** {@code NIX_SSHOPTS}: the pinned known_hosts, the port and the operator's identities. */
    static String sshOptions(SshTarget ramdisk, Path knownHosts) {
        List<String> options = new ArrayList<>(List.of(
                "-o",
                "UserKnownHostsFile=" + knownHosts,
                "-o",
                "GlobalKnownHostsFile=/dev/null",
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "BatchMode=yes",
                "-p",
                Integer.toString(ramdisk.port())));
        for (Path identity : ramdisk.identities()) {
            options.addAll(List.of("-i", identity.toString()));
        }
        for (String option : options) {
            if (option.chars().anyMatch(Character::isWhitespace)) {
                throw new StageFailure(
                        Stage.CLOSURE,
                        ServerOutcome.Kind.BAD_INPUT,
                        "cannot pass '" + option + "' to nix copy: NIX_SSHOPTS is split at white space",
                        null);
            }
        }
        return String.join(" ", options);
    }

    /**
     * Runs the copy and returns a line saying what was copied.
     *
     * @param ramdiskKey the ramdisk's public key line, the only key the copy accepts
     * @throws StageFailure ({@link Stage#CLOSURE}) when nix is missing, fails or runs past {@code deadline}
     */
    String copy(SshTarget ramdisk, String ramdiskKey, String storePath, Duration deadline, Consumer<String> lines) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("reinstaller-nix-copy-");
            Path knownHosts = dir.resolve("known_hosts");
            Files.writeString(
                    knownHosts,
                    KnownHosts.pattern(ramdisk.host(), ramdisk.port()) + " " + KnownHosts.typeAndBlob(ramdiskKey)
                            + "\n",
                    StandardCharsets.UTF_8);
            List<String> argv = argv(ramdisk, storePath);
            String what = "copy " + storePath + " to " + ramdisk.describe() + " (" + String.join(" ", argv) + ")";
            LocalProcesses.Ended ended =
                    processes.run(argv, Map.of("NIX_SSHOPTS", sshOptions(ramdisk, knownHosts)), deadline, lines);
            return switch (ended) {
                case LocalProcesses.Ended.Exited exited
                when exited.code() == 0 -> "copied " + storePath + " into /mnt/nix/store of " + ramdisk.describe();
                case LocalProcesses.Ended.Exited exited ->
                    throw failure(ServerOutcome.Kind.FAILED, what + " exited " + exited.code() + tail(exited.tail()));
                case LocalProcesses.Ended.NotStarted notStarted ->
                    throw failure(
                            ServerOutcome.Kind.FAILED,
                            what + ": nix did not start (" + notStarted.reason() + "); install Nix on this machine");
                case LocalProcesses.Ended.TimedOut timedOut ->
                    throw failure(
                            ServerOutcome.Kind.TIMEOUT,
                            what + ": not done within " + deadline.toSeconds() + " s" + tail(timedOut.tail()));
            };
        } catch (IOException e) {
            throw new StageFailure(
                    Stage.CLOSURE,
                    ServerOutcome.Kind.FAILED,
                    "cannot write the known_hosts file for nix copy: " + e.getMessage(),
                    e);
        } finally {
            delete(dir);
        }
    }

    private static StageFailure failure(ServerOutcome.Kind kind, String message) {
        return new StageFailure(
                Stage.CLOSURE,
                kind,
                message + "; the installer keeps waiting until its deadline, so the copy can be run by hand",
                null);
    }

    private static String tail(List<String> lines) {
        return lines.isEmpty() ? "" : "; last lines: " + String.join(" | ", lines);
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A temporary known_hosts holds only a public key; a leftover is harmless.
        }
    }
}
