package dev.reinstaller.cloud.ssh;

import java.util.List;

/**
 * The result of {@link SshSession#sync}: which files went over the wire and which already matched.
 *
 * @param uploaded relative paths sent
 * @param skipped relative paths whose remote SHA-256 already matched
 * @param bytesSent bytes of file content sent
 */
public record SyncReport(List<String> uploaded, List<String> skipped, long bytesSent) {
    public SyncReport {
        uploaded = List.copyOf(uploaded);
        skipped = List.copyOf(skipped);
    }
}
