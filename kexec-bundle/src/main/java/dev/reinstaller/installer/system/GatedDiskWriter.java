package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A {@link DiskWriter} that refuses everything until {@link #open} is called. Only the phase runner
 * calls it, right after {@code confirm} passed; it never closes again in the same run. This is the
 * second lock behind the runner's own rule that destructive phases need a passed confirmation: even a
 * phase that tried to write early would be refused before reaching the disk.
 */
public final class GatedDiskWriter implements DiskWriter {
    private final DiskWriter delegate;
    private final AtomicBoolean open = new AtomicBoolean();

    public GatedDiskWriter(DiskWriter delegate) {
        this.delegate = delegate;
    }

    /** Lets writes through from now on. */
    public void open() {
        open.set(true);
    }

    public boolean isOpen() {
        return open.get();
    }

    @Override
    public ProcessResult run(List<String> argv, Duration timeout) {
        requireOpen(String.join(" ", argv));
        return delegate.run(argv, timeout);
    }

    @Override
    public int stream(List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        requireOpen(String.join(" ", argv));
        return delegate.stream(argv, environment, timeout, lines);
    }

    @Override
    public void write(String devicePath, long offset, byte[] bytes) {
        requireOpen("writing to " + devicePath);
        delegate.write(devicePath, offset, bytes);
    }

    @Override
    public void writeFile(String path, byte[] content, boolean privateFile) {
        requireOpen("writing " + path);
        delegate.writeFile(path, content, privateFile);
    }

    private void requireOpen(String what) {
        if (!open.get()) {
            throw InstallerException.refused(
                    "refused " + what + ": nothing writes to a disk before the confirmation has passed");
        }
    }
}
