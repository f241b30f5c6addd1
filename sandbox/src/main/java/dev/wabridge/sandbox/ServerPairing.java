package dev.wabridge.sandbox;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The server side of QR linking for one connection: hand out refs in {@code <pair-device>},
 * send {@code <pair-success>} when a simulated phone scans one, check the companion's
 * {@code <pair-device-sign>}, register the device and ask for a restart (515), as WhatsApp's
 * servers do. Runs on the connection's event loop.
 */
final class ServerPairing {
    private static final Logger log = LoggerFactory.getLogger(ServerPairing.class);

    /** Waiting for the companion's answer to pair-success. */
    private record Pending(String iqId, Jid jid, Jid lid, byte[] details, byte[] accountKey) {
    }

    private final SandboxServer server;
    private final SandboxConnection connection;
    private final List<String> refs = new ArrayList<>();
    private Pending pending;

    ServerPairing(SandboxServer server, SandboxConnection connection) {
        this.server = server;
        this.connection = connection;
    }

    /** A new companion said hello: offer it {@link SandboxConnection#REFS} refs to show as QR codes. */
    void offerRefs() {
        for (int i = 0; i < SandboxConnection.REFS; i++) {
            String ref = "2@" + Base64.getEncoder().encodeToString(server.random(24));
            refs.add(ref);
            server.pendingRefs.put(ref, connection);
        }
        List<Node> refNodes = refs.stream().map(r -> Node.of("ref", Map.of(), r.getBytes(StandardCharsets.UTF_8))).toList();
        connection.write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", server.nextId()),
                List.of(Node.of("pair-device", Map.of(), refNodes))));
    }

    /** The phone scanned one of our refs. */
    void pairSuccess(Jid jid, Jid lid, byte[] containerHmac, byte[] details, byte[] accountKey) {
        String id = server.nextId();
        pending = new Pending(id, jid, lid, details, accountKey);
        forgetRefs();
        connection.write(Node.of("iq", Node.attrs("from", Jid.SERVER, "type", "set", "id", id, "t",
                Long.toString(server.clock().instant().getEpochSecond())), List.of(Node.of("pair-success", Map.of(), List.of(
                Node.of("device-identity", Map.of(), containerHmac),
                Node.of("device", Node.attrs("jid", jid, "lid", lid)),
                Node.of("platform", Node.attrs("name", "sandbox")))))));
    }

    /** Whether {@code iq} answers our pair-success. */
    boolean isAnswer(Node iq) {
        return pending != null && pending.iqId().equals(iq.attr("id"));
    }

    /** The companion's answer to pair-success: a signed device identity, or an error. */
    void onAnswer(Node reply) {
        Pending p = pending;
        pending = null;
        if (!"result".equals(reply.attr("type"))) {
            log.info("sandbox: companion refused pairing: {}", reply);
            connection.drop();
            return;
        }
        try {
            byte[] signedBytes = reply.child("pair-device-sign").flatMap(s -> s.child("device-identity")).map(Node::bytes)
                    .orElseThrow(() -> new IllegalArgumentException("no device-identity"));
            ADVSignedDeviceIdentity signed = ADVSignedDeviceIdentity.parseFrom(signedBytes);
            if (!signed.getDetails().equals(ByteString.copyFrom(p.details()))
                    || !AdvSignatures.verifyDevice(connection.identityKey(), p.details(), p.accountKey(), signed.getDeviceSignature().toByteArray())) {
                throw new IllegalArgumentException("device signature does not verify");
            }
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            log.info("sandbox: bad pair-device-sign: {}", e.getMessage());
            connection.drop();
            return;
        }
        server.register(new Device(p.jid(), p.lid(), connection.noiseKey(), connection.identityKey()));
        // As WhatsApp does after pairing: the client must reconnect and log in.
        connection.sayGoodbye(Node.of("stream:error", Node.attrs("code", "515")));
    }

    /** The connection closed, or a phone scanned: these refs can no longer be used. */
    void forgetRefs() {
        refs.forEach(server.pendingRefs::remove);
        refs.clear();
    }
}
