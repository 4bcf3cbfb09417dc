package dev.reinstaller.cloud.hetzner.tomsdevsn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.cloud.wait.Backoff;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.cloud.wait.TokenBucket;
import dev.reinstaller.cloud.wait.Waiter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Everything between the library and the wire: points the library's fixed base URL at the configured
 * endpoint, takes a token from the rate limiter before every request, retries what is worth retrying
 * within a deadline, and turns every final non-2xx answer into an {@link ApiFailure}.
 *
 * <p>Retried: 429 {@code rate_limit_exceeded} (after Retry-After or RateLimit-Reset when given) and
 * {@code locked}, for every method, because the API refused them before acting; 5xx and I/O errors
 * for GET and DELETE; 503 for POST too (the API did not take the request). A POST that may have been
 * carried out (500, 502, 504, a broken connection) is not repeated: a second create or reset is worse
 * than an error.
 */
final class ApiInterceptor implements Interceptor {
    static final String LIBRARY_BASE = "https://api.hetzner.cloud/v1";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "DELETE", "PUT");

    private final HttpUrl endpoint;
    private final TokenBucket limiter;
    private final Waiter waiter;
    private final Duration deadline;
    private final Backoff backoff;

    ApiInterceptor(URI endpoint, TokenBucket limiter, Waiter waiter, Duration deadline, Backoff backoff) {
        HttpUrl parsed = HttpUrl.get(endpoint.toString());
        this.endpoint = parsed;
        this.limiter = limiter;
        this.waiter = waiter;
        this.deadline = deadline;
        this.backoff = backoff;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request =
                chain.request().newBuilder().url(rewrite(chain.request().url())).build();
        boolean idempotent = IDEMPOTENT.contains(request.method());
        String what = request.method() + " " + request.url().encodedPath();
        ApiFailure[] last = new ApiFailure[1];
        try {
            return waiter.until(what, deadline, backoff, () -> attempt(chain, request, idempotent, last));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DeadlineExceededException e) {
            ApiFailure seen = last[0];
            throw new ApiFailure(
                    seen == null ? 0 : seen.status(),
                    seen == null ? "timeout" : seen.code(),
                    (seen == null ? "" : seen.apiMessage() + "; ") + "still failing after " + deadline.toSeconds()
                            + " s of retries",
                    true,
                    e);
        }
    }

    private Poll<Response> attempt(Chain chain, Request request, boolean idempotent, ApiFailure[] last) {
        limiter.acquire();
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            ApiFailure failure = new ApiFailure(0, "io_error", String.valueOf(e.getMessage()), idempotent, e);
            if (!idempotent) {
                throw new UncheckedIOException(failure);
            }
            last[0] = failure;
            return Poll.again("no answer: " + e.getMessage());
        }
        if (response.isSuccessful()) {
            return Poll.done(response);
        }
        ApiFailure failure = failure(response);
        boolean retry = failure.code().equals("rate_limit_exceeded")
                || response.code() == 429
                || failure.code().equals("locked")
                || response.code() == 503
                || (response.code() >= 500 && idempotent);
        if (!retry) {
            throw new UncheckedIOException(failure);
        }
        last[0] = failure;
        Optional<Duration> after = response.code() == 429 ? retryAfter(response) : Optional.empty();
        response.close();
        return new Poll.Again<>("HTTP " + response.code() + " " + failure.code(), after);
    }

    private static ApiFailure failure(Response response) {
        String body;
        try (response) {
            body = response.peekBody(64 * 1024).string();
        } catch (IOException e) {
            body = "";
        }
        String code = "http_" + response.code();
        String message = body.isBlank() ? response.message() : abbreviate(body);
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.hasNonNull("code")) {
                code = error.get("code").asText();
                message = error.path("message").asText(message);
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page): keep the status-derived code and the body's start.
        }
        return new ApiFailure(response.code(), code, message, false, null);
    }

    private Optional<Duration> retryAfter(Response response) {
        try {
            String retryAfter = response.header("Retry-After");
            if (retryAfter != null) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.strip())));
            }
            String reset = response.header("RateLimit-Reset");
            if (reset != null) {
                Duration until = Duration.between(
                        waiter.clock().instant(), Instant.ofEpochSecond(Long.parseLong(reset.strip())));
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** Moves a URL from the library's fixed base onto the configured endpoint. */
    HttpUrl rewrite(HttpUrl url) {
        String full = url.toString();
        if (!full.startsWith(LIBRARY_BASE)) {
            return url;
        }
        HttpUrl.Builder builder = url.newBuilder()
                .scheme(endpoint.scheme())
                .host(endpoint.host())
                .port(endpoint.port())
                .encodedPath("/");
        for (String segment : endpoint.pathSegments()) {
            if (!segment.isEmpty()) {
                builder.addPathSegment(segment);
            }
        }
        for (String segment : url.pathSegments().subList(1, url.pathSize())) {
            builder.addPathSegment(segment);
        }
        return builder.build();
    }

    private static String abbreviate(String body) {
        String line = body.strip().replaceAll("\\s+", " ");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
