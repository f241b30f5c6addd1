package dev.wabridge.transport.web.connection;

import dev.wabridge.transport.web.handshake.ClientHandshake;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeCodecException;
import dev.wabridge.wire.binary.NodeDecoder;
import dev.wabridge.wire.binary.TokenDictionary;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.noise.NodeChannel;
import dev.wabridge.wire.noise.NoiseCipher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.ReferenceCountUtil;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Client end of the Noise layer. Starts the handshake when the WebSocket is up, answers the
 * server hello with our static key and ClientPayload, then turns frames into {@link Node}s and
 * back. A failed handshake (bad certificate) is an exception and the channel closes; a
 * transport frame that fails to decrypt or decode is reported as {@link Undecodable}.
 */
public final class NoiseClientHandler extends ChannelDuplexHandler {
    /** Fired once the handshake is done and nodes may flow. */
    public static final Object READY = "noise-ready";

    /** A frame that did not decrypt or decode: its bytes (plaintext when it decrypted) and why. */
    public record Undecodable(byte[] bytes, String why) {
    }

    private final ClientHandshake handshake;
    private final byte[] clientPayload;
    private final Clock clock;
    private final Duration helloTimeout;
    private NoiseCipher read;
    private NoiseCipher write;

    public NoiseClientHandler(ClientHandshake handshake, byte[] clientPayload, Clock clock, Duration helloTimeout) {
        this.handshake = handshake;
        this.clientPayload = clientPayload;
        this.clock = clock;
        this.helloTimeout = helloTimeout;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            ctx.writeAndFlush(Unpooled.wrappedBuffer(handshake.clientHello()));
            // whatsmeow handshake.go: the server hello must come within 20 s, or the socket is dropped
            ctx.executor().schedule(() -> {
                if (read == null && ctx.channel().isActive()) {
                    ctx.fireExceptionCaught(new TimeoutException("no server hello within " + helloTimeout.toMillis() + " ms"));
                }
            }, helloTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf frame)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            if (read == null) {
                byte[] finish = handshake.clientFinish(ByteBufUtil.getBytes(frame), clientPayload, clock.instant());
                ctx.writeAndFlush(Unpooled.wrappedBuffer(finish));
                ClientHandshake.Keys keys = handshake.keys();
                read = keys.read();
                write = keys.write();
                ctx.fireUserEventTriggered(READY);
            } else {
                readNode(ctx, ByteBufUtil.getBytes(frame));
            }
        } finally {
            ReferenceCountUtil.release(frame);
        }
    }

    /**
     * A transport frame: decrypted (the counter moves on even when that fails, as whatsmeow's
     * noisesocket.go receiveEncryptedFrame does) and decoded. One that fails is handed up as
     * {@link Undecodable} and the connection goes on (whatsmeow client.go handleFrame).
     */
    private void readNode(ChannelHandlerContext ctx, byte[] ciphertext) {
        byte[] plaintext;
        try {
            plaintext = read.decrypt(ciphertext);
        } catch (CryptoException e) {
            ctx.fireUserEventTriggered(new Undecodable(ciphertext, "cannot decrypt: " + e.getMessage()));
            return;
        }
        Node node;
        try {
            node = NodeDecoder.decode(plaintext, NodeChannel.MAX_INFLATED, TokenDictionary.CURRENT);
        } catch (NodeCodecException e) {
            ctx.fireUserEventTriggered(new Undecodable(plaintext, e.getMessage()));
            return;
        }
        ctx.fireChannelRead(node);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof Node node) {
            if (write == null) {
                promise.setFailure(new IllegalStateException("not connected yet"));
                return;
            }
            NodeChannel.write(ctx, write, node, promise, TokenDictionary.CURRENT);
        } else {
            ctx.write(msg, promise);
        }
    }
}
