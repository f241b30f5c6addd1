package dev.wabridge.bench;

import dev.wabridge.sandbox.SandboxServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.ToLongFunction;

/**
 * The daemon's own overhead per send: from the first byte of an MCP {@code tools/call
 * send_whatsapp_message}, with no pacing wait in it, to the send's first frame on the socket
 * to the sandbox (the transport's usync query for the devices when they are not cached; after
 * the warm-up they are, and the first frame is the message), to the {@code <message>} frame
 * (after any usync round trip and the Signal encryption for
 * the contact's phone and our own, in a key-store transaction), and to the tool's answer "sent" (which adds the
 * server's ack round trip and the daemon's bookkeeping after it). Everything runs in this JVM: the sandbox, a
 * {@link FrameTap} in front of it, and the daemon with its SQLite store and token auth.
 *
 * <p>N sessions are linked through connect_whatsapp and the sandbox phones' QR scan. Each
 * sends one warm-up text to a contact first (usync, prekey bundle, {@code pkmsg}; these sends
 * also tell which tapped connection is whose), then the phones go offline, so what follows is
 * the steady case: one {@code msg} per device, the server stores and acks, nobody answers.
 * Two sequential rounds (one send at a time, each session at most once per round, rounds 3.5 s
 * apart so no send waits for its 3-second pace) give the unloaded figure; then every session
 * sends at once (a burst of N), which is the figure under load on this machine.
 *
 * <p>Run: java -cp bench/target/benchmarks.jar dev.wabridge.bench.DaemonSendOverheadHarness [N]
 * (N defaults to $WABRIDGE_BENCH_OVERHEAD_SESSIONS, else 200).
 */
public final class DaemonSendOverheadHarness {
    static final String CONTACT = "+34699100001";
    /** WebSocket payloads this large are stanzas with ciphertext (about 600 bytes); usync queries (about 110), pings and acks are smaller. */
    static final int MIN_FRAME = 150;
    static final long PACE_GAP_MILLIS = 3500;

