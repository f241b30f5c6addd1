package dev.wabridge.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * CPU and GC of this JVM and CPU of the sandbox's process over a stretch of a run: on a
 * 2-core machine "how many cores did it take" says more than a rate alone.
 */
final class ResourceMeter {
    private final SandboxProcess sandbox;
    private final long startNanos;
    private final long startCpu;
    private final Duration startSandboxCpu;
    private final long startGcMillis;
    private final long startGcCount;

    ResourceMeter(SandboxProcess sandbox) {
        this.sandbox = sandbox;
        this.startNanos = System.nanoTime();
        this.startCpu = processCpuNanos();
        this.startSandboxCpu = sandbox.cpu();
        this.startGcMillis = gc(true);
        this.startGcCount = gc(false);
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long gc(boolean millis) {
        long sum = 0;
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, millis ? b.getCollectionTime() : b.getCollectionCount());
        }
        return sum;
    }

    /** One line: wall time, CPU seconds and average cores of both processes, GC of this one. */
    String line() {
        double wall = (System.nanoTime() - startNanos) / 1e9;
        double client = (processCpuNanos() - startCpu) / 1e9;
        double server = (sandbox.cpu().minus(startSandboxCpu)).toNanos() / 1e9;
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return String.format("over %.1f s: client CPU %.1f s (%.2f cores), sandbox CPU %.1f s (%.2f cores); client GC %d collections, "
                        + "%d ms; client heap in use now %.0f MiB", wall, client, client / wall, server, server / wall,
                gc(false) - startGcCount, gc(true) - startGcMillis, heapUsed / 1048576.0);
    }
}
