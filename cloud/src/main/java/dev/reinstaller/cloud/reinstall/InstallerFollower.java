package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reads the installer's server-sent events through a tunnel until an event ends the run, and answers
 * what the installer waits for: the disk key ({@code POST /disk-key}) and the confirmation token
 * ({@code POST /confirm}), each at most once per stream, and the closure it waits for (copied by
 * {@link Answers#closure} while the stream waits). The read is cut at the deadline (the stream
 * is closed under the reader), so a silent installer cannot hang the run.
 */
final class InstallerFollower {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** How following ended. */
    sealed interface End {
        /**
         * The installer reported the end: {@code done} or failed with {@code message};
         * {@code rebootsIntoNew} when it reboots into the installed system (not after a run of some phases).
         */
        record Finished(boolean done, String message, boolean rebootsIntoNew) implements End {}

        /** The stream ended or broke before an end event; resume after {@code lastSeq}. */
        record Lost(long lastSeq, String reason) implements End {}
    }

    /** The answers the installer may ask for. */
    interface Answers {
        byte[] diskKey();

        String confirmationToken();

        /**
         * The installer waits for the system closure in its new pool's store ({@code event}, whose
         * {@code deadline} says until when): copy it, returning when it is there.
         *
         * @throws StageFailure when the copy fails
         */
        void closure(InstallerEvent event);
    }

    private final HttpClient http;

    InstallerFollower(HttpClient http) {
        this.http = http;
    }

    /** @param answers what to send when the installer waits; empty to only watch */
    End follow(int port, long after, Duration deadline, Optional<Answers> answers, Consumer<InstallerEvent> onEvent) {
        URI base = URI.create("http://127.0.0.1:" + port);
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(after))
                .timeout(Duration.ofSeconds(30))
                .build();
        long lastSeq = after;
        InputStream body;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                response.body().close();
                return new End.Lost(lastSeq, "GET /events answered HTTP " + response.statusCode());
            }
            body = response.body();
        } catch (IOException e) {
            return new End.Lost(lastSeq, "GET /events: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new End.Lost(lastSeq, "interrupted");
        }
        CompletableFuture<Void> cut = CompletableFuture.runAsync(
                () -> closeQuietly(body),
                CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS));
        boolean keySent = false;
        boolean tokenSent = false;
        boolean closureSent = false;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                    continue;
                }
                if (!line.isEmpty() || data.isEmpty()) {
                    continue;
                }
                InstallerEvent event = InstallerEvent.of(JSON.readTree(data.toString()));
                data.setLength(0);
                lastSeq = Math.max(lastSeq, event.seq());
                onEvent.accept(event);
                switch (event.type()) {
                    case "waiting" -> {
                        String what = event.json().path("what").asText("");
                        if (answers.isEmpty()) {
                            continue;
                        }
                        if (what.startsWith("system closure") && !closureSent) {
                            answers.get().closure(event);
                            closureSent = true;
                        } else if (what.contains("disk key") && !keySent) {
                            post(base, "/disk-key", answers.get().diskKey());
                            keySent = true;
                        } else if (what.contains("confirm") && !tokenSent) {
                            post(
                                    base,
                                    "/confirm",
                                    answers.get().confirmationToken().getBytes(StandardCharsets.UTF_8));
                            tokenSent = true;
                        }
                    }
                    case "phase-failed" -> {
                        if (event.json().path("pointOfNoReturnPassed").asBoolean(false)) {
                            return new End.Finished(
                                    false,
                                    failure(event) + " (after the point of no return: the"
                                            + " installer stays up with the error; see GET /log)",
                                    false);
                        }
                        return new End.Finished(false, failure(event) + " (nothing was written)", false);
                    }
                    case "rebooting" -> {
                        boolean toOld = event.json().path("toOldSystem").asBoolean(false);
                        return new End.Finished(
                                !toOld,
                                toOld
                                        ? "the installer gave up and reboots into the old system: "
                                                + event.json().path("reason").asText()
                                        : "rebooting into the new system",
                                !toOld);
                    }
                    case "run-completed" -> {
                        return new End.Finished(true, "run completed", false);
                    }
                    default -> {}
                }
            }
            return new End.Lost(
                    lastSeq, cut.isDone() ? "no end within " + deadline.toSeconds() + " s" : "stream ended");
        } catch (IOException e) {
            return new End.Lost(
                    lastSeq, cut.isDone() ? "no end within " + deadline.toSeconds() + " s" : e.getMessage());
        } finally {
            cut.cancel(false);
        }
    }

    private void post(URI base, String path, byte[] body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new IOException("POST " + path + " answered HTTP " + response.statusCode() + ": "
                        + response.body().strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted during POST " + path, e);
        }
    }

    private static String failure(InstallerEvent event) {
        JsonNode j = event.json();
        return "phase " + j.path("phase").asText() + " failed ("
                + j.path("category").asText() + "): " + j.path("message").asText();
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing is how the deadline interrupts the read; a failure to close changes nothing.
        }
    }
}
