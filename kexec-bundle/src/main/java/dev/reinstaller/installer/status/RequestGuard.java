package dev.reinstaller.installer.status;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.util.HashSet;
import java.util.List;

/**
 * Between the decoder and the aggregator: a request the decoder could not read cleanly, or whose length
 * is ambiguous, is answered here (400, 414 or 431, naming the problem) and the connection closed;
 * nothing of it reaches a route. Everything after a refusal is discarded.
 */
final class RequestGuard extends ChannelInboundHandlerAdapter {
    private static final int MAX_LINE = 4096;

    private boolean refused;

    /**
     * The request decoder with the status API's limits. It marks a request with both Content-Length and
     * Transfer-Encoding, or with differing Content-Lengths, as failed; {@link #lengthProblem} checks
     * the same again, so a decoder that merged them instead would still be caught.
     */
    static HttpRequestDecoder decoder(Limits limits) {
        return new HttpRequestDecoder(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_LINE)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setAllowDuplicateContentLengths(false));
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        String problem = msg instanceof DecoderResultProvider p ? problem(p.decoderResult(), msg) : null;
        if (problem == null && msg instanceof HttpRequest request) {
            problem = lengthProblem(request);
        }
        if (problem == null) {
            ctx.fireChannelRead(msg);
            return;
        }
        Throwable cause =
                msg instanceof DecoderResultProvider p ? p.decoderResult().cause() : null;
        ReferenceCountUtil.release(msg);
        refused = true;
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Responses.closing(status(cause), problem + "\n")).addListener(ChannelFutureListener.CLOSE);
    }

    private static String problem(DecoderResult result, Object msg) {
        if (!result.isFailure()) {
            return null;
        }
        Throwable cause = result.cause();
        String what = msg instanceof HttpRequest ? "the request" : "the request body (a bad chunk?)";
        return switch (cause) {
            case TooLongHttpHeaderException e -> "the request header is larger than the limit of the status API";
            case TooLongHttpLineException e -> "the request line is longer than " + MAX_LINE + " bytes";
            case TooLongFrameException e -> what + " is too large: " + e.getMessage();
            default -> "cannot decode " + what + ": " + cause.getMessage();
        };
    }

    private static HttpResponseStatus status(Throwable cause) {
        return switch (cause) {
            case TooLongHttpHeaderException e -> HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            case TooLongHttpLineException e -> HttpResponseStatus.REQUEST_URI_TOO_LONG;
            case null, default -> HttpResponseStatus.BAD_REQUEST;
        };
    }

    /** Content-Length given twice with different values, or beside Transfer-Encoding. */
    private static String lengthProblem(HttpRequest request) {
        List<String> lengths = request.headers().getAll(HttpHeaderNames.CONTENT_LENGTH);
        if (!lengths.isEmpty() && request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            return "a request with both Content-Length and Transfer-Encoding is ambiguous";
        }
        if (new HashSet<>(lengths.stream().map(String::strip).toList()).size() > 1) {
            return "the request has Content-Length headers with different values: " + lengths;
        }
        return null;
    }
}
