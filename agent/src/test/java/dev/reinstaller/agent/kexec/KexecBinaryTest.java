package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.reinstaller.agent.testing.Fixtures;
import dev.reinstaller.hostinfo.HostPaths;
import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.hostinfo.process.SystemProcesses;
import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.BootParameters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KexecBinaryTest {
    private static final String SECRET = "a-very-secret-passphrase";
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private InitrdImage image() throws IOException {
        Path initrd = Files.write(dir.resolve("initrd"), Fixtures.bytes(999, 6));
        return InitrdImage.of(
                initrd,
                List.of(BootEncoder.secret(BootParameters.CPIO_DISK_KEY, SECRET.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] bytes(InitrdImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        image.writeTo(out);
        return out.toByteArray();
    }

    @Test
    void theBinaryIsForcedOntoKexecFileLoadAndReadsTheInitrdFromOurMemfd() throws IOException {
        Path kernel = Files.write(dir.resolve("bzImage"), Fixtures.bytes(100, 5));
        byte[][] seen = new byte[1][];
        FakeProcesses processes = FakeProcesses.answering(argv -> {
            String initrd = argv.stream()
                    .filter(a -> a.startsWith("--initrd="))
                    .findFirst()
                    .orElseThrow()
                    .substring("--initrd=".length());
            try {
                seen[0] = Files.readAllBytes(Path.of(initrd));
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            return new Processes.ProcessResult(argv, 0, "", "");
        });

        try (InitrdImage image = image()) {
            LoadResult result = new KexecBinary(processes, Path.of("/usr/sbin/kexec"), DEADLINE)
                    .load(kernel, image, "console=ttyS0 reinstaller.v=1");

            List<String> argv = processes.runs().getFirst();
            assertThat(argv.subList(0, 4))
                    .containsExactly("/usr/sbin/kexec", "--kexec-file-syscall", "--load", kernel.toString());
            assertThat(argv.get(4))
                    .matches("--initrd=/proc/" + ProcessHandle.current().pid() + "/fd/[0-9]+");
            assertThat(argv.get(5)).isEqualTo("--command-line=console=ttyS0 reinstaller.v=1");
            assertThat(argv).doesNotContain("--kexec-syscall-auto", "--kexec-syscall");
            assertThat(String.join(" ", argv)).doesNotContain(SECRET);
            assertThat(processes.inputs()).allSatisfy(stdin -> assertThat(stdin).isEmpty());
            assertThat(seen[0]).isEqualTo(bytes(image));
            assertThat(result.mechanism()).isEqualTo("/usr/sbin/kexec --kexec-file-syscall");
            assertThat(result.initrdBytes()).isEqualTo(image.size());
        }
    }

    @Test
    void anotherProcessCanReadTheMemfdThroughProc() throws IOException {
        Path kernel = Files.write(dir.resolve("bzImage"), Fixtures.bytes(100, 5));
        Path copy = dir.resolve("copy");
        Path script = Files.writeString(
                dir.resolve("kexec"),
                "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --initrd=*) cat \"${a#--initrd=}\" > " + copy
                        + ";; esac; done\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

        try (InitrdImage image = image()) {
            new KexecBinary(new SystemProcesses(), script, DEADLINE).load(kernel, image, "quiet");

            assertThat(Files.readAllBytes(copy)).isEqualTo(bytes(image));
        }
    }

    @Test
    void aFailureIsMappedFromTheBinarysOutput() throws IOException {
        Path kernel = Files.write(dir.resolve("bzImage"), Fixtures.bytes(100, 5));
        FakeProcesses processes = FakeProcesses.answering(argv ->
                new Processes.ProcessResult(argv, 255, "", "kexec_file_load failed: Operation not permitted\n"));

        try (InitrdImage image = image()) {
            assertThatThrownBy(() ->
                            new KexecBinary(processes, Path.of("/sbin/kexec"), DEADLINE).load(kernel, image, "quiet"))
                    .isInstanceOfSatisfying(KexecException.class, e -> {
                        assertThat(e.kind()).isEqualTo(KexecException.Kind.NOT_PERMITTED);
                        assertThat(e.errno()).isEqualTo(Errno.EPERM);
                    })
                    .hasMessageStartingWith("/sbin/kexec --kexec-file-syscall --load " + kernel + " exited with 255:"
                            + " not permitted (EPERM)")
                    .hasMessageEndingWith("kexec said: kexec_file_load failed: Operation not permitted");
        }
    }

    @Test
    void unloadAndExecUseTheFileSyscall() {
        FakeProcesses processes = FakeProcesses.succeeding();
        KexecBinary kexec = new KexecBinary(processes, Path.of("/sbin/kexec"), DEADLINE);

        kexec.unload();
        assertThatThrownBy(kexec::rebootIntoLoaded).isInstanceOf(KexecException.class);

        assertThat(processes.runs())
                .containsExactly(
                        List.of("/sbin/kexec", "--kexec-file-syscall", "--unload"), List.of("/sbin/kexec", "--exec"));
    }

    @Test
    void theBundlesBinaryIsPreferredOverTheHosts() throws IOException {
        Path hostRoot = dir.resolve("root");
        Path host = hostRoot.resolve("usr/sbin/kexec");
        Files.createDirectories(host.getParent());
        Files.writeString(host, "#!/bin/sh\n");
        Files.setPosixFilePermissions(host, PosixFilePermissions.fromString("rwx------"));
        Path bundled = Files.writeString(dir.resolve("kexec"), "#!/bin/sh\n");
        HostPaths paths = new HostPaths(hostRoot);

        assertThat(KexecBinary.find(paths, Optional.of(bundled))).contains(Path.of("/usr/sbin/kexec"));
        Files.setPosixFilePermissions(bundled, PosixFilePermissions.fromString("rwx------"));
        assertThat(KexecBinary.find(paths, Optional.of(bundled))).contains(bundled);
        Files.delete(host);
        assertThat(KexecBinary.find(paths, Optional.empty())).isEmpty();
    }
}
