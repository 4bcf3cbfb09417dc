package dev.reinstaller.installer.params;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.Lazy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link MetadataSource} over plain HTTP with the JDK client, no proxy, a deadline per request. The
 * metadata service is link-local and unauthenticated; this reads only non-secret leaves.
 */
public final class HttpMetadataSource implements MetadataSource {
    private final Supplier<HttpClient> client;
    private final URI base;
    private final Duration timeout;

    public HttpMetadataSource(HttpClient client, URI base, Duration timeout) {
        this(() -> client, base, timeout);
    }

    private HttpMetadataSource(Supplier<HttpClient> client, URI base, Duration timeout) {
        this.client = client;
        this.base = base;
        this.timeout = timeout;
    }

    /**
     * A factory sharing one client, with no proxy and a connect deadline of {@code timeout}. The client
     * is built on the first request: building it sets up TLS, which takes long enough to delay the
     * status API when it happens at startup.
     */
    public static Factory factory(Duration timeout) {
        Supplier<HttpClient> client = Lazy.of(() -> HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        return base -> new HttpMetadataSource(client, base, timeout);
    }

    @Override
    public Optional<String> leaf(String name) {
        URI uri = URI.create(base.toString().replaceAll("/+$", "") + "/" + name);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<String> response;
        try {
            response = client.get().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT,
                    "cannot read metadata " + uri + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstallerException(
                    InstallerException.Category.TRANSIENT, "interrupted while reading metadata " + uri, e);
        }
        return switch (response.statusCode()) {
            case 200 -> Optional.of(response.body());
            case 404 -> Optional.empty();
            default ->
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT,
                        "metadata " + uri + " answered HTTP " + response.statusCode());
        };
    }
}
