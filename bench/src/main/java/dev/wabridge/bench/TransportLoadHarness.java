package dev.wabridge.bench;

import dev.wabridge.transport.TransportSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load: N linked sessions, each with a queue of K texts to sandbox phones, paced at one send
 * per 3 s per session (as the daemon paces them), so the most the pacing allows is N/3
 * messages per second. Prints the achieved rate (acked messages over the time from the first
 * slot to the last ack), how late sends started against their slots, the ack latency, and the
 * CPU both processes used. The sandbox runs in a child JVM, so the figures separate the
 * client's cost from the server's; its phones are real Signal devices that decrypt every text
 * (the contacts and each session's own phone, which gets the sender's copy) and send receipts.
 *
 * <p>This drives the transport API directly (TransportSession.sendText with in-memory key
 * stores), not the daemon: the daemon's per-send cost is DaemonSendOverheadHarness's figure.
 *
 * <p>Run: java -cp bench/target/benchmarks.jar dev.wabridge.bench.TransportLoadHarness [N [K [C]]]
 * (defaults from $WABRIDGE_BENCH_LOAD_SESSIONS 1000, $WABRIDGE_BENCH_LOAD_MESSAGES 5,
 * $WABRIDGE_BENCH_LOAD_CONTACTS 10: session i writes to contact i mod C).
 */
public final class TransportLoadHarness {
    static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(3);

    private TransportLoadHarness() {
    }

    static String contact(int c) {
        return String.format("+3469910%04d", c);
    }

    public static void main(String[] args) throws Exception {
        int n = BenchArgs.intArg(args, 0, "WABRIDGE_BENCH_LOAD_SESSIONS", 1000);
        int k = BenchArgs.intArg(args, 1, "WABRIDGE_BENCH_LOAD_MESSAGES", 5);
        int contacts = BenchArgs.intArg(args, 2, "WABRIDGE_BENCH_LOAD_CONTACTS", 10);
        BenchArgs.printMachine();
        System.out.printf("load: %d sessions x %d messages = %d messages to %d sandbox contacts, 1 send per 3 s per session "
                + "(pacing limit %.1f msg/s)%n", n, k, n * k, contacts, n / 3.0);
        try (SandboxProcess sandbox = SandboxProcess.start("2g")) {
            for (int c = 1; c <= contacts; c++) {
                sandbox.api.online(contact(c));
            }
            long pairStart = System.nanoTime();
            List<TransportSession> sessions = TransportPairing.pair(sandbox, n);
            System.out.printf("paired and connected %d sessions in %.1f s%n", n, (System.nanoTime() - pairStart) / 1e9);
            Thread.sleep(3000); // post-login traffic (prekey uploads) settles

            PacedSessionLoad.Results results = new PacedSessionLoad.Results(n * k);
            ResourceMeter meter = new ResourceMeter(sandbox);
            long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            List<Thread> loops = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long firstSlot = t0 + INTERVAL_NANOS * i / n;
                loops.add(Thread.ofVirtual().name("load-" + (i + 1)).start(new PacedSessionLoad(sessions.get(i), contact(i % contacts + 1),
                        "load from session " + (i + 1), k, firstSlot, INTERVAL_NANOS, results)));
            }
            for (Thread t : loops) {
                t.join();
            }
            report(n, k, t0, results);
            System.out.println(meter.line());
            System.out.printf("heap in use after GC, %d sessions linked, everything sent: %.0f MiB%n", n,
                    SessionMemoryHarness.usedHeapAfterGc() / 1048576.0);
            awaitDecrypted(sandbox, contacts, results.acked(), t0);
            sessions.forEach(TransportSession::disconnect);
        }
        System.exit(0);
    }

    private static void report(int n, int k, long t0, PacedSessionLoad.Results r) {
        int acked = r.acked();
        double seconds = (r.lastAck.get() - t0) / 1e9;
        double ideal = 3.0 * (k - 1) + 3.0 * (n - 1) / n;
        System.out.printf("acked %d of %d messages (%d failed%s) in %.2f s from the first slot to the last ack "
                        + "(pacing alone: last send starts at %.2f s)%n", acked, n * k, r.failures.get(),
                r.firstFailure == null ? "" : ", first: " + r.firstFailure, seconds, ideal);
        System.out.printf("achieved rate: %.1f msg/s against the pacing limit N/3 = %.1f msg/s (%.0f %%)%n", acked / seconds, n / 3.0,
                100.0 * acked / seconds / (n / 3.0));
        System.out.println(new LatencyStats(Arrays.copyOf(r.lateness, acked)).line("send start after its slot"));
        System.out.println(new LatencyStats(Arrays.copyOf(r.ackLatency, acked)).line("sendText to server ack"));
    }

    /** The contacts' phones decrypt on the sandbox's one phone thread; report when they have all of it. */
    private static void awaitDecrypted(SandboxProcess sandbox, int contacts, int expected, long t0) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int received = 0;
        while (System.nanoTime() < deadline) {
            received = 0;
            for (int c = 1; c <= contacts; c++) {
                received += sandbox.api.received(contact(c));
            }
            if (received >= expected) {
                break;
            }
            Thread.sleep(500);
        }
        System.out.printf("decrypted by the contacts' phones: %d of %d, %.1f s after the first slot (polled every 0.5 s)%n",
                received, expected, (System.nanoTime() - t0) / 1e9);
    }
}
