package dev.wabridge.bench;

import dev.wabridge.sandbox.SandboxServer;

/** The sandbox in its own process for the memory harness: prints URL, root key, API base. */
public final class SandboxMain {
    private SandboxMain() {
    }

    public static void main(String[] args) throws Exception {
        SandboxServer s = SandboxServer.create().start("127.0.0.1", 0);
        System.out.println(s.url());
        System.out.println(s.rootPublicKeyHex());
        System.out.println("http://127.0.0.1:" + s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
