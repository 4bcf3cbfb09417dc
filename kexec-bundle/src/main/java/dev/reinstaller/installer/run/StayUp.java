package dev.reinstaller.installer.run;

/**
 * Keeps the installer process alive after a failure past the point of no return, so the unit does not
 * fail (its {@code FailureAction=reboot} would boot a half-written disk) and the error and log stay
 * readable. The real implementation waits without a deadline: only the operator ends this wait, by
 * stopping the service or rebooting after looking.
 */
@FunctionalInterface
public interface StayUp {
    void hold(String reason);
}
