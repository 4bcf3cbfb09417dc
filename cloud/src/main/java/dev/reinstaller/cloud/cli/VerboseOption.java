package dev.reinstaller.cloud.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}: errors with their stack traces (read by {@link Main} from the parsed arguments). */
final class VerboseOption {
    @Option(names = "--verbose", description = "Stack traces.")
    boolean verbose;
}
