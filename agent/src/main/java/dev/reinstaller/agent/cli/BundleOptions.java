package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.Result;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --bundle DIR}: the kexec bundle (kernel, initrd, manifest.json). */
final class BundleOptions {
    @Option(
            names = "--bundle",
            paramLabel = "DIR",
            description = "Bundle directory holding manifest.json, the kernel and the initrd.")
    Path directory;

    BundleManifest manifest() {
        Path file = directory.resolve(BundleManifest.FILE_NAME);
        return switch (BundleManifest.read(Cli.read("--bundle", file, BoundedInput.JSON_CAP))) {
            case Result.Ok<BundleManifest> ok -> ok.value();
            case Result.Error<BundleManifest> error -> throw Cli.badInput(error.error());
        };
    }

    boolean given() {
        return directory != null;
    }
}
