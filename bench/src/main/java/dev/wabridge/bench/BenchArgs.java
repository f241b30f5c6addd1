package dev.wabridge.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/** What every harness reads the same way: a count from its argument or an environment variable, and the machine it ran on. */
final class BenchArgs {
    private BenchArgs() {
    }

    /** The first argument if given, else the environment variable, else the default. */
    static int count(String[] args, String env, int fallback) {
        return intArg(args, 0, env, fallback);
    }

    static int intArg(String[] args, int index, String env, int fallback) {
        if (args.length > index) {
            return Integer.parseInt(args[index]);
        }
        String v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /** Figures mean little without the machine: cores, JDK, heap limit, GC. */
    static void printMachine() {
        Runtime rt = Runtime.getRuntime();
        System.out.printf("machine: %d cores, JDK %s, max heap %d MiB, GC %s%n", rt.availableProcessors(),
                System.getProperty("java.version"), rt.maxMemory() >> 20,
                String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList()));
    }
}
