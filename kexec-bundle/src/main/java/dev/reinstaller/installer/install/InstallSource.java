package dev.reinstaller.installer.install;

import dev.reinstaller.installer.secrets.SecretsDir;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.InstallSources;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the installed system comes from: built from the host flake in the ramdisk ({@link Flake}, the
 * default; needs the binary cache and RAM for evaluation), or a system closure the operator built
 * elsewhere and copies into the new pool's store ({@link Closure}; offline, small hosts).
 */
public sealed interface InstallSource {
    /** The store path of a system closure: {@code /nix/store/<32 base32 digits>-<name>}. */
    Pattern STORE_PATH = InstallSources.STORE_PATH;

    /** The cpio file ({@code /reinstaller/closure}) that names a closure instead of {@code --closure}. */
    String CPIO_FILE = BootParameters.fileName(BootParameters.CPIO_CLOSURE);

    /** {@code nixos-install --flake /mnt/persist/etc/nixos#<host>}. */
    record Flake() implements InstallSource {}

    /** {@code nixos-install --system <storePath>}. */
    record Closure(String storePath) implements InstallSource {
        public Closure {
            if (storePath == null || !STORE_PATH.matcher(storePath).matches()) {
                throw new IllegalArgumentException("'" + storePath + "' is not a Nix store path of a system closure"
                        + " (/nix/store/<hash>-<name>)");
            }
        }
    }

    /** Only a build from the flake needs the binary cache. */
    default boolean needsBinaryCache() {
        return switch (this) {
            case Flake f -> true;
            case Closure c -> false;
        };
    }

    /**
     * The source of this run: {@code --closure} when given, else the cpio's {@code closure} file (read
     * from the secrets directory, where params moved it), else the flake.
     */
    static InstallSource of(Optional<String> closureOption, InstallerPaths paths) {
        Optional<String> path = closureOption.or(() -> new SecretsDir(paths)
                .read(CPIO_FILE)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8).strip())
                .filter(text -> !text.isEmpty()));
        return path.<InstallSource>map(Closure::new).orElseGet(Flake::new);
    }
}
