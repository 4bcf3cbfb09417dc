package dev.reinstaller.installer.confirm;

import dev.reinstaller.installer.inbox.ConfirmationSource;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.inbox.KeySource;
import dev.reinstaller.installer.secrets.DiskKey;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asks on the {@link Console} for what the confirm phase waits for, while the status API can answer
 * too: both feed the same {@link Inbox}, and whichever answers first wins. One reader thread (started
 * on the first question) prompts once per question, so each typed line answers the question it was
 * typed for; a line that arrives after its question was answered elsewhere is dropped. Since a read
 * from the console cannot be called off, a question answered over the status API while the console
 * waits for its line says so there and asks for Enter, so the next prompt can appear. The key is
 * read without echo where the console allows it and goes straight into a {@link DiskKey}.
 */
public final class ConsolePrompt {
    private enum Want {
        KEY("the disk key"),
        TOKEN("the confirmation token");

        private final String what;

        Want(String what) {
            this.what = what;
        }
    }

    private record Question(long id, Want want) {}

    private final Console console;
    private final Inbox inbox;
    private final Object lock = new Object();
    private Question current;
    /** The question whose line the console reader waits for, if it waits. */
    private Question onScreen;

    private long asked;
    private boolean reading;

    public ConsolePrompt(Console console, Inbox inbox) {
        this.console = console;
        this.inbox = inbox;
    }

    /** The inbox's keys, asked for on the console as well while a caller waits. */
    public KeySource keys() {
        return deadline -> asking(Want.KEY, () -> inbox.keys().await(deadline));
    }

    /** The inbox's confirmation tokens, asked for on the console as well while a caller waits. */
    public ConfirmationSource confirmations() {
        return deadline -> asking(Want.TOKEN, () -> inbox.confirmations().await(deadline));
    }

    /** Asks on the console for what {@code wait} waits for in the inbox, and settles the question after. */
    private <T> Optional<T> asking(Want want, Supplier<Optional<T>> wait) {
        ask(want);
        Optional<T> answer = Optional.empty();
        try {
            answer = wait.get();
            return answer;
        } finally {
            settle(answer.isPresent());
        }
    }

    private void ask(Want want) {
        synchronized (lock) {
            current = new Question(++asked, want);
            lock.notifyAll();
            if (!reading) {
                reading = true;
                Thread.ofVirtual().name("console-prompt").start(this::read);
            }
        }
    }

    /** The current question is over; {@code answered}: with an answer (else its deadline passed). */
    private void settle(boolean answered) {
        synchronized (lock) {
            if (answered && onScreen != null && onScreen.equals(current)) {
                console.show("\nreinstaller: " + onScreen.want().what
                        + " arrived over the status API; press Enter to go on\n");
            }
            current = null;
        }
    }

    private void read() {
        long served = 0;
        while (true) {
            Question question;
            synchronized (lock) {
                while (current == null || current.id() <= served) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                question = current;
                served = question.id();
                onScreen = question;
            }
            Optional<String> line = console.ask(
                    switch (question.want()) {
                        case KEY -> "reinstaller: disk key (passphrase of the new pool): ";
                        case TOKEN -> "reinstaller: confirmation token (from reinstaller-agent plan): ";
                    },
                    question.want() == Want.KEY);
            synchronized (lock) {
                onScreen = null;
                if (line.isEmpty()) {
                    return;
                }
                if (current == null || current.id() != question.id()) {
                    continue;
                }
            }
            switch (question.want()) {
                case KEY -> inbox.offerKey(DiskKey.take(line.get().getBytes(StandardCharsets.UTF_8)));
                case TOKEN -> inbox.offerToken(line.get().strip());
            }
        }
    }
}
