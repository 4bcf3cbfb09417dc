package dev.reinstaller.installer.network;

import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.Lazy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/** Asks a Nix binary cache whether it answers: {@code GET <cache>/nix-cache-info}. */
@FunctionalInterface
public interface BinaryCache {
    /** The cache nixpkgs' substituters name by default. */
    URI NIXOS = URI.create("https://cache.nixos.org");

    /**
     * Passes when the cache answers 200 with a {@code StoreDir: /nix/store} line within
     * {@code timeout}.
     *
     * @throws InstallerException (transient) naming the URL and what went wrong
     */
    void check(URI cache, Duration timeout);

    /** The JDK HTTP client, no proxy, no redirects; built on the first check (it sets up TLS). */
    static BinaryCache http() {
        Supplier<HttpClient> client = Lazy.of(() -> HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10))
                .build());
        return (cache, timeout) -> {
            URI info = URI.create(cache.toString().replaceAll("/+$", "") + "/nix-cache-info");
            HttpResponse<String> response;
            try {
                response = client.get()
                        .send(
                                HttpRequest.newBuilder(info)
                                        .timeout(timeout)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT,
                        "binary cache " + info + " did not answer: "
                                + e.getClass().getSimpleName() + " " + e.getMessage(),
                        e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT, "interrupted while asking " + info, e);
            }
            if (response.statusCode() != 200 || !response.body().contains("StoreDir: /nix/store")) {
                throw new InstallerException(
                        InstallerException.Category.TRANSIENT,
                        "binary cache " + info + " answered HTTP " + response.statusCode()
                                + " without StoreDir: /nix/store");
            }
        };
    }
}
