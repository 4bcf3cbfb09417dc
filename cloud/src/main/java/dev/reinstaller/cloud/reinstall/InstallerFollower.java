package dev.reinstaller.cloud.reinstall;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Reads the installer's server-sent events through a tunnel until an event ends the run, and answers
 * what the installer waits for: the disk key ({@code POST /disk-key}) and the confirmation token
 * ({@code POST /confirm}), each at most once per stream, and the closure it waits for (copied by
 * {@link Answers#closure} while the stream waits). The lines become events in {@link EventStreamParser},
 * what to do after each event is decided by {@link FollowDecision}; this class does the I/O. The read is
 * cut at the deadline (the stream is closed under the reader), so a silent installer cannot hang the run.
 */
final class InstallerFollower {

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
        InputStream body;
        try {
            body = open(base, after);
        } catch (IOException e) {
            return new End.Lost(after, e.getMessage());
        }
        // Set before the close, so that the read the close breaks sees it and reports the deadline.
        AtomicBoolean late = new AtomicBoolean();
        CompletableFuture<Void> cut = CompletableFuture.runAsync(
                () -> {
                    late.set(true);
                    closeQuietly(body);
                },
                CompletableFuture.delayedExecutor(deadline.toMillis(), TimeUnit.MILLISECONDS));
        String noEnd = "no end within " + deadline.toSeconds() + " s";
        long lastSeq = after;
        EventStreamParser parser = new EventStreamParser();
        FollowDecision decision = answers.isPresent() ? FollowDecision.answering() : FollowDecision.watching();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                Optional<InstallerEvent> parsed = parser.line(line);
                if (parsed.isEmpty()) {
                    continue;
                }
                InstallerEvent event = parsed.get();
                lastSeq = Math.max(lastSeq, event.seq());
                onEvent.accept(event);
                FollowDecision.Step step = decision.after(event);
                decision = step.next();
                switch (step.action()) {
                    case FollowDecision.Action.Read read -> {}
                    case FollowDecision.Action.Answer answer -> answer(base, answers.orElseThrow(), answer);
                    case FollowDecision.Action.Finish finish -> {
                        return finish.end();
                    }
                }
            }
            return new End.Lost(lastSeq, late.get() ? noEnd : "stream ended");
        } catch (IOException e) {
            return new End.Lost(lastSeq, late.get() ? noEnd : e.getMessage());
        } finally {
            cut.cancel(false);
        }
    }

    /** {@code GET /events} after {@code after}; the body of a 200 answer. */
    private InputStream open(URI base, long after) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/events"))
                .header("Accept", "text/event-stream")
                .header("Last-Event-ID", Long.toString(after))
                .timeout(Duration.ofSeconds(30))
                .build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new IOException("GET /events: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("GET /events answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    private void answer(URI base, Answers answers, FollowDecision.Action.Answer answer) throws IOException {
        switch (answer.reply()) {
            case CLOSURE -> answers.closure(answer.event());
            case DISK_KEY -> post(base, "/disk-key", answers.diskKey());
            case CONFIRMATION ->
                post(base, "/confirm", answers.confirmationToken().getBytes(StandardCharsets.UTF_8));
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

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing is how the deadline interrupts the read; a failure to close changes nothing.
        }
    }
}
