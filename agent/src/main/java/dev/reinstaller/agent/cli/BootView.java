package dev.reinstaller.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.InfoSource;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.PrintWriter;

/**
 * What {@code decode} shows: the source of runtime info, the info itself where the line (or the
 * given cpio file) carries it, and the confirmation and watchdog settings.
 *
 * @param source inline, cpio, metadata or legacy
 * @param runtimeInfo the decoded runtime info, or null when it is not on the line
 * @param legacyRuntimeInfo the original format's info, for a legacy line
 * @param metadataUrl the metadata service override, for a metadata boot
 * @param confirm the confirmation token, if any
 * @param deadlineSeconds the watchdog deadline
 * @param note what the installer will do with this line, in words
 */
record BootView(
        String source,
        JsonNode runtimeInfo,
        JsonNode legacyRuntimeInfo,
        String metadataUrl,
        String confirm,
        long deadlineSeconds,
        String note) {

    static BootView of(BootParameters p, byte[] cpioInfo) {
        String confirm = p.confirm().orElse(null);
        long deadline = p.deadline().toSeconds();
        return switch (p.source()) {
            case InfoSource.Inline inline ->
                new BootView(
                        "inline",
                        RuntimeInfoJson.toTree(inline.info()),
                        null,
                        null,
                        confirm,
                        deadline,
                        "runtime info is on the command line");
            case InfoSource.InCpio cpio -> {
                if (cpioInfo == null) {
                    yield new BootView(
                            "cpio",
                            null,
                            null,
                            null,
                            confirm,
                            deadline,
                            "runtime info is in the appended cpio (crc " + cpio.crc()
                                    + "); pass --cpio-info FILE to check and show it");
                }
                RuntimeInfo info = switch (InfoCodec.decodeJson(cpioInfo, cpio.crc(), "--cpio-info")) {
                    case Result.Ok<RuntimeInfo> ok -> ok.value();
                    case Result.Error<RuntimeInfo> error -> throw Cli.badInput(error.error());
                };
                yield new BootView(
                        "cpio",
                        RuntimeInfoJson.toTree(info),
                        null,
                        null,
                        confirm,
                        deadline,
                        "runtime info is in the appended cpio and matches its crc");
            }
            case InfoSource.Metadata metadata ->
                new BootView(
                        "metadata",
                        null,
                        null,
                        metadata.url() == null ? null : metadata.url().toString(),
                        confirm,
                        deadline,
                        "the installer discovers runtime info from the metadata service and the hardware");
            case InfoSource.Legacy legacy ->
                new BootView(
                        "legacy",
                        null,
                        RuntimeInfoJson.toTree(legacy.info()),
                        null,
                        null,
                        deadline,
                        "the original format names no disk identity: the installer waits for an explicit"
                                + " confirmation and the key over its API or the console");
        };
    }

    void print(PrintWriter out) {
        out.println("source:   " + source);
        out.println("note:     " + note);
        if (metadataUrl != null) {
            out.println("metadata: " + metadataUrl);
        }
        out.println("confirm:  " + (confirm == null ? "(none: the installer waits for a confirmation)" : confirm));
        out.println("deadline: " + deadlineSeconds + " s");
        JsonNode info = runtimeInfo != null ? runtimeInfo : legacyRuntimeInfo;
        if (info != null) {
            out.println("runtime info:");
            out.println(info.toPrettyString());
        }
    }
}
