package dev.wabridge.sandbox;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import dev.wabridge.wire.proto.ClientPayload;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One client connection to the sandbox, after the Noise handshake: registration (send
 * pair-device refs, wait for a phone to scan, verify pair-device-sign, then stream error
 * 515) or login (known device → success, unknown → failure 401), pings and passive IQs.
 */
public final class SandboxConnection extends SimpleChannelInboundHandler<Node> {
    private static final Logger log = LoggerFactory.getLogger(SandboxConnection.class);
    /** whatsmeow/Baileys show up to 6 refs before the server gives up on the QR. */
    public static final int REFS = 6;

    private final SandboxServer server;
    private ChannelHandlerContext ctx;
    private byte[] noiseKey;
    private byte[] identityKey;
    private final List<String> refs = new ArrayList<>();
    private Device device;
    /** Set while a pairing waits for the companion's pair-device-sign. */
    private Pairing pairing;

    record Pairing(String iqId, Account account, Jid jid, Jid lid, byte[] details, byte[] accountKey) {
    }

    SandboxConnection(SandboxServer server) {
        this.server = server;
    }

    /**
     * Pause before the first node after the handshake. A real server's answer arrives a network
     * round trip later; clients that switch to their transport keys only after sending
     * ClientFinish (Baileys 6 does so asynchronously) drop a frame that comes sooner.
     */
    static final long FIRST_NODE_DELAY_MS = 50;

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
            }, FIRST_NODE_DELAY_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return;
        }
        super.userEventTriggered(c, evt);
    }

    private void onHello(byte[] payloadBytes) throws InvalidProtocolBufferException {
        ClientPayload payload = ClientPayload.parseFrom(payloadBytes);
        if (payload.hasDevicePairingData()) {
            identityKey = payload.getDevicePairingData().getEIdent().toByteArray();
            for (int i = 0; i < REFS; i++) {
                String ref = "2@" + Base64.getEncoder().encodeToString(server.random(24));
                refs.add(ref);
                server.pendingRefs.put(ref, this);
            }
            List<Node> refNodes = refs.stream().map(r -> Node.of("ref", Map.of(), r.getBytes(StandardCharsets.UTF_8))).toList();
            write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", server.nextId()),
                    List.of(Node.of("pair-device", Map.of(), refNodes))));
            return;
        }
        Device known = server.devices.get(HexFormat.of().formatHex(noiseKey));
        if (known == null || !payload.hasUsername() || !Long.toString(payload.getUsername()).equals(known.jid().user())
                || payload.getDevice() != known.jid().device()) {
            write(Node.of("failure", Node.attrs("reason", "401", "location", "sandbox")));
            ctx.close();
            return;
        }
        device = known;
        server.online.put(known.jid().toString(), this);
        write(Node.of("success", Node.attrs("t", Long.toString(server.clock().instant().getEpochSecond()),
                "lid", known.lid(), "props", "1", "creation", "0", "location", "sandbox")));
    }

    /** The phone scanned one of our refs: send pair-success. Runs on this channel's event loop. */
    void pairSuccess(Account account, Jid jid, Jid lid, byte[] containerHmac, byte[] details, byte[] accountKey) {
        String id = server.nextId();
        pairing = new Pairing(id, account, jid, lid, details, accountKey);
        refs.forEach(server.pendingRefs::remove);
        write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", id, "t",
                Long.toString(server.clock().instant().getEpochSecond())), List.of(Node.of("pair-success", Map.of(), List.of(
                Node.of("device-identity", Map.of(), containerHmac),
                Node.of("device", Node.attrs("jid", jid, "lid", lid)),
                Node.of("platform", Node.attrs("name", "sandbox")))))));
    }

    byte[] identityKey() {
        return identityKey;
    }

    byte[] noiseKey() {
        return noiseKey;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext c, Node node) {
        if (!"iq".equals(node.tag())) {
            return; // acks, receipts, presence: nothing to route yet
        }
        String id = node.attr("id");
        String type = node.attr("type");
        if (pairing != null && id != null && id.equals(pairing.iqId())) {
            finishPairing(node);
            return;
        }
        if ("encrypt".equals(node.attr("xmlns")) && device != null) {
            PreKeys keys = server.preKeys.computeIfAbsent(device.jid().toString(), j -> new PreKeys());
            if ("get".equals(type) && node.child("count").isPresent()) {
                write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", id),
                        List.of(Node.of("count", Node.attrs("value", Integer.toString(keys.count()))))));
                return;
            }
            if ("set".equals(type) && node.child("list").isPresent()) {
                keys.upload(node);
                write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", id)));
                return;
            }
        }
        if ("w:p".equals(node.attr("xmlns")) || "passive".equals(node.attr("xmlns"))) {
            write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", id)));
        } else if ("md".equals(node.attr("xmlns")) && node.child("remove-companion-device").isPresent() && device != null) {
            server.unlink(device);
            write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "result", "id", id)));
            c.close();
        } else if ("get".equals(type) || "set".equals(type)) {
            write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "error", "id", id),
                    List.of(Node.of("error", Node.attrs("code", "501", "text", "feature-not-implemented")))));
        }
    }

    private void finishPairing(Node reply) {
        Pairing p = pairing;
        pairing = null;
        if (!"result".equals(reply.attr("type"))) {
            log.info("sandbox: companion refused pairing: {}", reply);
            ctx.close();
            return;
        }
        try {
            byte[] signedBytes = reply.child("pair-device-sign").flatMap(s -> s.child("device-identity")).map(Node::bytes)
                    .orElseThrow(() -> new IllegalArgumentException("no device-identity"));
            ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(signedBytes);
            if (!signed.getDetails().equals(com.google.protobuf.ByteString.copyFrom(p.details()))
                    || !AdvSignatures.verifyDevice(identityKey, p.details(), p.accountKey(), signed.getDeviceSignature().toByteArray())) {
                throw new IllegalArgumentException("device signature does not verify");
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            log.info("sandbox: bad pair-device-sign: {}", e.getMessage());
            ctx.close();
            return;
        }
        server.register(new Device(p.jid(), p.lid(), noiseKey, identityKey));
        // As WhatsApp does after pairing: the client must reconnect and log in.
        write(Node.of("stream:error", Node.attrs("code", "515")));
        ctx.close();
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

    void drop() {
        if (ctx != null) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext c) {
        refs.forEach(server.pendingRefs::remove);
        if (device != null) {
            server.online.remove(device.jid().toString(), this);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext c, Throwable cause) {
        // A malformed frame or node closes this connection only.
        log.debug("sandbox: closing a connection: {}", cause.toString());
        c.close();
    }
}
