package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventJson;
import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.InstallerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The routes of the status API. Reads come from the {@link EventLog}; {@code POST /disk-key} and
 * {@code POST /confirm} go to the {@link Inbox}. A key's bytes are copied out of the request once,
 * the request buffer is zeroed, and no response or event repeats them.
 */
final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final EventLog log;
    private final Inbox inbox;

    StatusHandler(EventLog log, Inbox inbox) {
        this.log = log;
        this.inbox = inbox;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        HttpMethod method = request.method();
        switch (uri.path()) {
            case "/status" ->
                onlyGet(
                        ctx,
                        request,
                        () -> send(
                                ctx,
                                request,
                                HttpResponseStatus.OK,
                                "application/json",
                                StatusView.of(log.entries()).toString() + "\n"));
            case "/log" ->
                onlyGet(
                        ctx,
                        request,
                        () -> send(
                                ctx,
                                request,
                                HttpResponseStatus.OK,
                                "text/plain",
                                log.entries().stream()
                                        .map(EventJson::json)
                                        .collect(Collectors.joining("\n", "", "\n"))));
            case "/events" -> onlyGet(ctx, request, () -> EventStream.start(ctx, request, log, after(request, uri)));
            case "/disk-key" -> {
                if (method.equals(HttpMethod.POST)) {
                    diskKey(ctx, request);
                } else {
                    notAllowed(ctx, request, "POST");
                }
            }
            case "/confirm" -> {
                if (method.equals(HttpMethod.POST)) {
                    confirm(ctx, request);
                } else {
                    notAllowed(ctx, request, "POST");
                }
            }
            default ->
                send(
                        ctx,
                        request,
                        HttpResponseStatus.NOT_FOUND,
                        "text/plain",
                        "no such resource; try /status, /events, /log, POST /disk-key, POST /confirm\n");
        }
    }

    private void diskKey(ChannelHandlerContext ctx, FullHttpRequest request) {
        ByteBuf content = request.content();
        byte[] bytes = ByteBufUtil.getBytes(content);
        content.setZero(content.readerIndex(), content.readableBytes());
        DiskKey key = DiskKey.take(bytes);
        try {
            key.check("POST /disk-key");
        } catch (InstallerException e) {
            key.close();
            send(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", e.getMessage() + "\n");
            return;
        }
        if (inbox.offerKey(key)) {
            send(ctx, request, HttpResponseStatus.ACCEPTED, "text/plain", "disk key received\n");
        } else {
            send(ctx, request, HttpResponseStatus.CONFLICT, "text/plain", "a disk key is already waiting\n");
        }
    }

    private void confirm(ChannelHandlerContext ctx, FullHttpRequest request) {
        String token = request.content().toString(StandardCharsets.UTF_8).strip();
        if (!token.matches("[\\x21-\\x7e]{1,512}")) {
            send(
                    ctx,
                    request,
                    HttpResponseStatus.BAD_REQUEST,
                    "text/plain",
                    "the body must be the confirmation token `reinstaller-agent plan` printed\n");
        } else if (inbox.offerToken(token)) {
            send(
                    ctx,
                    request,
                    HttpResponseStatus.ACCEPTED,
                    "text/plain",
                    "confirmation received; the confirm phase checks it (see /events)\n");
        } else {
            send(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS, "text/plain", "too many tokens waiting\n");
        }
    }

    private static long after(FullHttpRequest request, QueryStringDecoder uri) {
        String header = request.headers().get("Last-Event-ID");
        List<String> query = uri.parameters().getOrDefault("after", List.of());
        String text = header != null ? header : query.isEmpty() ? "0" : query.getFirst();
        try {
            return Math.max(0, Long.parseLong(text.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void onlyGet(ChannelHandlerContext ctx, FullHttpRequest request, Runnable route) {
        if (request.method().equals(HttpMethod.GET)) {
            route.run();
        } else {
            notAllowed(ctx, request, "GET");
        }
    }

    private static void notAllowed(ChannelHandlerContext ctx, FullHttpRequest request, String allowed) {
        FullHttpResponse response =
                response(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use " + allowed + "\n");
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        write(ctx, request, response);
    }

    static void send(
            ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String type, String body) {
        write(ctx, request, response(status, type, body));
    }

    private static FullHttpResponse response(HttpResponseStatus status, String type, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    private static void write(ChannelHandlerContext ctx, FullHttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    /** A server-sent event stream: replay after the given sequence number, then follow the log. */
    static final class EventStream {
        /** A comment line this often keeps idle SSH tunnels and proxies from closing the stream. */
        static final long KEEP_ALIVE_SECONDS = 15;

        private EventStream() {}

        static void start(ChannelHandlerContext ctx, FullHttpRequest request, EventLog log, long after) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            HttpUtil.setTransferEncodingChunked(head, true);
            ctx.write(head);
            if (after + 1 < log.oldestSeq()) {
                ctx.write(
                        chunk(": events " + (after + 1) + " to " + (log.oldestSeq() - 1) + " are no longer kept\n\n"));
            }
            ctx.flush();
            AutoCloseable subscription = log.replayAndSubscribe(after, entry -> ctx.writeAndFlush(chunk(frame(entry))));
            ScheduledFuture<?> keepAlive = ctx.executor()
                    .scheduleAtFixedRate(
                            () -> ctx.writeAndFlush(chunk(": keep-alive\n\n")),
                            KEEP_ALIVE_SECONDS,
                            KEEP_ALIVE_SECONDS,
                            TimeUnit.SECONDS);
            ctx.channel().closeFuture().addListener(f -> {
                keepAlive.cancel(false);
                subscription.close();
            });
        }

        static String frame(EventLog.Entry entry) {
            return "id: " + entry.seq() + "\ndata: " + EventJson.json(entry) + "\n\n";
        }

        private static DefaultHttpContent chunk(String text) {
            return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }
    }
}
