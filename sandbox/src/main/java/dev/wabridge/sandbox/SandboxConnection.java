package dev.wabridge.sandbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.sandbox.noise.NoiseServerHandler;
import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.proto.ClientPayload;
import dev.wabridge.wire.routing.Iq;
import dev.wabridge.wire.routing.NodeRouter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to the sandbox, after the Noise handshake: registration (pair-device
 * refs, then {@link ServerPairing}) or login (known device → success, unknown → failure 401),
 * then the client's stanzas routed by the same {@link NodeRouter} the client uses, each to a
 * server-side handler (prekeys, pings, passive, unlinking). A request nothing handles is
 * answered 501 feature-not-implemented, as WhatsApp answers unknown IQs.
 *
 * <p>State is owned by the channel's event loop; other threads go through {@link #execute}.
 */
public final class SandboxConnection extends SimpleChannelInboundHandler<Node> implements Endpoint {
    private static final Logger log = LoggerFactory.getLogger(SandboxConnection.class);
    /** whatsmeow/Baileys show up to 6 refs before the server gives up on the QR. */
    public static final int REFS = 6;
    /**
     * Pause before the first node after the handshake. A real server's answer arrives a network
     * round trip later; clients that switch to their transport keys only after sending
     * ClientFinish (Baileys 6 does so asynchronously) drop a frame that comes sooner.
     */
    static final long FIRST_NODE_DELAY_MS = 50;
    /** How long a goodbye waits for the client to close before closing itself. */
    static final long GOODBYE_LINGER_MS = 1000;

    private final SandboxServer server;
    private final ServerPairing pairing;
    private final ServerLinkCode linkCode;
    private final NodeRouter router;
    private ChannelHandlerContext ctx;
    private byte[] noiseKey;
    private byte[] identityKey;
    private Device device;
    /** A goodbye was sent: what the client still sends is dropped. */
    private boolean closing;

    SandboxConnection(SandboxServer server) {
        this.server = server;
        this.pairing = new ServerPairing(server, this);
        this.linkCode = new ServerLinkCode(server, this);
        this.router = routes(new ServerPreKeys(server, this), new ServerUsync(server, this), new ServerMessages(server, this),
                server.profiles().new Handlers(this));
    }

    private NodeRouter routes(ServerPreKeys preKeys, ServerUsync usync, ServerMessages messages, ServerProfiles.Handlers profiles) {
        return new NodeRouter()
                .onResponse(this::onAnswer)
                .onTag("message", messages::onMessage)
                .onTag("receipt", messages::onReceipt)
                .onTag("ack", messages::onAck)
                .onIq("get", "usync", "usync", usync::onUsync)
                .onIq("get", "encrypt", "key", preKeys::onFetch)
                .onIq("get", "encrypt", "count", preKeys::onCount)
                .onIq("set", "encrypt", "rotate", preKeys::onRotate)
                .onIq("set", "encrypt", null, preKeys::onUpload)
                .onIq("get", "w:p", null, this::answerEmpty)
                .onIq("set", "passive", null, this::answerEmpty)
                .onIq("set", "md", "remove-companion-device", this::onRemoveCompanion)
                .onIq("set", "md", "link_code_companion_reg", linkCode::onCompanionReg)
                .onIq("set", "w:sync:app:state", "sync", new ServerAppState(this, server.appState(), server.appStateMedia())::onSync)
                .onIq("set", "w:m", "media_conn", new ServerMediaConn(server, this)::onMediaConn)
                .onIq("get", "privacy", "privacy", new ServerPrivacy(this)::onGet)
                .onIq("get", "w", "props", new ServerProps(this)::onGet)
                .onIq("set", "privacy", "tokens", new ServerPrivacyTokens(server, this)::onIssue)
                .onIq("set", "status", "status", profiles::onStatus)
                .onIq("set", "w:biz", "business_profile", profiles::onBusiness)
                .onIq("set", "w:profile:picture", "picture", profiles::onPicture)
                .onTag("presence", profiles::onPresence)
                .otherwise(this::notImplemented); // presence, chatstate, ...: nothing to route yet
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext c, Object evt) throws Exception {
        if (evt instanceof ServerHandshake.Finished finished) {
            ctx = c;
            noiseKey = finished.clientStaticKey();
            c.executor().schedule(() -> {
                try {
                    onHello(finished.clientPayload());
                } catch (InvalidProtocolBufferException e) {
                    log.debug("sandbox: bad ClientPayload: {}", e.getMessage());
                    c.close();
                }
            }, FIRST_NODE_DELAY_MS, TimeUnit.MILLISECONDS);
            return;
        }
        super.userEventTriggered(c, evt);
    }

