package dev.reinstaller.agent.testing;

import dev.reinstaller.hostinfo.metadata.HttpMetadataClient;
import dev.reinstaller.hostinfo.metadata.MetadataClient;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The real metadata client, but only for loopback addresses: a test that would ask anything else
 * (such as 169.254.169.254 on a fixture that looks like Hetzner) fails instead of sending traffic.
 */
public final class LoopbackOnlyMetadata implements MetadataClient {
    private final MetadataClient real = new HttpMetadataClient();

    @Override
    public String get(URI url, Duration timeout) throws MetadataException {
        try {
            if (!InetAddress.getByName(url.getHost()).isLoopbackAddress()) {
                throw new AssertionError("a test tried to reach " + url + ": only 127.0.0.1 is allowed");
            }
        } catch (UnknownHostException e) {
            throw new AssertionError("a test tried to resolve " + url.getHost(), e);
        }
        return real.get(url, timeout);
    }
}
