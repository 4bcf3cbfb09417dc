package dev.reinstaller.agent.install;

import dev.reinstaller.agent.kexec.LoadResult;
import dev.reinstaller.agent.preflight.PreflightReport;
import java.util.Optional;

/**
 * How an install ended, when it returns at all (a successful reboot does not). The CLI maps each case
 * to an exit code: {@code Loaded} 0, {@code Refused} 3, {@code BadInput} 6, {@code Failed} 1.
 */
public sealed interface InstallOutcome {

    /** One line for stderr. */
    String message();

    /** The image is staged and the host was not rebooted ({@code reboot} was off). */
    record Loaded(PreflightReport report, LoadResult load, String commandLine, boolean infoInCpio)
            implements InstallOutcome {
        @Override
        public String message() {
            return "loaded with " + load.mechanism() + " (" + load.initrdBytes() + "-byte initrd, "
                    + (load.commandLineBytes() + 1) + "-byte command line); not rebooted";
        }
    }

    /** A check said no before anything was loaded: the token, or a failed preflight check. */
    record Refused(String reason, Optional<PreflightReport> report) implements InstallOutcome {
        @Override
        public String message() {
            return "refused: " + reason;
        }
    }

    /** The caller's input cannot be used: the disk key, or parameters that cannot be encoded. */
    record BadInput(String reason) implements InstallOutcome {
        @Override
        public String message() {
            return "bad input: " + reason;
        }
    }

    /** Loading or rebooting failed. */
    record Failed(String reason, Optional<Throwable> cause) implements InstallOutcome {
        @Override
        public String message() {
            return "failed: " + reason;
        }
    }
}
