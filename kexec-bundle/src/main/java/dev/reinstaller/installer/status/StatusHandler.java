package dev.reinstaller.installer.status;

import dev.reinstaller.installer.events.EventLog;
import dev.reinstaller.installer.inbox.Inbox;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.system.InstallerException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
import java.util.OptionalLong;
import java.util.concurrent.Semaphore;

/**
 * The routes of the status API. Reads come from the {@link EventLog}; {@code POST /disk-key} and
 * {@code POST /confirm} go to the {@link Inbox}. A key's bytes are copied out of the request once,
 * the request buffer is zeroed, and no response or event repeats them.
 */
final class StatusHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final EventLog log;
    private final Inbox inbox;
    private final Limits limits;
    private final Semaphore streamTurns;
    private final StatusView view;
    private EventStream stream;

    /** {@code view} and {@code streamTurns} are shared by every connection of one server. */
    StatusHandler(EventLog log, Inbox inbox, Limits limits, Semaphore streamTurns, StatusView view) {
        this.log = log;
        this.view = view;
        this.inbox = inbox;
        this.limits = limits;
        this.streamTurns = streamTurns;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (stream != null) {
            ctx.close();
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path;
        try {
            path = uri.path();
        } catch (IllegalArgumentException e) {
            refuse(ctx, "the request path has a bad percent escape");
            return;
        }
        HttpMethod method = request.method();
        switch (path) {
            case "/status" ->
                onlyGet(
                        ctx,
                        request,
                        () -> send(
                                ctx,
                                request,
                                HttpResponseStatus.OK,
                                "application/json",
                                view.current().toString() + "\n"));
            case "/log" -> onlyGet(ctx, request, () -> stream(ctx, "text/plain", 0, EventStream.Format.LINES));
            case "/events" ->
                onlyGet(ctx, request, () -> {
                    OptionalLong after = after(request, uri);
                    if (after.isEmpty()) {
                        refuse(ctx, "Last-Event-ID, ?since= and ?after= take a sequence number");
                    } else {
                        stream(ctx, "text/event-stream", after.getAsLong(), EventStream.Format.EVENTS);
                    }
                });
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

    /** A streamed response; the connection ends with it, and a request sent meanwhile closes it. */
    private void stream(ChannelHandlerContext ctx, String type, long after, EventStream.Format format) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, type + "; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        HttpUtil.setTransferEncodingChunked(head, true);
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(head);
        stream = new EventStream(ctx.channel(), log, after, format, limits, streamTurns).start();
    }

    /** The resume point: {@code Last-Event-ID}, else {@code ?since=} or {@code ?after=}, else 0; empty when not a number. */
    private static OptionalLong after(FullHttpRequest request, QueryStringDecoder uri) {
        String header = request.headers().get("Last-Event-ID");
        List<String> since = uri.parameters().getOrDefault("since", List.of());
        List<String> after = uri.parameters().getOrDefault("after", List.of());
        String text = header != null
                ? header
                : !since.isEmpty() ? since.getFirst() : after.isEmpty() ? "0" : after.getFirst();
        try {
            return OptionalLong.of(Math.max(0, Long.parseLong(text.strip())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void refuse(ChannelHandlerContext ctx, String problem) {
        ctx.writeAndFlush(Responses.closing(HttpResponseStatus.BAD_REQUEST, problem + "\n"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (stream != null) {
            stream.wake();
        }
        ctx.fireChannelWritabilityChanged();
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
        return Responses.text(status, type, body);
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
}
