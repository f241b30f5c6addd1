package dev.wabridge.bench;

import dev.wabridge.transport.TransportSession;

import java.lang.management.ManagementFactory;
import java.util.List;

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
        try (SandboxProcess sandbox = SandboxProcess.start("1g")) {
            long before = usedHeapAfterGc();
            long start = System.nanoTime();
            List<TransportSession> sessions = TransportPairing.pair(sandbox, n);
            double seconds = (System.nanoTime() - start) / 1e9;
            Thread.sleep(3000); // let the post-login traffic settle: idle sessions
            long after = usedHeapAfterGc();
            System.out.printf("sessions connected: %d (paired and logged in via the sandbox in %.1f s)%n", n, seconds);
            System.out.printf("heap before: %.1f MiB, after: %.1f MiB%n", before / 1048576.0, after / 1048576.0);
            System.out.printf("heap per connected idle session: %.1f KiB (goal: under 200 KiB)%n", (after - before) / 1024.0 / n);
            sessions.forEach(TransportSession::disconnect);
        }
        System.exit(0);
    }

    static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
