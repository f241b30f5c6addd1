package dev.wabridge.bench;

import dev.wabridge.sandbox.noise.CertificateAuthority;
import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.transport.web.handshake.CertificateChainVerifier;
import dev.wabridge.transport.web.handshake.ClientHandshake;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.noise.NoiseCipher;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * The Noise transport path: one frame encrypted by the client and decrypted by the server
 * (AES-256-GCM with counter nonces), per frame size. MB/s = ops/s × size / 2^20.
 * Also the full handshake (ops/s), which includes certificate-chain verification.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class NoiseFrameBenchmark {
    @Param({"256", "16384"})
    public int frameSize;

    private NoiseCipher clientWrite;
    private NoiseCipher serverRead;
    private byte[] frame;
    private CertificateAuthority ca;
    private KeyPair serverStatic;
    private KeyPair clientNoise;
    private byte[] chain;

    @Setup
    public void setup() {
        ca = CertificateAuthority.generate();
        serverStatic = Curve25519.generate();
        clientNoise = Curve25519.generate();
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, ca.chainFor(serverStatic.publicKey(), Instant.now(), Duration.ofDays(1)));
        byte[] finish = client.clientFinish(server.serverHello(client.clientHello()), new byte[64], Instant.now());
        ServerHandshake.Finished done = server.clientFinish(finish);
        clientWrite = client.keys().write();
        serverRead = done.read();
        frame = new byte[frameSize];
        chain = ca.chainFor(serverStatic.publicKey(), Instant.now(), Duration.ofDays(1));
    }

    @Benchmark
    public byte[] encryptThenDecryptFrame() {
        return serverRead.decrypt(clientWrite.encrypt(frame));
    }

    /** Both ends of one handshake (3 X25519 each, chain verification on the client); the chain is issued once. */
    @Benchmark
    public Object fullHandshake() {
        ClientHandshake client = new ClientHandshake(clientNoise, new CertificateChainVerifier(ca.rootPublicKey()));
        ServerHandshake server = new ServerHandshake(serverStatic, chain);
        byte[] finish = client.clientFinish(server.serverHello(client.clientHello()), new byte[64], Instant.now());
        return server.clientFinish(finish);
    }
}
