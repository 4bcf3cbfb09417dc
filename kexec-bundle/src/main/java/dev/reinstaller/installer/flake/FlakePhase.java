package dev.reinstaller.installer.flake;

import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.layout.DiskLayout;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.secrets.SecretsDir;
import dev.reinstaller.installer.system.DiskWriter;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code flake}: writes the host flake ({@link HostFlake}) to {@link DiskLayout#FLAKE_DIR} (the installed host
 * links {@code /etc/nixos} there): {@code flake.nix},
 * {@code flake.lock} and {@code runtime-info.json}, through the {@link DiskWriter}. None of them holds a
 * secret: runtime info never does, and the inputs are public sources.
 *
 * <p>The operator's own flake comes from {@code --extra-flake URL} or, failing that, from the file
 * {@code extra-flake} of the appended cpio ({@code /reinstaller/extra-flake}, one line). The inputs
 * file of the ramdisk image is checked before the run starts ({@link #unavailable}), so a ramdisk
 * without it never reaches the point of no return.
 */
public record FlakePhase(InstallerPaths paths, Events events, DiskWriter disk, Optional<String> extraOption)
        implements PhaseAction {
    static final String EXTRA_FILE = BootParameters.fileName(BootParameters.CPIO_EXTRA_FLAKE);

    @Override
    public Optional<String> unavailable() {
        try {
            FlakeInputs.read(paths);
            return Optional.empty();
        } catch (InstallerException e) {
            return Optional.of("the flake phase cannot run: " + e.getMessage());
        }
    }

    @Override
    public void run(RunState state) {
        RuntimeInfo info = state.info().info();
        FlakeInputs inputs = FlakeInputs.read(paths);
        HostFlake flake;
        try {
            flake = new HostFlake(info.hostName(), inputs, extra());
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent("cannot write the host flake: " + e.getMessage());
        }
        disk.writeFile(DiskLayout.FLAKE_DIR + "/flake.nix", flake.flakeNix().getBytes(StandardCharsets.UTF_8), false);
        disk.writeFile(DiskLayout.FLAKE_DIR + "/flake.lock", flake.flakeLock().getBytes(StandardCharsets.UTF_8), false);
        disk.writeFile(
                DiskLayout.FLAKE_DIR + "/runtime-info.json",
                (RuntimeInfoJson.toPrettyString(info) + "\n").getBytes(StandardCharsets.UTF_8),
                false);
        if (!inputs.reinstaller().ref().fetchable()) {
            events.log(
                    Phase.FLAKE,
                    "the bundle was built from a tree without a commit: the flake's reinstaller input is the"
                            + " store path " + inputs.reinstaller().url() + ", which the installed host cannot"
                            + " fetch again; point it at a published revision before rebuilding there");
        }
        events.log(
                Phase.FLAKE,
                "host flake in " + DiskLayout.FLAKE_DIR + ": nixosConfigurations." + info.hostName()
                        + " from reinstaller "
                        + inputs.reinstaller().url() + " and nixpkgs "
                        + inputs.nixpkgs().url()
                        + flake.extra()
                                .map(url -> ", operator modules from " + url)
                                .orElse(""));
    }

    /** The operator's flake: the option, else the cpio's file, else none. */
    Optional<String> extra() {
        if (extraOption.isPresent()) {
            return extraOption;
        }
        return new SecretsDir(paths)
                .read(EXTRA_FILE)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .filter(url -> !url.isEmpty());
    }
}
