package dev.wabridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The sandbox in a child JVM ({@link SandboxMain}), so its heap and CPU are not the
 * harness's: a client-side figure then means the client. Its CPU time is read from the OS.
 */
final class SandboxProcess implements AutoCloseable {
    final String url;
    final String rootKey;
    final SandboxApi api;
    private final Process process;

    private SandboxProcess(Process process, String url, String rootKey, String apiBase) {
        this.process = process;
        this.url = url;
        this.rootKey = rootKey;
        this.api = new SandboxApi(apiBase);
    }

    /** Starts it with {@code heap} (e.g. "1g") and waits for the three lines SandboxMain prints. */
    static SandboxProcess start(String heap) throws IOException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaBin, "-Xmx" + heap, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), SandboxMain.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String url = out.readLine();
        String root = out.readLine();
        String api = out.readLine();
        if (api == null) {
            p.destroy();
            throw new IOException("the sandbox process did not start");
        }
        return new SandboxProcess(p, url, root, api);
    }

    /** CPU time the sandbox process used so far (all its threads). */
    Duration cpu() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
