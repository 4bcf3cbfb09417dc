package dev.reinstaller.agent.testing;

import dev.reinstaller.agent.kexec.InitrdImage;
import dev.reinstaller.agent.kexec.Kexec;
import dev.reinstaller.agent.kexec.KexecException;
import dev.reinstaller.agent.kexec.LoadResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Records calls; {@link #failLoadWith} makes loads fail. Keeps the assembled initrd of the last load. */
public final class FakeKexec implements Kexec {
    private final List<String> calls = new ArrayList<>();
    private KexecException loadFailure;
    private byte[] lastInitrd;
    private String lastCommandLine;

    public FakeKexec failLoadWith(KexecException failure) {
        this.loadFailure = failure;
        return this;
    }

    @Override
    public LoadResult load(Path kernel, InitrdImage initrd, String commandLine) {
        calls.add("load " + kernel.getFileName());
        if (loadFailure != null) {
            throw loadFailure;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            initrd.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastInitrd = out.toByteArray();
        lastCommandLine = commandLine;
        return new LoadResult("fake", Optional.empty(), 0, initrd.size(), commandLine.length());
    }

    @Override
    public void unload() {
        calls.add("unload");
    }

    @Override
    public void rebootIntoLoaded() {
        calls.add("reboot");
        throw new KexecException(KexecException.Kind.FAILED, 0, "fake reboot does not reboot");
    }

    @Override
    public String describe() {
        return "fake";
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public byte[] lastInitrd() {
        return lastInitrd;
    }

    public String lastCommandLine() {
        return lastCommandLine;
    }
}
