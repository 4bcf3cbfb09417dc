package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.agent.testing.FakeKexec;
import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FallbackKexecTest {
    @TempDir
    Path dir;

    private InitrdImage image() throws IOException {
        return InitrdImage.of(Files.write(dir.resolve("initrd"), Fixtures.bytes(10, 1)), List.of());
    }

    @Test
    void anUnavailableDirectCallFallsBackAndSaysWhy() throws IOException {
        Kexec primary = new Kexec.Unavailable("the running kernel has no kexec_file_load (ENOSYS)");
        FakeKexec fallback = new FakeKexec();
        FallbackKexec kexec = new FallbackKexec(primary, fallback);

        try (InitrdImage image = image()) {
            LoadResult result = kexec.load(dir.resolve("bzImage"), image, "quiet");

            assertThat(result.usedFallback()).isTrue();
            assertThat(result.fallbackReason()).contains("the running kernel has no kexec_file_load (ENOSYS)");
        }
        kexec.unload();
        assertThat(fallback.calls()).containsExactly("load bzImage", "unload");
    }

    @Test
    void aRefusalByTheKernelIsNeverRetriedAnotherWay() throws IOException {
        FakeKexec primary = new FakeKexec()
                .failLoadWith(new KexecException(KexecException.Kind.REJECTED, Errno.EKEYREJECTED, "signature"));
        FakeKexec fallback = new FakeKexec();

        try (InitrdImage image = image()) {
            assertThatThrownBy(() -> new FallbackKexec(primary, fallback).load(dir.resolve("bzImage"), image, "quiet"))
                    .hasMessage("signature");
        }
        assertThat(fallback.calls()).isEmpty();
    }

    @Test
    void whenBothFailTheMessageHasBothReasons() throws IOException {
        Kexec kexec = new FallbackKexec(new Kexec.Unavailable("no FFM"), new Kexec.Unavailable("no kexec binary"));

        try (InitrdImage image = image()) {
            assertThatThrownBy(() -> kexec.load(dir.resolve("bzImage"), image, "quiet"))
                    .isInstanceOfSatisfying(
                            KexecException.class, e -> assertThat(e.kind()).isEqualTo(KexecException.Kind.UNAVAILABLE))
                    .hasMessage("no kexec binary (fallback, because no FFM)");
        }
    }

    @Test
    void theHostKexecUsesTheDirectCallWithTheBinaryAsFallback() throws IOException {
        Path hostRoot = dir.resolve("root");
        Kexec none = Kexec.forHost(
                new HostPaths(hostRoot), FakeProcesses.succeeding(), Optional.empty(), Duration.ofSeconds(5));
        Files.createDirectories(hostRoot.resolve("sbin"));
        Path binary = Files.writeString(hostRoot.resolve("sbin/kexec"), "#!/bin/sh\n");
        binary.toFile().setExecutable(true);
        Kexec host = Kexec.forHost(
                new HostPaths(hostRoot), FakeProcesses.succeeding(), Optional.empty(), Duration.ofSeconds(5));

        assertThat(none.describe())
                .startsWith("kexec_file_load (syscall 320 on x86_64, foreign-function API); fallback: unavailable:"
                        + " no kexec binary in the bundle nor at /usr/sbin/kexec");
        assertThat(host.describe()).endsWith("; fallback: /sbin/kexec --kexec-file-syscall");
    }
}
