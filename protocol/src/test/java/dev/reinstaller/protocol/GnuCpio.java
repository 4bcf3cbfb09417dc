package dev.reinstaller.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs GNU cpio (Debian package {@code cpio}, installed by scripts/setup) with a deadline. */
final class GnuCpio {
    private static final long DEADLINE_SECONDS = 30;

    private GnuCpio() {}

    /** Extracts the archive into {@code dir} the way a careful operator would. */
    static void extract(byte[] archive, Path dir) throws IOException, InterruptedException {
        run(List.of("cpio", "-idm", "--no-absolute-filenames", "--quiet"), dir, archive);
    }

    /** Archives the named paths under {@code dir}, in order, as newc. */
    static byte[] create(Path dir, List<String> names) throws IOException, InterruptedException {
        String list = String.join("\n", names) + "\n";
        return run(List.of("cpio", "-o", "-H", "newc", "--quiet"), dir, list.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] run(List<String> command, Path dir, byte[] stdin) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("cpio", ".err");
        try {
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectError(errors.toFile())
                    .start();
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            try (var in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command + " did not finish within " + DEADLINE_SECONDS + " s");
            }
            byte[] out = stdout.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new IOException(
                        command + " in " + dir + " exited " + process.exitValue() + ": " + Files.readString(errors));
            }
            return out;
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("reading the output of " + command, e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
