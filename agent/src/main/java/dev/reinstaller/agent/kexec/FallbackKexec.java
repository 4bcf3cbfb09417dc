package dev.reinstaller.agent.kexec;

import java.nio.file.Path;

/**
 * Uses {@code primary} and turns to {@code fallback} only when the primary is unavailable (no
 * syscall, no foreign-function access); a refusal by the kernel is never retried another way. The
 * result of a fallback load says why the primary was not used.
 */
public final class FallbackKexec implements Kexec {
    private final Kexec primary;
    private final Kexec fallback;
    private boolean primaryUnavailable;

    public FallbackKexec(Kexec primary, Kexec fallback) {
        this.primary = primary;
        this.fallback = fallback;
    }

    @Override
    public LoadResult load(Path kernel, InitrdImage initrd, String commandLine) {
        try {
            return primary.load(kernel, initrd, commandLine);
        } catch (KexecException e) {
            if (e.kind() != KexecException.Kind.UNAVAILABLE) {
                throw e;
            }
            primaryUnavailable = true;
            try {
                return fallback.load(kernel, initrd, commandLine).withFallbackReason(e.getMessage());
            } catch (KexecException second) {
                throw new KexecException(
                        second.kind(),
                        second.errno(),
                        second.getMessage() + " (fallback, because " + e.getMessage() + ")",
                        second);
            }
        }
    }

    @Override
    public void unload() {
        active(() -> primary.unload(), () -> fallback.unload());
    }

    @Override
    public void rebootIntoLoaded() {
        active(() -> primary.rebootIntoLoaded(), () -> fallback.rebootIntoLoaded());
    }

    @Override
    public String describe() {
        return primary.describe() + "; fallback: " + fallback.describe();
    }

    private void active(Runnable onPrimary, Runnable onFallback) {
        if (primaryUnavailable) {
            onFallback.run();
            return;
        }
        try {
            onPrimary.run();
        } catch (KexecException e) {
            if (e.kind() != KexecException.Kind.UNAVAILABLE) {
                throw e;
            }
            primaryUnavailable = true;
            onFallback.run();
        }
    }
}
