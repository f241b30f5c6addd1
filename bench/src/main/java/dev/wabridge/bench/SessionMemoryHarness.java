package dev.wabridge.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wabridge.testkit.MemoryKeyStore;
import dev.wabridge.transport.SessionContext;
import dev.wabridge.transport.TransportEvent;
import dev.wabridge.transport.TransportSession;
import dev.wabridge.transport.web.client.WebTransportProvider;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Heap per connected idle session: starts the sandbox in a child JVM (so its memory is not
 * counted), pairs N whatsapp-web transport sessions through the sandbox's HTTP test API,
 * waits until all are connected and idle, forces GC and prints the retained heap per session.
 *
 * <p>Run: java -cp bench/target/benchmarks.jar dev.wabridge.bench.SessionMemoryHarness [N]
 */
public final class SessionMemoryHarness {
    private SessionMemoryHarness() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process sandbox = new ProcessBuilder(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                SandboxMain.class.getName()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(sandbox.getInputStream()));
            String url = out.readLine();
            String root = out.readLine();
            String api = out.readLine();
            HttpClient http = HttpClient.newHttpClient();
            ObjectMapper json = new ObjectMapper();

            long before = usedHeapAfterGc();
            List<TransportSession> sessions = new ArrayList<>();
            CountDownLatch connected = new CountDownLatch(n);
            long start = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                String phone = String.format("+3460%07d", i);
                CountDownLatch qrSeen = new CountDownLatch(1);
                String[] qr = new String[1];
                TransportSession s = new WebTransportProvider().open(new SessionContext(i, new MemoryKeyStore(), e -> {
                    if (e instanceof TransportEvent.QrCode q && qr[0] == null) {
                        qr[0] = q.qr();
                        qrSeen.countDown();
                    } else if (e instanceof TransportEvent.Connected) {
                        connected.countDown();
                    }
                }, Clock.systemUTC(), Map.of("url", url, "root_key", root)));
                s.connect();
                if (!qrSeen.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no QR for session " + i);
                }
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/sandbox/phones/" + phone.substring(1) + "/scan"))
                        .POST(HttpRequest.BodyPublishers.ofString(json.createObjectNode().put("qr", qr[0]).toString())).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    throw new IllegalStateException("scan failed: " + r.body());
                }
                sessions.add(s);
            }
            if (!connected.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("only " + (n - connected.getCount()) + " of " + n + " connected");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(3000); // let the post-login traffic settle: idle sessions
            long after = usedHeapAfterGc();
            System.out.printf("sessions connected: %d (paired and logged in via the sandbox in %.1f s)%n", n, seconds);
            System.out.printf("heap before: %.1f MiB, after: %.1f MiB%n", before / 1048576.0, after / 1048576.0);
            System.out.printf("heap per connected idle session: %.1f KiB (goal: under 200 KiB)%n", (after - before) / 1024.0 / n);
            sessions.forEach(TransportSession::disconnect);
        } finally {
            sandbox.destroy();
        }
        System.exit(0);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
