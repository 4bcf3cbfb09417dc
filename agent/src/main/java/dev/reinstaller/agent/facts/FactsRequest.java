package dev.reinstaller.agent.facts;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code facts} was asked for.
 *
 * @param disk the disk to reinstall as the operator named it ({@code /dev/sda}, {@code sda} or a
 *     {@code /dev/disk/by-id/} path); empty means the disk behind {@code /}
 * @param metadataUrl the metadata service to ask; when given it is asked even outside Hetzner and a
 *     failure is an error; empty means the Hetzner default, asked only on Hetzner hardware
 * @param metadataTimeout the whole budget for all metadata requests together
 */
public record FactsRequest(Optional<String> disk, Optional<URI> metadataUrl, Duration metadataTimeout) {
    /** Where Hetzner's metadata service answers, seen from a cloud server. */
    public static final URI DEFAULT_METADATA_URL = URI.create("http://169.254.169.254/hetzner/v1/metadata");

    public static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(2);

    public FactsRequest {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(metadataUrl, "metadataUrl");
        Objects.requireNonNull(metadataTimeout, "metadataTimeout");
        if (metadataTimeout.isNegative() || metadataTimeout.isZero() || metadataTimeout.toSeconds() > 60) {
            throw new IllegalArgumentException(
                    "metadata timeout must be between 1 ms and 60 s, got " + metadataTimeout);
        }
        disk = disk.map(String::strip).filter(d -> !d.isEmpty());
    }

    /** The disk behind {@code /}, metadata only on Hetzner, the default budget. */
    public static FactsRequest defaults() {
        return new FactsRequest(Optional.empty(), Optional.empty(), DEFAULT_METADATA_TIMEOUT);
    }
}
