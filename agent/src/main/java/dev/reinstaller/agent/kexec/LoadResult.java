package dev.reinstaller.agent.kexec;

import java.util.Optional;

/**
 * A staged image.
 *
 * @param mechanism how it was loaded, e.g. {@code kexec_file_load (foreign-function API)}
 * @param fallbackReason why the direct call was not used, when a fallback loaded it
 * @param kernelBytes size of the kernel file
 * @param initrdBytes size of the whole initrd, appended cpio included
 * @param commandLineBytes UTF-8 length of the command line, without its NUL
 */
public record LoadResult(
        String mechanism, Optional<String> fallbackReason, long kernelBytes, long initrdBytes, int commandLineBytes) {
    public LoadResult {
        if (mechanism == null || fallbackReason == null) {
            throw new IllegalArgumentException("a load result needs a mechanism and an optional fallback reason");
        }
    }

    public boolean usedFallback() {
        return fallbackReason.isPresent();
    }

    LoadResult withFallbackReason(String reason) {
        return new LoadResult(mechanism, Optional.of(reason), kernelBytes, initrdBytes, commandLineBytes);
    }
}
