package dev.wabridge.rpc.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** One open text/event-stream response on a channel. Writes are thread-safe (Netty queues them). */
final class SseStream {
    private final Channel channel;
    private final String streamId;
    private final AtomicLong eventCounter = new AtomicLong();

    SseStream(Channel channel, String streamId) {
        this.channel = channel;
        this.streamId = streamId;
    }

    boolean isOpen() {
        return channel.isActive();
    }

    Channel channel() {
        return channel;
    }

    /** Sends a JSON-RPC message as one "message" event with a resumable id. */
    ChannelFuture send(byte[] json) {
        String event = "id: " + streamId + "-" + eventCounter.incrementAndGet() + "\nevent: message\ndata: "
                + new String(json, StandardCharsets.UTF_8) + "\n\n";
        return write(event);
    }

    /**
     * MCP 2025-11-25: the server SHOULD send an event with an id and an empty data field first,
     * so the client has an id to resume from.
     */
    ChannelFuture prime() {
        return write("id: " + streamId + "-0\ndata: \n\n");
    }

    ChannelFuture keepAlive() {
        return write(": keep-alive\n\n");
    }

    private ChannelFuture write(String text) {
        return channel.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)));
    }
}
