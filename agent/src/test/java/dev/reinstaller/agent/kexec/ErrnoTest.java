package dev.reinstaller.agent.kexec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void eachLoadErrorIsExplainedInWords() {
        assertThat(Errno.explainLoad(Errno.EPERM, 100))
                .startsWith("not permitted (EPERM)")
                .contains("CAP_SYS_BOOT");
        assertThat(Errno.explainLoad(Errno.ENOEXEC, 100)).contains("not a bootable kernel for this architecture");
        assertThat(Errno.explainLoad(Errno.EKEYREJECTED, 100))
                .startsWith("the signature check failed (EKEYREJECTED)")
                .contains("signed kernels");
        assertThat(Errno.explainLoad(Errno.EBADMSG, 100)).startsWith("the signature check failed (EBADMSG)");
        assertThat(Errno.explainLoad(Errno.ENOMEM, 100)).contains("not enough memory");
        assertThat(Errno.explainLoad(Errno.ENOSYS, 100)).contains("CONFIG_KEXEC_FILE");
        assertThat(Errno.explainLoad(Errno.EBUSY, 100)).contains("in progress");
        assertThat(Errno.explainLoad(95, 100)).isEqualTo("failed with errno 95");
    }

    @Test
    void einvalWithALongLineSaysTheLineIsTooLong() {
        assertThat(Errno.explainLoad(Errno.EINVAL, 2016))
                .isEqualTo("the kernel command line is too long (EINVAL): 2017 bytes with its NUL, kexec_file_load"
                        + " accepts 2016");
        assertThat(Errno.explainLoad(Errno.EINVAL, 2015)).startsWith("the kernel refused the arguments (EINVAL)");
    }

    @Test
    void kindsDecideFallbackAndVerdict() {
        assertThat(Errno.kind(Errno.ENOSYS)).isEqualTo(KexecException.Kind.UNAVAILABLE);
        assertThat(Errno.kind(Errno.EPERM)).isEqualTo(KexecException.Kind.NOT_PERMITTED);
        assertThat(Errno.kind(Errno.ENOEXEC)).isEqualTo(KexecException.Kind.REJECTED);
        assertThat(Errno.kind(Errno.EKEYREJECTED)).isEqualTo(KexecException.Kind.REJECTED);
        assertThat(Errno.kind(Errno.EBADMSG)).isEqualTo(KexecException.Kind.REJECTED);
        assertThat(Errno.kind(Errno.ENOMEM)).isEqualTo(KexecException.Kind.NO_MEMORY);
        assertThat(Errno.kind(Errno.EBUSY)).isEqualTo(KexecException.Kind.FAILED);
    }

    @Test
    void theKexecBinarysOutputIsReadBackToAnErrno() {
        assertThat(Errno.fromText("kexec_file_load failed: Operation not permitted\n"))
                .isEqualTo(Errno.EPERM);
        assertThat(Errno.fromText("Cannot load bzImage: Key was rejected by service"))
                .isEqualTo(Errno.EKEYREJECTED);
        assertThat(Errno.fromText("something else")).isZero();
    }

    @Test
    void aLoadFailureNamesWhatWasAttempted() {
        KexecException e = KexecException.load("kexec_file_load of /b/bzImage", Errno.ENOEXEC, 10);

        assertThat(e.kind()).isEqualTo(KexecException.Kind.REJECTED);
        assertThat(e.errno()).isEqualTo(Errno.ENOEXEC);
        assertThat(e).hasMessageStartingWith("kexec_file_load of /b/bzImage: the kernel refused the image (ENOEXEC)");
    }
}
