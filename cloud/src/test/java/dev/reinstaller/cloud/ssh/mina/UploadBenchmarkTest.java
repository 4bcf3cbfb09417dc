package dev.reinstaller.cloud.ssh.mina;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.testing.TestKeys;
import dev.reinstaller.cloud.testing.TestSshServer;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.SshHostKey;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the hash skip saves: a ~50 MB bundle (kernel, initrd, manifest) uploaded to an in-process MINA
 * server twice over one session. The first sync sends everything; the second finds every remote
 * SHA-256 equal and sends nothing. Prints both times to stdout and {@code target/upload-benchmark.txt}.
 */
class UploadBenchmarkTest {
    private static final Duration DEADLINE = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void theSecondUploadOfAnUnchangedBundleSendsNothing() throws Exception {
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Random random = new Random(42);
        write(bundle.resolve("kernel"), 12 << 20, random);
        write(bundle.resolve("initrd"), 38 << 20, random);
        Files.writeString(bundle.resolve("manifest.json"), "{\"version\":1}\n");
        long size = 50L << 20;
        Path identity = dir.resolve("id_ed25519");
        SshHostKey client = TestKeys.write(identity, "operator");
        SshHostKey host = TestKeys.write(dir.resolve("host_key"), "host");
        Path root = Files.createDirectories(dir.resolve("remote"));
        try (TestSshServer server = new TestSshServer(
                        dir.resolve("host_key"), client.publicKeyLine(), root, (c, s) -> Reply.ok(""));
                MinaSsh ssh = new MinaSsh();
                SshSession session = ssh.connect(
                        new SshTarget("bench", "127.0.0.1", server.port(), "root", List.of(identity)),
                        new HostKeyPolicy.Pinned(host.publicKeyLine(), Optional.empty()),
                        DEADLINE)) {
            long t0 = System.nanoTime();
            SyncReport first = session.sync(bundle, "/var/tmp/reinstaller/bundle", DEADLINE);
            long t1 = System.nanoTime();
            SyncReport second = session.sync(bundle, "/var/tmp/reinstaller/bundle", DEADLINE);
            long t2 = System.nanoTime();

            String report = String.format(
                    "upload benchmark (%d MB bundle, in-process MINA on 127.0.0.1): first %d ms (%d bytes sent),"
                            + " second %d ms (%d bytes sent, %d files skipped), saved %d ms (%.0f%%)",
                    size >> 20,
                    (t1 - t0) / 1_000_000,
                    first.bytesSent(),
                    (t2 - t1) / 1_000_000,
                    second.bytesSent(),
                    second.skipped().size(),
                    ((t1 - t0) - (t2 - t1)) / 1_000_000,
                    100.0 * ((t1 - t0) - (t2 - t1)) / (t1 - t0));
            System.out.println(report);
            Files.writeString(Path.of("target", "upload-benchmark.txt"), report + "\n");

            assertThat(first.uploaded()).containsExactlyInAnyOrder("initrd", "kernel", "manifest.json");
            assertThat(first.bytesSent()).isGreaterThanOrEqualTo(size);
            assertThat(second.uploaded()).isEmpty();
            assertThat(second.bytesSent()).isZero();
            assertThat(Files.mismatch(bundle.resolve("initrd"), root.resolve("var/tmp/reinstaller/bundle/initrd")))
                    .isEqualTo(-1);
        }
    }

    private static void write(Path file, int bytes, Random random) throws Exception {
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < bytes / block.length; i++) {
                random.nextBytes(block);
                out.write(block);
            }
        }
    }
}
