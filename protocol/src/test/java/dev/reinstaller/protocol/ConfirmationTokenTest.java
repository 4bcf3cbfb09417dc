package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConfirmationTokenTest {
    private static final Disk DISK =
            new Disk("sda", null, "drive-scsi0-0-0-0", null, 40_960_000_000L, "QEMU HARDDISK", "virtio_scsi");

    @Test
    void bindsTheSerialElseTheUuidElseOnlyTheDisk() {
        assertThat(ConfirmationToken.of(
                        new Machine("48213377", "8f1d2c3b-4a5e-4f60-9b7a-0c1d2e3f4a5b", null, null), DISK))
                .isEqualTo("48213377:drive-scsi0-0-0-0:40960000000");
        assertThat(ConfirmationToken.of(new Machine(null, "8F1D2C3B-4A5E-4F60-9B7A-0C1D2E3F4A5B", null, null), DISK))
                .isEqualTo("8f1d2c3b-4a5e-4f60-9b7a-0c1d2e3f4a5b:drive-scsi0-0-0-0:40960000000");
        Machine noDmi = new Machine(null, null, null, null);
        assertThat(noDmi.hasIdentity()).isFalse();
        assertThat(ConfirmationToken.of(noDmi, DISK)).isEqualTo("no-dmi:drive-scsi0-0-0-0:40960000000");
    }

    @Test
    void matchesOnlyTheExactToken() {
        String token = "48213377:drive-scsi0-0-0-0:40960000000";
        assertThat(ConfirmationToken.matches(token, token)).isTrue();
        assertThat(ConfirmationToken.matches(token, "48213378:drive-scsi0-0-0-0:40960000000"))
                .isFalse();
        assertThat(ConfirmationToken.matches(token, token + " ")).isFalse();
        assertThat(ConfirmationToken.matches(token, null)).isFalse();
    }
}
