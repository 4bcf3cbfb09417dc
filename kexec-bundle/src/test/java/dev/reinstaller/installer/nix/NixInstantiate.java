package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's {@code nix-instantiate} (nix-bin, installed by scripts/setup) on the files under
 * {@code kexec-bundle/nix}, offline and without the full nixpkgs: {@code --store dummy://} needs
 * neither a daemon nor a writable /nix, so it works for any user. Modules are evaluated with
 * nixpkgs's real lib ({@link #nixpkgsLib}). Every run has a deadline.
 */
final class NixInstantiate {
    static final Path NIX_DIR = Path.of("nix").toAbsolutePath();
    static final Path FLAKE = Path.of("flake.nix").toAbsolutePath();
    static final Path TESTS = NIX_DIR.resolve("tests");

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static String nixpkgsLib;

    private final Path executable;

    private NixInstantiate(Path executable) {
        this.executable = executable;
    }

    /** The tool, or the test is skipped with the reason: only when nix-instantiate is not installed. */
    static NixInstantiate require() {
        Optional<Path> found = onPath("nix-instantiate");
        assumeTrue(
                found.isPresent(),
                "nix-instantiate is not on PATH: install Debian's nix-bin (scripts/setup does) to run the Nix checks");
        return new NixInstantiate(found.orElseThrow());
    }

    /**
     * nixpkgs's lib as a Nix path expression, from tests/nixpkgs-lib (the vendored tarball beside
     * the checkout, or fetched by its hash). Missing, it fails the test with what is missing: it
     * never skips, so CI cannot pass without the real module system.
     */
    static synchronized String nixpkgsLib() {
        if (nixpkgsLib == null) {
            Path script = TESTS.resolve("nixpkgs-lib");
            Path dir = Path.of("target", "nixpkgs-lib").toAbsolutePath();
            try {
                Process process = new ProcessBuilder(script.toString(), dir.toString()).start();
                process.getOutputStream().close();
                CompletableFuture<String> out = read(process.getInputStream());
                CompletableFuture<String> err = read(process.getErrorStream());
                if (!process.waitFor(6, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError(script + " did not finish within 6 minutes");
                }
                if (process.exitValue() != 0) {
                    throw new AssertionError("the Nix checks need nixpkgs's lib: " + err.join());
                }
                nixpkgsLib = nixPath(Path.of(out.join().strip()));
            } catch (IOException e) {
                throw new UncheckedIOException("could not run " + script, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while running " + script, e);
            }
        }
        return nixpkgsLib;
    }

    /** What one run printed. */
    record Outcome(int exitCode, String stdout, String stderr) {}

    Outcome run(List<String> arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add("--store");
        command.add("dummy://");
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(TESTS.toFile());
        // No build users are needed to evaluate; Debian's default config names a group that may not exist.
        builder.environment().put("NIX_CONFIG", "build-users-group =");
        builder.environment().put("NIX_PATH", "");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = read(process.getInputStream());
            CompletableFuture<String> err = read(process.getErrorStream());
            if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("nix-instantiate " + arguments + " did not finish within " + DEADLINE);
            }
            return new Outcome(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Evaluates a file strictly to JSON; {@code args} are Nix expressions ({@code --arg name expr}). */
    JsonNode eval(Path file, Map<String, String> args) {
        Outcome outcome = run(evalArguments(file, args));
        assertThat(outcome.exitCode())
                .as("nix-instantiate --eval of %s %s failed:%n%s", file, args, outcome.stderr())
                .isZero();
        try {
            return JSON.readTree(outcome.stdout());
        } catch (IOException e) {
            throw new AssertionError("nix-instantiate printed no JSON for " + file + ": " + outcome.stdout(), e);
        }
    }

    /** Evaluates a file that must fail; returns what nix-instantiate printed on stderr. */
    String evalError(Path file, Map<String, String> args) {
        Outcome outcome = run(evalArguments(file, args));
        assertThat(outcome.exitCode())
                .as("evaluation of %s %s should fail but printed %s", file, args, outcome.stdout())
                .isNotZero();
        return outcome.stderr();
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** A path as a Nix path expression (absolute paths are Nix paths as they are). */
    static String nixPath(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    private static List<String> evalArguments(Path file, Map<String, String> args) {
        List<String> arguments = new ArrayList<>(List.of("--eval", "--strict", "--json"));
        args.forEach((name, expression) -> arguments.addAll(List.of("--arg", name, expression)));
        arguments.add(file.toString());
        return arguments;
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
