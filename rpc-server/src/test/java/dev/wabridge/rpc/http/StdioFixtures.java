package dev.wabridge.rpc.http;

import java.nio.file.Path;

/** Exposes the package's test server to tests in other packages. */
public final class StdioFixtures {
    public static final String TOKEN = TestServers.ADMIN_TOKEN;

    private StdioFixtures() {
    }

    public static McpServer start(Path socket) throws Exception {
        return TestServers.start(TestServers.config(socket));
    }
}
