package dev.reinstaller.installer.install;

import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code install}: {@code nixos-install --root /mnt --no-root-passwd --no-channel-copy}, from the host
 * flake ({@code --flake /mnt/persist/etc/nixos#<host>}) or from a closure ({@code --system <path>}), through the
 * {@link DiskWriter} with {@code TMPDIR} on the new pool ({@code /mnt/tmp}, so builds do not fill the
 * ramdisk's RAM). Every output line becomes a log event while it runs; a non-zero exit fails the phase
 * with the last lines. {@code /mnt/tmp} is removed afterwards.
 *
 * <p>A closure is copied by the operator into the new pool's store once {@code zfs} mounted it, for
 * example {@code nix copy --to 'ssh-ng://root@HOST?remote-store=local?root=/mnt' /nix/store/...}; this
 * phase waits for it (a {@link Event.Waiting} event) until {@code closureWait} passes, asking
 * {@code nix-store --store /mnt --check-validity} (through the disk writer too: opening the new
 * pool's store may create its database).
 *
 * <p>No {@code /persist} link is made in the ramdisk: the only reader of {@code /persist} during the
 * install is the boot loader's initrd-secrets step (the initrd's SSH host key), and nixos-install
 * runs it inside {@code nixos-enter}'s chroot, where {@code /persist} is the new pool's dataset.
 *
 * @param source this run's source, asked when the phase runs (the cpio may name a closure)
 * @param timeout how long nixos-install may run
 * @param closureWait how long to wait for a closure to arrive in {@code /mnt/nix/store}
 */
public record InstallPhase(
        Events events,
        Clock clock,
        DiskWriter disk,
        Supplier<InstallSource> source,
        Duration timeout,
        Duration closureWait)
        implements PhaseAction {
    static final String TMP = DiskLayout.ROOT + "/tmp";
    static final Duration SMALL_STEP = Duration.ofMinutes(1);
    static final int TAIL = 20;

    @Override
    public void run(RunState state) {
        List<String> argv = new ArrayList<>(
                List.of("nixos-install", "--root", DiskLayout.ROOT, "--no-root-passwd", "--no-channel-copy"));
        switch (source.get()) {
            case InstallSource.Flake f -> {
                String host = state.info().info().hostName();
                argv.addAll(List.of("--flake", DiskLayout.FLAKE_DIR + "#" + host));
            }
            case InstallSource.Closure c -> {
                awaitClosure(c.storePath());
                argv.addAll(List.of("--system", c.storePath()));
            }
        }
        disk.run(List.of("mkdir", "-p", TMP), SMALL_STEP).orThrow();
        disk.run(List.of("chmod", "1777", TMP), SMALL_STEP).orThrow();
        Deque<String> tail = new ArrayDeque<>();
        int code = disk.stream(argv, Map.of("TMPDIR", TMP), timeout, line -> {
            events.log(Phase.INSTALL, line);
            synchronized (tail) {
                tail.addLast(line);
                if (tail.size() > TAIL) {
                    tail.removeFirst();
                }
            }
        });
        if (code != 0) {
            String last;
            synchronized (tail) {
                last = String.join(" | ", tail);
            }
            throw InstallerException.permanent(
                    String.join(" ", argv) + " exited with " + code + (last.isEmpty() ? "" : "; last lines: " + last));
        }
        disk.run(List.of("rm", "-rf", TMP), SMALL_STEP).orThrow();
        events.log(Phase.INSTALL, "installed the system into /mnt with " + String.join(" ", argv));
    }

    private void awaitClosure(String storePath) {
        Instant deadline = clock.after(closureWait);
        List<String> check = List.of("nix-store", "--store", DiskLayout.ROOT, "--check-validity", storePath);
        if (valid(check)) {
            return;
        }
        events.emit(new Event.Waiting(
                Phase.INSTALL,
                "system closure " + storePath + " in /mnt/nix/store (nix copy --to"
                        + " 'ssh-ng://root@HOST?remote-store=local?root=/mnt' " + storePath + ")",
                deadline));
        Optional<Boolean> arrived = Waits.poll(
                clock,
                deadline,
                Duration.ofSeconds(2),
                Duration.ofSeconds(15),
                () -> valid(check) ? Optional.of(true) : Optional.empty());
        if (arrived.isEmpty()) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT,
                    "system closure " + storePath + " did not arrive in /mnt/nix/store within "
                            + closureWait.toMinutes() + " min");
        }
    }

    private boolean valid(List<String> check) {
        return disk.run(check, SMALL_STEP).ok();
    }
}
