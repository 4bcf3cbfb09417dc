package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.Ssh;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.Tunnel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Attaches to a running install: SSH to the ramdisk (host key checked by the policy), a tunnel to the
 * installer's status API on the ramdisk's 127.0.0.1, {@code GET /status}, then optionally the event
 * stream until the installer reports the end. Only watches: it never answers what the installer
 * waits for.
 */
public final class StatusWatch {
    private final Ssh ssh;
    private final HttpClient http;

    public StatusWatch(Ssh ssh, HttpClient http) {
        this.ssh = ssh;
        this.http = http;
    }

    /** How the watch ended. */
    public enum Ending {
        /** Only the status was asked for. */
        STATUS,
        /** The installer finished well (reboots into the new system, or the run completed). */
        DONE,
        /** The installer failed or gave up. */
        FAILED,
        /** The stream ended or broke, or the deadline passed, before an end. */
        LOST
    }

    /** The end of a watch and what the installer (or the stream) said. */
    public record Watched(Ending ending, String message) {}

    /**
     * @param status receives the {@code /status} JSON
     * @param events receives each event while following
     */
    public Watched watch(
            SshTarget target,
            HostKeyPolicy policy,
            int statusPort,
            boolean follow,
            Duration deadline,
            Consumer<String> status,
            Consumer<InstallerEvent> events) {
        try (SshSession session = ssh.connect(target, policy, Deadlines.DEFAULT.connect());
                Tunnel tunnel = session.forward("127.0.0.1", statusPort)) {
            status.accept(get(tunnel.localPort(), target).strip());
            if (!follow) {
                return new Watched(Ending.STATUS, "");
            }
            InstallerFollower.End end =
                    new InstallerFollower(http).follow(tunnel.localPort(), 0, deadline, Optional.empty(), events);
            return switch (end) {
                case InstallerFollower.End.Finished f ->
                    new Watched(f.done() ? Ending.DONE : Ending.FAILED, f.message());
                case InstallerFollower.End.Lost lost ->
                    new Watched(Ending.LOST, "event stream lost after event " + lost.lastSeq() + ": " + lost.reason());
            };
        }
    }

    private String get(int port, SshTarget target) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                .timeout(Duration.ofSeconds(30))
                .build();
        String what = "GET /status of the installer on " + target.describe();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new SshException(
                        SshException.Kind.IO, what + ": HTTP " + response.statusCode() + " " + response.body(), null);
            }
            return response.body();
        } catch (IOException e) {
            throw new SshException(SshException.Kind.IO, what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SshException(SshException.Kind.IO, what + ": interrupted", e);
        }
    }
}
