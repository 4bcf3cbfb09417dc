package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;

/** SSH failures as exit codes: a refused host key is a refusal, a deadline a timeout. */
final class SshFailures {
    private SshFailures() {}

    static ExitException exit(SshException e) {
        ExitCode code = switch (e.kind()) {
            case HOST_KEY -> ExitCode.REFUSED;
            case TIMEOUT -> ExitCode.TIMEOUT;
            case UNREACHABLE, AUTH, DISCONNECTED -> ExitCode.REMOTE;
            case IO -> ExitCode.FAILED;
        };
        return new ExitException(code, e.getMessage(), e);
    }
}
