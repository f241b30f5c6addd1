package dev.wabridge.sandbox;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

import java.util.Optional;

/**
 * The media servers' side of the sandbox's HTTP port: {@code GET <direct path>} of a blob
 * {@link MediaBlobs} published answers its encrypted file (whatsmeow and Baileys request
 * {@code <host><directPath>}, whatsmeow with {@code &hash=…&mms-type=…&__wa-mms=} appended, which
 * is ignored here), an unknown one 404 (whatsmeow then gives up, as on WhatsApp's). Other
 * requests go on to the test API and the WebSocket. The test API's Host and Origin rules do not
 * apply: a client sends WhatsApp Web's Origin, and the files are encrypted and named by tokens
 * nobody could guess.
 */
final class SandboxMediaHttp extends ChannelInboundHandlerAdapter {
    private final MediaBlobs blobs;

    SandboxMediaHttp(MediaBlobs blobs) {
        this.blobs = blobs;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !req.uri().startsWith(MediaBlobs.PREFIX)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            boolean get = req.method().equals(HttpMethod.GET);
            Optional<byte[]> file = get ? blobs.download(req.uri().split("\\?", 2)[0]) : Optional.empty();
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    !get ? HttpResponseStatus.METHOD_NOT_ALLOWED : file.isPresent() ? HttpResponseStatus.OK : HttpResponseStatus.NOT_FOUND,
                    Unpooled.wrappedBuffer(file.orElse(new byte[0])));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
            HttpUtil.setContentLength(r, r.content().readableBytes());
            var f = ctx.writeAndFlush(r);
            if (!HttpUtil.isKeepAlive(req)) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        } finally {
            req.release();
        }
    }
}
