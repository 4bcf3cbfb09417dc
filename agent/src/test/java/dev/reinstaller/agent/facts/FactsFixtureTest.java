package dev.reinstaller.agent.facts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture host against its golden {@code facts --json} document. Run with
 * {@code -Dfacts.update=true} to rewrite the golden files after a deliberate change, then review the
 * diff.
 */
class FactsFixtureTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path root;

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of("hetzner-dhcp", null, "expected.json"),
                Arguments.of("hetzner-static", null, "expected.json"),
                Arguments.of("ipv6-only", null, "expected.json"),
                Arguments.of("private-network", null, "expected.json"),
                Arguments.of("two-disks", null, "expected.json"),
                Arguments.of("two-disks", "sdb", "expected-sdb.json"),
                Arguments.of("arm-efi", null, "expected.json"),
                Arguments.of("zfs-root", null, "expected.json"),
                Arguments.of("rescue", "/dev/sda", "expected.json"),
                Arguments.of("docker", null, "expected.json"),
                Arguments.of("captured-vm", null, "expected.json"));
    }

    @ParameterizedTest(name = "{0} --disk {1}")
    @MethodSource("fixtures")
    void matchesGolden(String fixture, String disk, String golden) throws IOException {
        FixtureHost host = FixtureHost.load(fixture, root);
        Facts facts = new FactsService(host.paths(), host.processes(), host.metadata(), CLOCK)
                .gather(new FactsRequest(Optional.ofNullable(disk), Optional.empty(), Duration.ofSeconds(2)));
        String actual = FactsReport.json(facts);

        Path source = Path.of("src/test/resources/facts", fixture, golden);
        if (Boolean.getBoolean("facts.update")) {
            Files.writeString(source, actual, StandardCharsets.UTF_8);
        }
        JsonNode expected = JSON.readTree(FixtureHost.read("/facts/" + fixture + "/" + golden));
        assertThat(JSON.readTree(actual)).as(actual).isEqualTo(expected);
    }
}
