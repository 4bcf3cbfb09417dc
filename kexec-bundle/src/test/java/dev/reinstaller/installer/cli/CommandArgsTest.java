package dev.reinstaller.installer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommandArgsTest {
    private static final Set<String> NAMES = Set.of("--root", "--grace-seconds", "--binary-cache");

    private static CommandArgs parse(String... args) {
        return CommandArgs.parse(List.of(args), NAMES);
    }

    @Test
    void readsValuesAfterTheNameOrAfterAnEqualsSign() {
        CommandArgs args = parse("--root", "/tmp/tree", "--grace-seconds=7", "--binary-cache=http://c.example/a=b");

        assertThat(args.path("--root", "/")).isEqualTo(Path.of("/tmp/tree"));
        assertThat(args.number("--grace-seconds", 30)).isEqualTo(7);
        assertThat(args.uri("--binary-cache", URI.create("https://x"))).isEqualTo(URI.create("http://c.example/a=b"));
        assertThat(args.help()).isFalse();
        assertThat(args.version()).isFalse();
    }

    @Test
    void absentOptionsTakeTheirDefaults() {
        CommandArgs args = parse();

        assertThat(args.path("--root", "/")).isEqualTo(Path.of("/"));
        assertThat(args.number("--grace-seconds", 30)).isEqualTo(30);
        assertThat(args.text("--root")).isEmpty();
    }

    @Test
    void aValueMayLookLikeAnOption() {
        assertThat(parse("--root", "--help").text("--root")).contains("--help");
    }

    @Test
    void helpAndVersionAreFlags() {
        assertThat(parse("-h").help()).isTrue();
        assertThat(parse("--root", "/", "--help").help()).isTrue();
        assertThat(parse("-V").version()).isTrue();
        assertThat(parse("--version").version()).isTrue();
    }

    @Test
    void wrongCommandLinesAreUsageErrorsNamingTheProblem() {
        assertThatThrownBy(() -> parse("--rot", "/"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--rot'");
        assertThatThrownBy(() -> parse("--rot=/"))
                .isInstanceOf(UsageException.class)
                .hasMessage("unknown option '--rot'");
        assertThatThrownBy(() -> parse("tree")).hasMessage("unexpected argument 'tree'");
        assertThatThrownBy(() -> parse("--root")).hasMessage("option '--root' needs a value");
        assertThatThrownBy(() -> parse("--root", "/a", "--root=/b"))
                .hasMessage("option '--root' should be given only once");
        assertThatThrownBy(() -> parse("--grace-seconds", "ten").number("--grace-seconds", 30))
                .isInstanceOf(UsageException.class)
                .hasMessage("--grace-seconds: 'ten' is not a number");
        assertThatThrownBy(() -> parse("--binary-cache", "http://a b").uri("--binary-cache", URI.create("https://x")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--binary-cache: 'http://a b' is not a URL");
        assertThatThrownBy(() -> parse("--root", "a\0b").path("--root", "/"))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("--root: ");
    }
}
