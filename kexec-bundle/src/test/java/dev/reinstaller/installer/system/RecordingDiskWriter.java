package dev.reinstaller.installer.system;

import dev.reinstaller.hostinfo.process.Processes.ProcessResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link DiskWriter} for tests: records every command and byte write in order and touches nothing.
 * Commands succeed unless scripted otherwise; a hook can run on a command (to create the partition
 * nodes that {@code sgdisk} would make appear, for example).
 */
public final class RecordingDiskWriter implements DiskWriter {
    /** One recorded call: a command, or a write of {@code length} bytes. */
    public record Call(List<String> argv, String devicePath, long offset, int length) {
        public String text() {
            if (argv != null) {
                return String.join(" ", argv);
            }
            return offset < 0
                    ? "file " + devicePath + " +" + length
                    : "write " + devicePath + " @" + offset + " +" + length;
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final Map<List<String>, Integer> exitCodes = new HashMap<>();
    private final Map<String, Consumer<List<String>>> hooks = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private final Map<String, List<String>> outputs = new HashMap<>();
    private final List<Map<String, String>> environments = new ArrayList<>();
    private Function<List<String>, Integer> streamExit = argv -> 0;

    public synchronized RecordingDiskWriter fail(List<String> argv, int exitCode) {
        exitCodes.put(List.copyOf(argv), exitCode);
        return this;
    }

    /** Runs {@code hook} after each command whose program is {@code program}. */
    public synchronized RecordingDiskWriter onCommand(String program, Consumer<List<String>> hook) {
        hooks.put(program, hook);
        return this;
    }

    @Override
    public synchronized ProcessResult run(List<String> argv, Duration timeout) {
        calls.add(new Call(List.copyOf(argv), null, 0, 0));
        hooks.getOrDefault(argv.getFirst(), a -> {}).accept(argv);
        int code = exitCodes.getOrDefault(argv, 0);
        return new ProcessResult(argv, code, "", code == 0 ? "" : "scripted failure");
    }

    /** Lines a streamed command whose program is {@code program} prints. */
    public synchronized RecordingDiskWriter output(String program, List<String> lines) {
        outputs.put(program, List.copyOf(lines));
        return this;
    }

    /** The exit code of streamed commands (0 unless set). */
    public synchronized RecordingDiskWriter streamExit(Function<List<String>, Integer> exit) {
        streamExit = exit;
        return this;
    }

    @Override
    public synchronized int stream(
            List<String> argv, Map<String, String> environment, Duration timeout, Consumer<String> lines) {
        calls.add(new Call(List.copyOf(argv), null, 0, 0));
        environments.add(Map.copyOf(environment));
        hooks.getOrDefault(argv.getFirst(), a -> {}).accept(argv);
        outputs.getOrDefault(argv.getFirst(), List.of()).forEach(lines);
        return streamExit.apply(argv);
    }

    /** The environments streamed commands got, in order. */
    public synchronized List<Map<String, String>> environments() {
        return List.copyOf(environments);
    }

    @Override
    public synchronized void write(String devicePath, long offset, byte[] bytes) {
        calls.add(new Call(null, devicePath, offset, bytes.length));
    }

    @Override
    public synchronized void writeFile(String path, byte[] content, boolean privateFile) {
        calls.add(new Call(null, path, -1, content.length));
        files.put(path, content.clone());
    }

    /** Content of a file written with {@link #writeFile}. */
    public synchronized byte[] file(String path) {
        return files.get(path);
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<String> commandLines() {
        return calls.stream().map(Call::text).toList();
    }
}
