package dev.reinstaller.cloud.reinstall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Server-sent event lines, as the installer writes them, become events one blank line at a time. */
class EventStreamParserTest {

    private static List<InstallerEvent> parse(String stream) throws IOException {
        EventStreamParser parser = new EventStreamParser();
        List<InstallerEvent> events = new ArrayList<>();
        for (String line : stream.split("\n", -1)) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }

    @Test
    void eachBlankLineEndsOneEventWithItsSeqTypeAndPhase() throws IOException {
        List<InstallerEvent> events = parse("id: 1\n"
                + "data: {\"seq\":1,\"type\":\"phase-started\",\"phase\":\"params\"}\n"
                + "\n"
                + "id: 2\n"
                + "data: {\"seq\":2,\"type\":\"run-completed\",\"phases\":[\"params\"]}\n"
                + "\n");

        assertThat(events)
                .extracting(e -> e.seq() + " " + e.type() + " " + e.phase())
                .containsExactly("1 phase-started params", "2 run-completed ");
        assertThat(events.get(1).json().path("phases").get(0).asText()).isEqualTo("params");
    }

    @Test
    void dataLinesOfOneEventAreJoined() throws IOException {
        List<InstallerEvent> events = parse("data: {\"seq\":7,\n" + "data:  \"type\":\"waiting\"}\n\n");

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.seq()).isEqualTo(7);
            assertThat(e.type()).isEqualTo("waiting");
        });
    }

    @Test
    void commentsIdsAndBlankLinesWithoutDataAreNoEvent() throws IOException {
        EventStreamParser parser = new EventStreamParser();

        assertThat(parser.line(": keep-alive")).isEmpty();
        assertThat(parser.line("")).isEmpty();
        assertThat(parser.line("id: 3")).isEmpty();
        assertThat(parser.line("event: message")).isEmpty();
        assertThat(parser.line("")).isEmpty();
        assertThat(parser.line("data: {\"seq\":3,\"type\":\"progress\"}")).isEmpty();
        assertThat(parser.line("")).map(InstallerEvent::type).isEqualTo(Optional.of("progress"));
    }

    @Test
    void anEventWithoutSeqOrTypeReadsAsZeroAndEmpty() throws IOException {
        assertThat(parse("data: {}\n\n"))
                .singleElement()
                .satisfies(e -> assertThat(e.seq() + "/" + e.type()).isEqualTo("0/"));
    }

    /** The message of the error the blank line after {@code data: <data>} raises. */
    private static String errorAfter(String data) throws IOException {
        EventStreamParser parser = new EventStreamParser();
        parser.line("data: " + data);
        return catchThrowableOfType(IOException.class, () -> parser.line("")).getMessage();
    }

    @Test
    void dataThatIsNotJsonIsAnErrorThatQuotesIt() throws IOException {
        assertThat(errorAfter("{\"seq\":4,\"type\""))
                .startsWith("event data is not JSON (")
                .endsWith(": {\"seq\":4,\"type\"");
    }

    @Test
    void dataThatIsJsonButNoObjectIsAnError() throws IOException {
        assertThat(errorAfter("[1,2]")).isEqualTo("event data is not a JSON object: [1,2]");
    }

    @Test
    void afterABadEventTheNextOneIsReadAfresh() throws IOException {
        EventStreamParser parser = new EventStreamParser();
        parser.line("data: nope");
        assertThatThrownBy(() -> parser.line("")).isInstanceOf(IOException.class);

        parser.line("data: {\"seq\":5,\"type\":\"progress\"}");
        assertThat(parser.line("")).map(InstallerEvent::seq).isEqualTo(Optional.of(5L));
    }
}
