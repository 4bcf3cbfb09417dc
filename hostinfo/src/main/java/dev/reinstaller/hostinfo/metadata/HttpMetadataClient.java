package dev.reinstaller.hostinfo.metadata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link MetadataClient} over the JDK's HTTP client. No proxy (the service is link-local), no
 * redirects, and each request is abandoned when its deadline passes, whether the service is silent
 * before or after the headers.
 */
public final class HttpMetadataClient implements MetadataClient {
    private static final int MAX_BODY = 256 * 1024;

    @Override
    public String get(URI url, Duration timeout) throws MetadataException {
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Accept", "text/plain, application/json, */*")
                .GET()
                .build();
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (response.statusCode() != 200) {
                throw new MetadataException(
                        response.statusCode(), "GET " + url + " answered HTTP " + response.statusCode());
            }
            byte[] body = response.body();
            if (body.length > MAX_BODY) {
                throw new MetadataException(200, "GET " + url + " answered more than " + MAX_BODY + " bytes");
            }
            return new String(body, StandardCharsets.UTF_8);
        } catch (TimeoutException e) {
            throw new MetadataException("GET " + url + " got no answer within " + timeout.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new MetadataException(
                        "GET " + url + " got no answer within " + timeout.toMillis() + " ms", cause);
            }
            throw new MetadataException("GET " + url + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MetadataException("GET " + url + " was interrupted", e);
        } finally {
            pending.cancel(true);
            client.shutdownNow();
        }
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }
}
