package dev.reinstaller.installer.cli;

import dev.reinstaller.protocol.ExitCode;

/** A wrong command line; {@link Main} prints the message and exits with {@link ExitCode#USAGE}. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
