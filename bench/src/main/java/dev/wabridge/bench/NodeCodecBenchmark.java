package dev.wabridge.bench;

import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.binary.NodeDecoder;
import dev.wabridge.wire.binary.NodeEncoder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Binary node codec throughput (nodes per second) on a typical outgoing message stanza:
 * a message with two device participants, each with an encrypted payload of 200 bytes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Benchmark)
public class NodeCodecBenchmark {
    private Node node;
    private byte[] encoded;

    @Setup
    public void setup() {
        byte[] payload = new byte[200];
        new java.util.Random(1).nextBytes(payload);
        List<Node> participants = List.of(
                Node.of("to", Node.attrs("jid", new Jid("34600000001", 0, 0, Jid.USER_SERVER)),
                        List.of(Node.of("enc", Node.attrs("v", "2", "type", "msg"), payload))),
                Node.of("to", Node.attrs("jid", new Jid("34600000001", 0, 3, Jid.USER_SERVER)),
                        List.of(Node.of("enc", Node.attrs("v", "2", "type", "pkmsg"), payload))));
        node = Node.of("message", Node.attrs("id", "3EB0A1B2C3D4E5F60718", "to", Jid.phone("34600000001"), "type", "text",
                "t", "1764000000"), List.of(Node.of("participants", Map.of(), participants)));
        encoded = NodeEncoder.encode(node);
    }

    @Benchmark
    public byte[] encode() {
        return NodeEncoder.encode(node);
    }

    @Benchmark
    public Node decode() {
        return NodeDecoder.decode(encoded, 1 << 20);
    }
}
