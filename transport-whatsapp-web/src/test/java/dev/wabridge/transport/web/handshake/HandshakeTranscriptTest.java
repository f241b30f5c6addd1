package dev.wabridge.transport.web.handshake;

import dev.wabridge.sandbox.noise.CertificateAuthority;
import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.wire.crypto.CryptoException;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The client and the sandbox's responder run the WhatsApp handshake against each other. */
class HandshakeTranscriptTest {
    private final CertificateAuthority ca = CertificateAuthority.generate();
    private final KeyPair serverStatic = Curve25519.generate();
    private final KeyPair clientNoise = Curve25519.generate();
    private final Instant now = Instant.now();

    @Test
    void bothSidesAgreeOnKeysAndTheServerLearnsTheClientsStaticKeyAndPayload() {
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, ca.chainFor(serverStatic.publicKey(), now, Duration.ofDays(1)));
        byte[] hello = client.clientHello();
        byte[] serverHello = server.serverHello(hello);
        byte[] payload = "client payload".getBytes(StandardCharsets.UTF_8);
        byte[] finish = client.clientFinish(serverHello, payload, now);
        ServerHandshake.Finished done = server.clientFinish(finish);
        assertArrayEquals(clientNoise.publicKey(), done.clientStaticKey());
        assertArrayEquals(payload, done.clientPayload());
        ClientHandshake.Keys keys = client.keys();
        for (int i = 0; i < 3; i++) {
            byte[] up = ("frame " + i).getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(up, done.read().decrypt(keys.write().encrypt(up)));
            assertArrayEquals(up, keys.read().decrypt(done.write().encrypt(up)));
        }
    }

    @Test
    void aChainFromAnotherRootIsRefused() {
        CertificateAuthority other = CertificateAuthority.generate();
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, other.chainFor(serverStatic.publicKey(), now, Duration.ofDays(1)));
        byte[] serverHello = server.serverHello(client.clientHello());
        CryptoException e = assertThrows(CryptoException.class, () -> client.clientFinish(serverHello, new byte[0], now));
        assertTrue(e.getMessage().contains("root"), e.getMessage());
    }

    @Test
    void aLeafForAnotherKeyIsRefused() {
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, ca.chainFor(Curve25519.generate().publicKey(), now, Duration.ofDays(1)));
        byte[] serverHello = server.serverHello(client.clientHello());
        CryptoException e = assertThrows(CryptoException.class, () -> client.clientFinish(serverHello, new byte[0], now));
        assertTrue(e.getMessage().contains("static"), e.getMessage());
    }

    @Test
    void anExpiredChainIsRefused() {
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, ca.chainFor(serverStatic.publicKey(), now, Duration.ofDays(1)));
        byte[] serverHello = server.serverHello(client.clientHello());
        assertThrows(CryptoException.class, () -> client.clientFinish(serverHello, new byte[0], now.plus(Duration.ofDays(3))));
    }

    @Test
    void aTamperedServerHelloFailsAuthentication() {
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, ca.chainFor(serverStatic.publicKey(), now, Duration.ofDays(1)));
        byte[] serverHello = server.serverHello(client.clientHello());
        serverHello[serverHello.length - 3] ^= 1;
        assertThrows(RuntimeException.class, () -> client.clientFinish(serverHello, new byte[0], now));
    }
}
