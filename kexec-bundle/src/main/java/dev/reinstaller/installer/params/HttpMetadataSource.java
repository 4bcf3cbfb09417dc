package dev.reinstaller.installer.params;

import dev.reinstaller.hostinfo.metadata.HttpMetadataClient;
import dev.reinstaller.hostinfo.metadata.MetadataClient;
import dev.reinstaller.installer.system.InstallerException;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * {@link MetadataSource} over the metadata client the agent uses too ({@link HttpMetadataClient}: plain
 * HTTP, no proxy, no redirects, a deadline per request). The metadata service is link-local and
 * unauthenticated; this reads only non-secret leaves. A missing leaf (404) is empty; any other failure
 * is transient, since the link may still be settling.
 */
public record HttpMetadataSource(MetadataClient client, URI base, Duration timeout) implements MetadataSource {

    /**
     * A factory of sources with a deadline of {@code timeout} per request. The client builds its JDK
     * HTTP client per request, not here: building one sets up TLS, which takes long enough to delay
     * the status API when it happens at startup.
     */
    public static Factory factory(Duration timeout) {
        MetadataClient client = new HttpMetadataClient();
        return base -> new HttpMetadataSource(client, base, timeout);
    }

    @Override
    public Optional<String> leaf(String name) {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/" + name);
        try {
            return Optional.of(client.get(uri, timeout));
        } catch (MetadataClient.MetadataException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "cannot read metadata: " + e.getMessage(), e);
        }
    }
}
