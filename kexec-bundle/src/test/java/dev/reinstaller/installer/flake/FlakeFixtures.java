package dev.reinstaller.installer.flake;

import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runtime-info fixtures of {@code nix/tests/fixtures} (the same hosts the Nix lib is tested with)
 * and the ramdisk inputs file of the tests ({@code /flake/inputs.json}).
 */
public final class FlakeFixtures {
    public static final Path DIR = Path.of("nix/tests/fixtures").toAbsolutePath();

    private FlakeFixtures() {}

    /** Fixture names without {@code .json}, sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RuntimeInfo info(String name) {
        try {
            return RuntimeInfoJson.read(Files.readAllBytes(DIR.resolve(name + ".json")), name)
                    .orThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes of the test inputs file, as the ramdisk module writes it. */
    public static byte[] inputsJson() {
        try (InputStream in = FlakeFixtures.class.getResourceAsStream("/flake/inputs.json")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test inputs, parsed as the installer parses them. */
    public static FlakeInputs inputs(Path scratchRoot) {
        try {
            Path file = scratchRoot.resolve("etc/reinstaller/inputs.json");
            Files.createDirectories(file.getParent());
            Files.write(file, inputsJson());
            return FlakeInputs.read(new dev.reinstaller.installer.system.InstallerPaths(scratchRoot));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