    private void onHello(byte[] payloadBytes) throws InvalidProtocolBufferException {
        ClientPayload payload = ClientPayload.parseFrom(payloadBytes);
        if (payload.hasDevicePairingData()) {
            Optional<Node> refused = server.injector().onHello(payload, null);
            if (refused.isPresent()) {
                sayGoodbye(refused.get());
                return;
            }
            identityKey = payload.getDevicePairingData().getEIdent().toByteArray();
            pairing.offerRefs();
            return;
        }
        Device known = server.devices.get(HexFormat.of().formatHex(noiseKey));
        if (known == null || !payload.hasUsername() || !Long.toString(payload.getUsername()).equals(known.jid().user())
                || payload.getDevice() != known.jid().device()) {
            write(Node.of("failure", Node.attrs("reason", "401", "location", "sandbox")));
            ctx.close();
            return;
        }
        Optional<Node> refused = server.injector().onHello(payload, known.jid().toString());
        if (refused.isPresent()) {
            sayGoodbye(refused.get());
            return;
        }
        device = known;
        server.online.put(known.jid().toString(), this);
        write(Node.of("success", Node.attrs("t", Long.toString(server.clock().instant().getEpochSecond()),
                "lid", known.lid(), "props", "1", "creation", "0", "location", "sandbox")));
        server.router().online(known.jid().toString(), this); // the offline backlog, then <ib><offline/>
    }

    /** The phone scanned one of our refs: send pair-success. Runs on this channel's event loop. */
    void pairSuccess(Jid jid, Jid lid, byte[] containerHmac, byte[] details, byte[] accountKey) {
        pairing.pairSuccess(jid, lid, containerHmac, details, accountKey);
    }

    byte[] identityKey() {
        return identityKey;
    }

    byte[] noiseKey() {
        return noiseKey;
    }

    /** The logged-in device, or null while registering. */
    Device device() {
        return device;
    }

    /** True when a device is logged in; otherwise answers {@code iq} 401 and returns false. */
    boolean requireLogin(Node iq) {
        if (device != null) {
            return true;
        }
        write(Iq.serverError(iq, 401, "not-authorized"));
        return false;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, Node node) {
        if (!closing) {
            router.route(node);
        }
    }

    private void onAnswer(Node iq) {
        if (pairing.isAnswer(iq)) {
            pairing.onAnswer(iq);
        }
    }

    private void answerEmpty(Node iq) {
        write(Iq.serverResult(iq, List.of()));
    }

    private void onRemoveCompanion(Node iq) {
        if (!requireLogin(iq)) {
            return;
        }
        server.unlink(device);
        sayGoodbye(Iq.serverResult(iq, List.of())); // the answer first, then the close
    }

    private void notImplemented(Node node) {
        if ("iq".equals(node.tag()) && ("get".equals(node.attr("type")) || "set".equals(node.attr("type")))) {
            write(Iq.serverError(node, 501, "feature-not-implemented"));
        }
    }

    void write(Node node) {
        if (ctx != null) {
            server.faults().delay(ctx, () -> ctx.writeAndFlush(node));
        }
    }

    /** Runs {@code task} on this connection's event loop (its state is owned there). */
    void execute(Runnable task) {
        if (ctx != null) {
            ctx.executor().execute(task);
        }
    }

    /** Writes a frame whose plaintext is {@code bytes}, node or not (a fault). */
    void writeRaw(byte[] bytes) {
        if (ctx != null) {
            ctx.writeAndFlush(new NoiseServerHandler.RawPlaintext(bytes));
        }
    }

    void drop() {
        if (ctx != null) {
            ctx.close();
        }
    }

    /**
     * Sends a last stanza (a stream error) and closes without losing it: further client
     * stanzas are ignored, and the socket closes when the client closes it or after
     * {@link #GOODBYE_LINGER_MS}. Closing at once would make the kernel answer the client's
     * stanzas still in flight with a TCP reset, which can discard our last frame unread
     * (a real server lingers the same way).
     */
    void sayGoodbye(Node last) {
        if (ctx == null) {
            return;
        }
        closing = true;
        write(last);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, GOODBYE_LINGER_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        pairing.forgetRefs();
        linkCode.forget();
        if (device != null) {
            server.online.remove(device.jid().toString(), this);
            server.router().offline(device.jid().toString(), this);
        }
    }

    /** A stanza routed to this device (from any thread). */
    @Override
    public void push(Node stanza) {
        execute(() -> {
            if (!closing) {
                write(stanza);
            }
        });
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        // A malformed frame or node closes this connection only.
        log.debug("sandbox: closing a connection: {}", cause.toString());
        c.close();
    }
}
