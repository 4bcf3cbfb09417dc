package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.wait.Waiter;

/**
 * What every phase of a server's reinstall ({@link OldHostPhase}, {@link RamdiskPhase},
 * {@link PostInstall}) works with: the SSH client, the one way to wait, the run's settings and where
 * progress goes.
 */
record PhaseContext(Ssh ssh, Waiter waiter, ReinstallSettings settings, Progress progress) {}
