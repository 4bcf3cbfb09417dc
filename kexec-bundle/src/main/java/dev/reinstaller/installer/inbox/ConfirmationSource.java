package dev.reinstaller.installer.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Where a confirmation token comes from when the command line brought none (or for legacy runtime
 * info, always): the status API ({@code POST /confirm}) or the console. Blocks until
 * a token arrives or {@code deadline} passes; may be asked again after a wrong token.
 */
@FunctionalInterface
public interface ConfirmationSource {
    Optional<String> await(Instant deadline);
}
