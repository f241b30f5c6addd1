package dev.wabridge.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Load through the whole daemon: N sessions linked over MCP, then K send_whatsapp_message
 * calls per session (wait_seconds 0: the call answers once the message is stored, as a
 * campaign client would use it; the first round spread over 3 s), and the daemon's paced
 * outbox sends them at one per 3 s per session. Prints how fast the calls were accepted and the achieved send rate against the
 * pacing limit N/3 per second, with the CPU of the daemon's JVM and of the sandbox.
 *
 * <p>The sandbox runs in a child JVM, so "client" CPU is the daemon (plus this harness's few
 * MCP threads). Completion is read from the daemon's outbox table on a separate read-only
 * connection every 250 ms, so rates are good to about a quarter of a second.
 *
 * <p>Run: java -cp bench/target/benchmarks.jar dev.wabridge.bench.DaemonLoadHarness [N [K [C]]]
 * (defaults from $WABRIDGE_BENCH_DAEMON_LOAD_SESSIONS 1000, $WABRIDGE_BENCH_LOAD_MESSAGES 5,
 * $WABRIDGE_BENCH_LOAD_CONTACTS 10: session i writes to contact i mod C).
 */
public final class DaemonLoadHarness {
    static final int CLIENT_THREADS = 4;

    private DaemonLoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        int n = BenchArgs.intArg(args, 0, "WABRIDGE_BENCH_DAEMON_LOAD_SESSIONS", 1000);
        int k = BenchArgs.intArg(args, 1, "WABRIDGE_BENCH_LOAD_MESSAGES", 5);
        int contacts = BenchArgs.intArg(args, 2, "WABRIDGE_BENCH_LOAD_CONTACTS", 10);
        BenchArgs.printMachine();
        System.out.printf("daemon load: %d sessions x %d messages = %d messages to %d sandbox contacts over MCP "
                + "(pacing limit %.1f msg/s)%n", n, k, n * k, contacts, n / 3.0);
        try (SandboxProcess sandbox = SandboxProcess.start("2g");
             InProcessDaemon d = InProcessDaemon.start(sandbox.url, sandbox.rootKey);
             OutboxWatch outbox = new OutboxWatch(d.database())) {
            for (int c = 1; c <= contacts; c++) {
                sandbox.api.online(TransportLoadHarness.contact(c));
            }
            McpClient mcp = McpClient.connect(d.mcpPort(), d.token);
            List<Long> ids = new SessionLinker(mcp, sandbox.api::scan, 4).link(n);
            StoreQuiet.awaitAndSay(d.database());

            ResourceMeter meter = new ResourceMeter(sandbox);
            long t0 = System.nanoTime();
            outbox.start();
            long[] accepted = enqueue(mcp, ids, k, contacts, t0);
            long enqueued = System.nanoTime();
            System.out.printf("%d send calls accepted in %.2f s (%.0f calls/s, %d client connections)%n", n * k, (enqueued - t0) / 1e9,
                    n * k / ((enqueued - t0) / 1e9), CLIENT_THREADS);
            System.out.println(new LatencyStats(accepted).line("send_whatsapp_message (wait_seconds 0) answered"));
            OutboxWatch.Sample done = outbox.awaitFinished((long) n * k, TimeUnit.SECONDS.toNanos(3L * k + 600));
            report(n, k, t0, done, outbox);
            System.out.println(meter.line());
            System.out.printf("heap in use after GC, %d sessions linked, everything sent: %.0f MiB%n", n,
                    SessionMemoryHarness.usedHeapAfterGc() / 1048576.0);
        }
        System.exit(0);
    }

    /**
     * Round k of every session before round k+1, split over a few connections: the order a
     * campaign would queue them. The first round is spread evenly over one interval (3 s), as
     * TransportLoadHarness spreads its first sends, so that the pacing alone would send all
     * N*K messages in 3*K seconds at N/3 per second; the later rounds are queued at once.
     */
    private static long[] enqueue(McpClient mcp, List<Long> ids, int k, int contacts, long t0) throws Exception {
        long[] latencies = new long[ids.size() * k];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < CLIENT_THREADS; w++) {
            int worker = w;
            threads.add(Thread.ofPlatform().start(() -> {
                try (McpConnection c = mcp.open()) {
                    for (int round = 1; round <= k; round++) {
                        for (int i = worker; i < ids.size(); i += CLIENT_THREADS) {
                            long wait = t0 + TransportLoadHarness.INTERVAL_NANOS * i / ids.size() - System.nanoTime();
                            if (round == 1 && wait > 0) {
                                TimeUnit.NANOSECONDS.sleep(wait);
                            }
                            byte[] request = mcp.toolCall(c, "send_whatsapp_message", mcp.arguments().put("session_id", ids.get(i))
                                    .put("phone", TransportLoadHarness.contact(i % contacts + 1))
                                    .put("message", "load " + round + " from session " + ids.get(i)).put("wait_seconds", 0));
                            long start = System.nanoTime();
                            c.write(request);
                            JsonNode r = mcp.result(c.read());
                            latencies[next.getAndIncrement()] = System.nanoTime() - start;
                            if (r.path("status").asText().equals("failed")) {
                                throw new IllegalStateException("a send failed at once: " + r);
                            }
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return latencies;
    }

    private static void report(int n, int k, long t0, OutboxWatch.Sample done, OutboxWatch outbox) {
        long total = (long) n * k;
        double seconds = (done.at() - t0) / 1e9;
        System.out.printf("sent %d of %d (%d failed, %d still queued) in %.2f s from the first call (pacing alone: last send "
                + "starts at %.2f s)%n", done.sent(), total, done.failed(), done.open(), seconds, 3.0 * (k - 1) + 3.0 * (n - 1) / n);
        System.out.printf("achieved rate: %.1f msg/s against the pacing limit N/3 = %.1f msg/s (%.0f %%)%n", done.sent() / seconds,
                n / 3.0, 100.0 * done.sent() / seconds / (n / 3.0));
        long from = outbox.firstTimeSent(total / 5);
        long to = outbox.firstTimeSent(total * 4 / 5);
        if (from > 0 && to > from) {
            System.out.printf("steady rate (20 %% to 80 %% of the messages sent): %.1f msg/s%n", (total * 3 / 5) / ((to - from) / 1e9));
        }
    }
}
