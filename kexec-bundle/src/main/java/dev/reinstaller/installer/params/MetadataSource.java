package dev.reinstaller.installer.params;

import java.net.URI;
import java.util.Optional;

/**
 * The provider's metadata service, one leaf at a time ({@code hostname}, {@code public-keys},
 * {@code network-config}...), in the layout of Hetzner's {@code /hetzner/v1/metadata}.
 */
public interface MetadataSource {
    /** Hetzner's service, reachable from every cloud server without authentication. */
    URI HETZNER = URI.create("http://169.254.169.254/hetzner/v1/metadata");

    /**
     * The text of a leaf, or empty when the service has no such leaf.
     *
     * @throws dev.reinstaller.installer.system.InstallerException (transient) when the service cannot
     *     be reached or answers with an error
     */
    Optional<String> leaf(String name);

    /** Makes a source for a base URL. */
    @FunctionalInterface
    interface Factory {
        MetadataSource at(URI base);
    }
}
