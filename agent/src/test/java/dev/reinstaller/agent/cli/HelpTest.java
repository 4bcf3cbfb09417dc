package dev.reinstaller.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.hostinfo.process.FakeProcesses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HelpTest {
    @TempDir
    Path root;

    /** The entries of the "Commands:" list of a help text, each with its wrapped lines joined. */
    static List<String> commandSummaries(String help) {
        List<String> entries = new ArrayList<>();
        boolean inList = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("Commands:")) {
                inList = true;
            } else if (inList && line.isBlank()) {
                inList = false;
            } else if (inList && line.startsWith("   ") && !entries.isEmpty()) {
                entries.set(entries.size() - 1, entries.getLast() + " " + line.strip());
            } else if (inList) {
                entries.add(line.strip());
            }
        }
        return entries;
    }

    @Test
    void everyCommandSummaryIsAWholeSentence() {
        CliRun run = CliRun.run(root, FakeProcesses.strict(), "", "--help");

        List<String> summaries = commandSummaries(run.out());
        assertThat(summaries).hasSizeGreaterThanOrEqualTo(7);
        assertThat(summaries).allSatisfy(entry -> assertThat(entry).endsWith("."));
    }

    @Test
    void aUsageErrorPointsToTheHelpWithOneSpace() {
        CliRun top = CliRun.run(root, FakeProcesses.strict(), "", "--bogus");
        CliRun sub = CliRun.run(root, FakeProcesses.strict(), "", "plan", "--bogus");

        assertThat(top.exitCode()).isEqualTo(2);
        assertThat(top.err()).contains("Try 'reinstaller-agent --help'.");
        assertThat(sub.exitCode()).isEqualTo(2);
        assertThat(sub.err()).contains("Try 'reinstaller-agent plan --help'.");
    }
}