    private DaemonSendOverheadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int n = BenchArgs.count(args, "WABRIDGE_BENCH_OVERHEAD_SESSIONS", 200);
        BenchArgs.printMachine();
        SandboxServer sandbox = SandboxServer.create().start("127.0.0.1", 0);
        try (FrameTap tap = new FrameTap(new InetSocketAddress("127.0.0.1", sandbox.port()), MIN_FRAME);
             InProcessDaemon d = InProcessDaemon.start("ws://127.0.0.1:" + tap.port() + "/ws/chat", sandbox.rootPublicKeyHex())) {
            McpClient mcp = McpClient.connect(d.mcpPort(), d.token);
            List<Long> ids = new SessionLinker(mcp, (phone, qr) -> sandbox.phone(phone).scan(qr), 4).link(n);
            List<SendProbe> probes = new ArrayList<>();
            for (long id : ids) {
                probes.add(new SendProbe(id, mcp));
            }
            sandbox.phone(CONTACT).register();
            StoreQuiet.awaitAndSay(d.database());
            tap.awaitQuiet(2000, 60_000);

            List<SendProbe.Timing> warmUp = warmUpAndMapWires(tap, probes);
            report("warm-up (first send to the contact: usync + bundle + pkmsg), tool call to answer", warmUp,
                    SendProbe.Timing::toAnswer);
            int unmapped = (int) probes.stream().filter(p -> p.wire() == null).count();
            if (unmapped > 0) {
                System.out.println("sessions whose wire could not be told apart (no frame timing for them): " + unmapped);
            }
            sandbox.phone(CONTACT).setOnline(false);
            for (int i = 1; i <= n; i++) {
                sandbox.phone(SessionLinker.ownPhone(i)).setOnline(false);
            }
            for (int round = 1; round <= 2; round++) {
                Thread.sleep(PACE_GAP_MILLIS);
                reportBoth("sequential round " + round + " (one send at a time)", sequential(probes, "round " + round));
            }
            Thread.sleep(PACE_GAP_MILLIS);
            long start = System.nanoTime();
            List<SendProbe.Timing> burst = burst(probes);
            System.out.printf("burst of %d concurrent sends answered in %.2f s%n", n, (System.nanoTime() - start) / 1e9);
            reportBoth("burst (all " + n + " sessions at once)", burst);
            for (SendProbe p : probes) {
                p.close();
            }
        } finally {
            sandbox.close();
        }
        System.exit(0);
    }

    /**
     * One send per session, one after another; the tapped connection that carried large
     * frames while (and only while) session i's send was in flight is session i's.
     */
    private static List<SendProbe.Timing> warmUpAndMapWires(FrameTap tap, List<SendProbe> probes) throws IOException {
        List<SendProbe.Timing> timings = new ArrayList<>();
        for (SendProbe p : probes) {
            byte[] request = p.sendRequest(CONTACT, "warm-up from session " + p.sessionId);
            long start = System.nanoTime();
            SendProbe.Timing t = p.send(request);
            long end = start + t.toAnswer();
            List<TappedConnection> carrying = tap.connections().stream().filter(c -> c.largeFramesBetween(start, end) > 0).toList();
            if (carrying.size() == 1) {
                p.wire(carrying.getFirst());
            }
            requireSent(t);
            timings.add(t);
        }
        return timings;
    }

    private static List<SendProbe.Timing> sequential(List<SendProbe> probes, String label) throws IOException {
        List<SendProbe.Timing> timings = new ArrayList<>();
        for (SendProbe p : probes) {
            SendProbe.Timing t = p.send(p.sendRequest(CONTACT, label + " from session " + p.sessionId));
            requireSent(t);
            timings.add(t);
        }
        return timings;
    }

    /** Every session sends at once: requests are built and connections open before the gate opens. */
    private static List<SendProbe.Timing> burst(List<SendProbe> probes) throws Exception {
        SendProbe.Timing[] timings = new SendProbe.Timing[probes.size()];
        Exception[] failures = new Exception[probes.size()];
        CountDownLatch gate = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            SendProbe p = probes.get(i);
            byte[] request = p.sendRequest(CONTACT, "burst from session " + p.sessionId);
            int slot = i;
            // Platform threads: the daemon's sessions, senders and MCP workers are virtual threads, and
            // a client sharing their carriers would read its answers late.
            threads.add(Thread.ofPlatform().daemon().stackSize(256 << 10).start(() -> {
                try {
                    gate.await();
                    timings[slot] = p.send(request);
                } catch (Exception e) {
                    failures[slot] = e;
                }
            }));
        }
        gate.countDown();
        for (Thread t : threads) {
            t.join();
        }
        List<SendProbe.Timing> list = new ArrayList<>();
        for (int i = 0; i < timings.length; i++) {
            if (failures[i] != null) {
                throw failures[i];
            }
            requireSent(timings[i]);
            list.add(timings[i]);
        }
        return list;
    }

    private static void requireSent(SendProbe.Timing t) {
        if (!"sent".equals(t.status())) {
            throw new IllegalStateException("a send answered '" + t.status() + "' instead of 'sent'");
        }
    }

    private static void reportBoth(String label, List<SendProbe.Timing> timings) {
        List<SendProbe.Timing> seen = timings.stream().filter(t -> t.toFrame() >= 0 && t.toFirstFrame() >= 0).toList();
        report(label + ", tool call to its first frame (usync query, or <message> when cached) on the socket", seen, SendProbe.Timing::toFirstFrame);
        report(label + ", tool call to <message> frame on the socket", seen, SendProbe.Timing::toFrame);
        report(label + ", tool call to answer 'sent' (+ server ack)", timings, SendProbe.Timing::toAnswer);
        long odd = seen.stream().filter(t -> t.framesInWindow() != 1).count();
        if (odd > 0) {
            System.out.println("  (" + odd + " sends saw more than one large frame on their connection meanwhile)");
        }
    }

    private static void report(String label, List<SendProbe.Timing> timings, ToLongFunction<SendProbe.Timing> value) {
        System.out.println(new LatencyStats(timings.stream().mapToLong(value).toArray()).line(label));
    }
}
