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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Everything between the library and the wire: points the library's fixed base URL at the configured
 * endpoint, takes a token from the rate limiter before every request, retries what is worth retrying
 * within a deadline, checks that a successful answer is one JSON object of a sane size
 * ({@link ReplyCheck}), and turns every final non-2xx answer into an {@link ApiFailure}.
 *
 * <p>Retried: 429 {@code rate_limit_exceeded} (after Retry-After or RateLimit-Reset when given, read by
 * {@link RetryAfter}, never sooner than the backoff) and {@code locked}, for every method, because the
 * API refused them before acting; 5xx and I/O errors for GET and DELETE; 503 for POST too (the API did
 * not take the request). A POST that may have been carried out (500, 502, 504, a broken connection) is
 * not repeated: a second create or reset is worse than an error. No connection at all (refused, no
 * route, unknown host) means nothing was sent: it is retried for every method, but only for
 * {@code connectDeadline} from the first such failure, then reported as {@code connection_failed} naming
 * the address. Every retry is announced through {@code notices} as it is decided.
 */
final class ApiInterceptor implements Interceptor {
    static final String LIBRARY_BASE = "https://api.hetzner.cloud/v1";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "DELETE", "PUT");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final DateTimeFormatter CLOCK_TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final HttpUrl endpoint;
    private final Failures failures;
    private final TokenBucket limiter;
    private final Waiter waiter;
    private final Retries retries;

    ApiInterceptor(HttpUrl endpoint, Failures failures, TokenBucket limiter, Waiter waiter, Retries retries) {
        this.endpoint = endpoint;
        this.failures = failures;
        this.limiter = limiter;
        this.waiter = waiter;
        this.retries = retries;
    }

    /**
     * How long and how often to retry.
     *
     * @param deadline how long one call keeps retrying
     * @param backoff pauses between retries of answers
     * @param connectDeadline how long a run of failed connections is retried; at most {@code deadline}
     * @param connectBackoff pauses between connection attempts
     * @param maxPause the longest pause a Retry-After can ask for
     * @param notices one line per retry (what failed, the next try, the deadline)
     */
    record Retries(
            Duration deadline,
            Backoff backoff,
            Duration connectDeadline,
            Backoff connectBackoff,
            Duration maxPause,
            Consumer<String> notices) {}

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request =
                chain.request().newBuilder().url(rewrite(chain.request().url())).build();
        Call call = new Call(request, waiter.clock().instant());
        try {
            return waiter.until(call.what, retries.deadline(), retries.backoff(), () -> attempt(chain, call));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (DeadlineExceededException e) {
            ApiFailure seen = call.last;
            throw new ApiFailure(
                    seen == null ? 0 : seen.status(),
                    seen == null ? "timeout" : seen.code(),
                    (seen == null ? "" : seen.apiMessage() + "; ") + "still failing after "
                            + retries.deadline().toSeconds() + " s of retries",
                    true,
                    e);
        }
    }

    /** One call's state across its attempts. */
    private static final class Call {
        final Request request;
        final boolean idempotent;
        final String what;
        final Instant start;
        int attempts;
        ApiFailure last;
        Instant firstRefused;

        Call(Request request, Instant start) {
            this.request = request;
            this.idempotent = IDEMPOTENT.contains(request.method());
            this.what = request.method() + " " + request.url().encodedPath();
            this.start = start;
        }
    }

    private Poll<Response> attempt(Chain chain, Call call) {
        limiter.acquire();
        call.attempts++;
        Response response;
        try {
            response = chain.proceed(call.request);
        } catch (IOException e) {
            return noAnswer(call, e);
        }
        call.firstRefused = null;
        if (response.isSuccessful()) {
            try {
                return Poll.done(ReplyCheck.checked(response, failures.endpoint()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ApiFailure failure = failure(response);
        boolean retry = failure.code().equals("rate_limit_exceeded")
                || response.code() == 429
                || failure.code().equals("locked")
                || response.code() == 503
                || (response.code() >= 500 && call.idempotent);
        if (!retry) {
            throw new UncheckedIOException(failure);
        }
        call.last = failure;
        Optional<Duration> asked = response.code() == 429
                ? RetryAfter.of(
                        response.header("Retry-After"),
                        response.header("RateLimit-Reset"),
                        waiter.clock().instant(),
                        retries.maxPause())
                : Optional.empty();
        response.close();
        Duration pause = retries.backoff().after(call.attempts);
        if (asked.isPresent() && asked.get().compareTo(pause) > 0) {
            pause = asked.get();
        }
        return again(
                call, "HTTP " + response.code() + " " + failure.code(), pause, call.start.plus(retries.deadline()));
    }

    private Poll<Response> noAnswer(Call call, IOException e) {
        Optional<String> unreachable = Unreachable.reason(e);
        if (unreachable.isPresent()) {
            Instant now = waiter.clock().instant();
            if (call.firstRefused == null) {
                call.firstRefused = now;
            }
            Instant end = min(call.firstRefused.plus(retries.connectDeadline()), call.start.plus(retries.deadline()));
            String state = unreachable.get();
            if (!now.isBefore(end)) {
                throw new UncheckedIOException(new ApiFailure(
                        0,
                        "connection_failed",
                        "cannot connect to " + address() + " (" + unreachable.get() + "); " + call.attempts
                                + " tries in "
                                + Duration.between(call.start, now).toSeconds() + " s",
                        false,
                        e));
            }
            return again(call, state, retries.connectBackoff().after(call.attempts), end);
        }
        ApiFailure failure =
                new ApiFailure(0, "io_error", failures.shown(String.valueOf(e.getMessage())), call.idempotent, e);
        if (!call.idempotent) {
            throw new UncheckedIOException(failure);
        }
        call.last = failure;
        return again(
                call,
                "no answer: " + failure.apiMessage(),
                retries.backoff().after(call.attempts),
                call.start.plus(retries.deadline()));
    }

    /** Try again after {@code pause}, cut to {@code end}; says so through the notices. */
    private Poll<Response> again(Call call, String state, Duration pause, Instant end) {
        Instant now = waiter.clock().instant();
        Duration left = Duration.between(now, end);
        Duration next = pause.compareTo(left) > 0 ? left : pause;
        if (next.isPositive()) {
            retries.notices()
                    .accept("Hetzner API " + call.what + " at " + address() + ": " + state + "; next try in "
                            + seconds(next) + ", giving up at " + CLOCK_TIME.format(end) + " (in "
                            + seconds(left) + ")");
        }
        return new Poll.Again<>(state, Optional.of(next.isNegative() ? Duration.ZERO : next));
    }

    private String address() {
        String host = endpoint.host().contains(":") ? "[" + endpoint.host() + "]" : endpoint.host();
        return host + ":" + endpoint.port();
    }

    private ApiFailure failure(Response response) {
        String body;
        try (response) {
            body = response.peekBody(64 * 1024).string();
        } catch (IOException e) {
            body = "";
        }
        String code = "http_" + response.code();
        String message = body.isBlank() ? response.message() : body.strip();
        try {
            JsonNode error = JSON.readTree(body).path("error");
            if (error.hasNonNull("code")
                    && CODE.matcher(error.get("code").asText()).matches()) {
                code = error.get("code").asText();
                message = error.path("message").asText(message);
            }
        } catch (IOException e) {
            // Not JSON (a proxy's HTML page): keep the status-derived code and the body's start.
        }
        return new ApiFailure(response.code(), code, failures.shown(message.replaceAll("\\s+", " ")), false, null);
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

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
