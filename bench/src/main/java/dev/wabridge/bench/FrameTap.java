package dev.wabridge.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between the daemon's transport and the sandbox that notes the moment
 * each WebSocket frame of the client arrives. The transport has no hook at "frame written to
 * the socket", and the frames are Noise-encrypted, so the relay reads the WebSocket framing
 * only (header and length) and keeps, per connection, the arrival time and size of every
 * frame at least {@code minPayload} bytes long: a {@code <message>} stanza is, pings and acks
 * are not. The time is when the relay's read returned, a loopback hop after the write.
 *
 * <p>Relay threads are platform threads, so their wake-ups do not queue behind the daemon's
 * virtual threads on the same carriers.
 */
final class FrameTap implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final int minPayload;
    private final ServerSocket listener;
    private final List<TappedConnection> connections = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    FrameTap(InetSocketAddress upstream, int minPayload) throws IOException {
        this.upstream = upstream;
        this.minPayload = minPayload;
        this.listener = new ServerSocket(0, 1000, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tap-accept").start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Every connection so far, in the order they were accepted (reconnects add new ones). */
    List<TappedConnection> connections() {
        return List.copyOf(connections);
    }

    /** Waits until no connection sent a large frame for {@code quietMillis} (at most {@code maxMillis}). */
    void awaitQuiet(long quietMillis, long maxMillis) throws InterruptedException {
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            long last = connections.stream().mapToLong(TappedConnection::lastLargeFrame).max().orElse(-1);
            if (last < 0 || System.nanoTime() - last >= quietMillis * 1_000_000) {
                return;
            }
            Thread.sleep(200);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                TappedConnection c = new TappedConnection(connections.size(), minPayload);
                connections.add(c);
                Thread.ofPlatform().daemon().stackSize(256 << 10).name("tap-up-" + c.index())
                        .start(() -> relay(client, server, c));
                Thread.ofPlatform().daemon().stackSize(256 << 10).name("tap-down-" + c.index())
                        .start(() -> relay(server, client, null));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("frame tap: " + e);
                }
            }
        }
    }

    /** Copies one direction; {@code tap} (client to server only) sees every chunk first. */
    private static void relay(Socket from, Socket to, TappedConnection tap) {
        byte[] buf = new byte[64 << 10];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buf)) > 0) {
                long at = System.nanoTime();
                if (tap != null) {
                    tap.parse(buf, n, at);
                }
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            // the other side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        listener.close();
    }
}
