package dev.reinstaller.installer.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.Waits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A plain socket client for requests that {@code java.net.http} refuses to send (bad escapes,
 * conflicting length headers, huge headers) and for clients that misbehave on purpose.
 */
final class RawHttp {
    /** What came back: the status line, or {@code closed without reply}, or {@code no reply in time}. */
    record Reply(String statusLine, String text) {
        int status() {
            String[] parts = statusLine.split(" ");
            return parts.length > 1 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        }
    }

    private RawHttp() {}

    /**
     * Waits, up to {@code wait}, until the server holds exactly {@code count} event streams (the log's
     * subscribers), then asserts it: a stream opens and closes on the server's thread, after the
     * client's socket call returns.
     */
    static void awaitSubscribers(EventLog log, int count, Duration wait) {
        Clock clock = Clock.system();
        Waits.poll(
                clock,
                clock.after(wait),
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                () -> log.subscribers() == count ? Optional.of(count) : Optional.empty());
        assertThat(log.subscribers()).as("open event streams").isEqualTo(count);
    }

    static Socket connect(InetSocketAddress address, Duration timeout) throws IOException {
        Socket socket = new Socket();
        socket.connect(address, (int) timeout.toMillis());
        socket.setSoTimeout((int) timeout.toMillis());
        return socket;
    }

    /** Sends {@code request} and reads until the server closes, the reply is complete, or timeout. */
    static Reply exchange(InetSocketAddress address, String request, Duration timeout) throws IOException {
        try (Socket socket = connect(address, timeout)) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            } catch (IOException e) {
                // The server may close before it has read everything; its reply may still be there.
            }
            return read(socket.getInputStream());
        }
    }

    /**
     * Sends {@code request} and waits, at most until {@code deadline}, for the server to either send a
     * status line or close; the body is not read (it may be an endless event stream).
     */
    static Reply firstLine(InetSocketAddress address, String request, Duration limit) throws IOException {
        long end = System.nanoTime() + limit.toNanos();
        try (Socket socket = connect(address, Duration.ofMillis(200))) {
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            } catch (IOException e) {
                // Closed early; the reply may still be there.
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            while (System.nanoTime() < end) {
                int b;
                try {
                    b = in.read();
                } catch (SocketTimeoutException e) {
                    continue;
                } catch (IOException e) {
                    b = -1;
                }
                if (b < 0) {
                    return got.size() == 0 ? new Reply("closed without reply", "") : line(got);
                }
                got.write(b);
                if (got.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n")) {
                    return line(got);
                }
            }
            return new Reply("no reply in time", got.toString(StandardCharsets.ISO_8859_1));
        }
    }

    private static Reply line(ByteArrayOutputStream got) {
        String text = got.toString(StandardCharsets.ISO_8859_1).strip();
        return new Reply(text, text);
    }

    static Reply read(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                got.write(buffer, 0, n);
                if (complete(got.toString(StandardCharsets.ISO_8859_1))) {
                    break;
                }
            }
        } catch (SocketTimeoutException e) {
            if (got.size() == 0) {
                return new Reply("no reply in time", "");
            }
        } catch (IOException e) {
            if (got.size() == 0) {
                return new Reply("closed without reply", e.getMessage());
            }
        }
        String text = got.toString(StandardCharsets.ISO_8859_1);
        if (text.isEmpty()) {
            return new Reply("closed without reply", "");
        }
        int end = text.indexOf("\r\n");
        return new Reply(end < 0 ? text : text.substring(0, end), text);
    }

    private static boolean complete(String text) {
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = text.substring(0, headEnd).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int lineEnd = head.indexOf("\r\n", at);
        long length = Long.parseLong(
                head.substring(at + 15, lineEnd < 0 ? head.length() : lineEnd).strip());
        return text.length() - headEnd - 4 >= length;
    }
}
