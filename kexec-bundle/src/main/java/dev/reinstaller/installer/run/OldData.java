package dev.reinstaller.installer.run;

/**
 * What became of the old disk's data before partitioning, for the install manifest and the events.
 *
 * @param method {@code zero} (the kernel's zero-out over the whole disk, then read back in samples) or
 *     {@code none} ({@code reinstaller.wipe=none}: the old data stays readable)
 * @param bytes how many bytes were zeroed (0 for {@code none})
 * @param millis how long zeroing and the read-back took
 * @param samplesReadBack how many blocks were read back as zeros
 */
public record OldData(String method, long bytes, long millis, int samplesReadBack) {
    public OldData {
        if (method == null || method.isBlank() || bytes < 0 || millis < 0 || samplesReadBack < 0) {
            throw new IllegalArgumentException("old data report out of range: " + method + " " + bytes);
        }
    }

    public static OldData kept() {
        return new OldData("none", 0, 0, 0);
    }
}
