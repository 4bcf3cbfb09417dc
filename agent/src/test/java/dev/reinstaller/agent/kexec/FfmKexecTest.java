package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.reinstaller.agent.testing.Fixtures;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real calls into this machine's kernel. Nothing here can boot anything: the "kernel" is random bytes
 * and reboot is never called. The test adapts to the machine: a kernel without kexec answers ENOSYS, a
 * container EPERM, a permitted kernel ENOEXEC for the fake image.
 */
class FfmKexecTest {
    @TempDir
    Path dir;

    @Test
    void nativeAccessIsEnabledSoTheJvmPrintsNoWarning() {
        assertThat(FfmKexec.class.getModule().isNativeAccessEnabled()).isTrue();
        assertThat(new FfmKexec().available()).isTrue();
        assertThat(new FfmKexec().describe()).startsWith("kexec_file_load (syscall 320 on x86_64");
    }

    @Test
    void memfdHoldsWhatIsWrittenAndIsNoFile() throws IOException {
        LinuxNative linux = new FfmKexec().linux();
        byte[] data = Fixtures.bytes(3 * 1024 * 1024 + 5, 4);
        Path link;
        try (NativeFd memfd = NativeFd.memfd(linux, "reinstaller-test")) {
            assertThat(memfd.fd()).isGreaterThan(2);
            link = Path.of("/proc/self/fd/" + memfd.fd());
            assertThat(Files.readSymbolicLink(link).toString()).startsWith("/memfd:reinstaller-test");
            try (OutputStream out = memfd.output()) {
                out.write(data, 0, 1);
                out.write(data, 1, data.length - 1);
            }
            assertThat(Files.readAllBytes(memfd.procPath())).isEqualTo(data);
        }
        assertThat(Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && Files.readSymbolicLink(link).toString().startsWith("/memfd:reinstaller-test"))
                .isFalse();
    }

    @Test
    void openingAMissingFileNamesItAndItsErrno() {
        LinuxNative linux = new FfmKexec().linux();

        assertThatThrownBy(() -> NativeFd.openRead(linux, dir.resolve("missing")))
                .isInstanceOf(KexecException.class)
                .hasMessage("cannot open " + dir.resolve("missing") + ": ENOENT");
    }

    @Test
    void aRealLoadOfAFakeKernelIsRefusedWithAMappedError() throws IOException {
        Path kernel = Files.write(dir.resolve("bzImage"), Fixtures.bytes(8192, 5));
        Path initrd = Files.write(dir.resolve("initrd"), Fixtures.bytes(1001, 6));
        boolean kernelHasKexec = Files.exists(Path.of("/proc/sys/kernel/kexec_load_disabled"));
        FfmKexec kexec = new FfmKexec();

        try (InitrdImage image = InitrdImage.of(initrd, List.of())) {
            kexec.load(kernel, image, "console=ttyS0 reinstaller.v=1");
            kexec.unload();
            fail("the kernel loaded random bytes as a kernel; unloaded it again");
        } catch (KexecException e) {
            List<Integer> expected = kernelHasKexec ? List.of(Errno.EPERM, Errno.ENOEXEC) : List.of(Errno.ENOSYS);
            assertThat(e.errno()).as(e.getMessage()).isIn(expected);
            assertThat(e.kind()).isEqualTo(Errno.kind(e.errno()));
            assertThat(e)
                    .hasMessage("kexec_file_load of " + kernel + " with a 1001-byte initrd: "
                            + Errno.explainLoad(e.errno(), 30));
        }
    }

    @Test
    void aRealUnloadSucceedsOrFailsWithAMappedError() {
        FfmKexec kexec = new FfmKexec();
        try {
            kexec.unload();
        } catch (KexecException e) {
            assertThat(e.errno()).isIn(Errno.EPERM, Errno.ENOSYS);
            assertThat(e.kind()).isEqualTo(Errno.kind(e.errno()));
            assertThat(e).hasMessageStartingWith("unloading the staged kexec image: ");
        }
    }

    @Test
    void aTooLongCommandLineIsRefusedBeforeTheSyscall() throws IOException {
        Path kernel = Files.write(dir.resolve("bzImage"), Fixtures.bytes(10, 5));
        Path initrd = Files.write(dir.resolve("initrd"), Fixtures.bytes(10, 6));

        try (InitrdImage image = InitrdImage.of(initrd, List.of())) {
            assertThatThrownBy(() -> new FfmKexec().load(kernel, image, "x".repeat(2016)))
                    .isInstanceOf(KexecException.class)
                    .hasMessageContaining("not tried: the kernel command line is too long (EINVAL): 2017 bytes");
        }
    }
}
