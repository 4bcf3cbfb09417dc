package dev.reinstaller.installer.confirm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.Clock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The console prompt with piped input, beside the status API's inbox. */
class ConsolePromptTest {
    private static final String KEY = "correct horse battery staple";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Clock clock = Clock.system();
    private final Inbox inbox = new Inbox(clock);
    private final StringWriter screen = new StringWriter();
    private final FakeProcesses processes = FakeProcesses.succeeding();

    private ConsolePrompt prompt(String typed) {
        return new ConsolePrompt(
                new StreamConsole(
                        () -> new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)),
                        new PrintWriter(screen),
                        Optional.empty(),
                        processes),
                inbox);
    }

    @Test
    void typedLinesAnswerTheKeyThenTheToken() {
        ConsolePrompt prompt = prompt(KEY + "\n48213377:drive-scsi0-0-0-0:40960000000\n");

        Optional<DiskKey> key = prompt.keys().await(clock.after(WAIT));
        Optional<String> token = prompt.confirmations().await(clock.after(WAIT));

        assertThat(key)
                .get()
                .satisfies(k ->
                        assertThat(new String(k.copy(), StandardCharsets.UTF_8)).isEqualTo(KEY));
        assertThat(token).contains("48213377:drive-scsi0-0-0-0:40960000000");
        assertThat(screen.toString())
                .contains(
                        "disk key (passphrase of the new pool): ", "confirmation token (from reinstaller-agent plan): ")
                .doesNotContain(KEY);
    }

    @Test
    void theStatusApiCanAnswerFirstAndTheLineTypedLaterDoesNotAnswerTheNextQuestion() throws IOException {
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream console = new PipedInputStream(keyboard);
        ConsolePrompt prompt = new ConsolePrompt(
                new StreamConsole(() -> console, new PrintWriter(screen), Optional.empty(), processes), inbox);
        java.util.concurrent.CompletableFuture<Optional<DiskKey>> key =
                java.util.concurrent.CompletableFuture.supplyAsync(
                        () -> prompt.keys().await(clock.after(WAIT)));
        dev.reinstaller.installer.system.Waits.poll(
                clock,
                clock.after(WAIT),
                Duration.ofMillis(10),
                Duration.ofMillis(100),
                () -> screen.toString().contains("disk key") ? Optional.of(true) : Optional.empty());
        inbox.offerKey(DiskKey.take(KEY.getBytes(StandardCharsets.UTF_8)));

        assertThat(key.join()).isPresent();
        assertThat(screen.toString())
                .endsWith("\nreinstaller: the disk key arrived over the status API; press Enter to go on\n");
        keyboard.write("typed too late\n".getBytes(StandardCharsets.UTF_8));
        keyboard.write("the-token\n".getBytes(StandardCharsets.UTF_8));
        keyboard.flush();

        assertThat(prompt.confirmations().await(clock.after(WAIT))).contains("the-token");
        assertThat(screen.toString())
                .contains("press Enter to go on\nreinstaller: confirmation token (from reinstaller-agent plan): ");
        keyboard.close();
    }

    @Test
    void withoutAConsoleOnlyTheInboxAnswersAndTheDeadlineHolds() {
        ConsolePrompt prompt = new ConsolePrompt(Console.none(), inbox);

        assertThat(prompt.confirmations().await(clock.after(Duration.ofMillis(200))))
                .isEmpty();
        inbox.offerToken("from-the-api");
        assertThat(prompt.confirmations().await(clock.after(WAIT))).contains("from-the-api");
    }

    @Test
    void aSecretLineOnATerminalIsReadWithEchoOffFromBeforeThePrompt() {
        List<String> screenAtStty = new ArrayList<>();
        Processes stty = new Processes() {
            @Override
            public ProcessResult run(List<String> argv, byte[] stdin, Duration timeout) {
                screenAtStty.add(screen.toString());
                return processes.run(argv, stdin, timeout);
            }

            @Override
            public int stream(
                    List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
                return processes.stream(argv, environment, timeout, lines);
            }
        };
        StreamConsole console = new StreamConsole(
                () -> new ByteArrayInputStream((KEY + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(screen),
                Optional.of("/dev/console"),
                stty);

        assertThat(console.ask("key: ", true)).contains(KEY);
        assertThat(processes.runs())
                .containsExactly(
                        List.of("stty", "-F", "/dev/console", "-echo"), List.of("stty", "-F", "/dev/console", "echo"));
        assertThat(screenAtStty).containsExactly("", "key: ");
        assertThat(screen.toString()).isEqualTo("key: \n");
    }

    @Test
    void anOrdinaryLineLeavesTheTerminalAlone() {
        StreamConsole console = new StreamConsole(
                () -> new ByteArrayInputStream("the-token\n".getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(screen),
                Optional.of("/dev/console"),
                processes);

        assertThat(console.ask("token: ", false)).contains("the-token");
        assertThat(processes.runs()).isEmpty();
        assertThat(screen.toString()).isEqualTo("token: ");
    }
}
