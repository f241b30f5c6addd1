package dev.wabridge.rpc.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.rpc.auth.TokenAuthenticator;
import dev.wabridge.rpc.jsonrpc.JsonRpcCodec;
import dev.wabridge.rpc.mcp.McpDispatcher;
import dev.wabridge.rpc.mcp.McpProtocol;
import dev.wabridge.rpc.mcp.ServerInfo;
import dev.wabridge.rpc.resources.ResourceProvider;
import dev.wabridge.rpc.tools.ToolRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The MCP server: Streamable HTTP at /mcp on a loopback TCP port and on a Unix domain socket.
 * It knows JSON-RPC, MCP and HTTP, and nothing of WhatsApp: the daemon fills the registry.
 */
public final class McpServer implements AutoCloseable {
    private final McpServerConfig config;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final McpEndpoint endpoint;
    private final RequestGuard guard;
    private final JsonRpcCodec codec;
    private final TokenAuthenticator authenticator;
    private final ResourceSubscriptions subscriptions = new ResourceSubscriptions();
    private final ListenStreams listens;
    private final List<Channel> listeners = new ArrayList<>();
    private InetSocketAddress tcpAddress;
    private Path unixSocket;

    public McpServer(McpServerConfig config, ToolRegistry registry, ServerInfo info, TokenAuthenticator authenticator, ObjectMapper mapper) {
        this(config, registry, ResourceProvider.NONE, info, authenticator, mapper);
    }

    public McpServer(McpServerConfig config, ToolRegistry registry, ResourceProvider resources, ServerInfo info,
                     TokenAuthenticator authenticator, ObjectMapper mapper) {
        this.config = config;
        this.codec = new JsonRpcCodec(mapper);
        this.authenticator = authenticator;
        McpDispatcher dispatcher = new McpDispatcher(registry, resources, info, mapper, config.toolsPageSize(), config.strictOutputSchemas());
        McpSessionStore sessions = new McpSessionStore(config.sessionIdle(), config.maxSessions(), Clock.systemUTC());
        this.listens = new ListenStreams(codec, config.maxSessions());
        this.endpoint = new McpEndpoint(dispatcher, codec, sessions, authenticator, config, resources, subscriptions, listens);
        this.guard = new RequestGuard(config.allowedOrigins(), config.extraAllowedHosts());
        this.group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        // Tool handlers block (store, WhatsApp acks): one virtual thread per request.
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("mcp-worker-", 0).factory());
    }

    public synchronized McpServer start() throws IOException, InterruptedException {
        if (config.tcpPort() >= 0) {
            Channel tcp = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(initializer(true))
                    .bind(config.tcpHost(), config.tcpPort()).sync().channel();
            listeners.add(tcp);
            tcpAddress = (InetSocketAddress) tcp.localAddress();
        }
        if (config.unixSocket() != null) {
            Path path = config.unixSocket().toAbsolutePath();
            Files.createDirectories(path.getParent());
            Files.deleteIfExists(path); // a stale socket from a crash would make bind fail
            Channel unix = new ServerBootstrap().group(group).channel(NioServerDomainSocketChannel.class)
                    .childHandler(initializer(false))
                    .bind(UnixDomainSocketAddress.of(path)).sync().channel();
            listeners.add(unix);
            // The socket is created in the 0700 data directory, then narrowed to 0600.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            unixSocket = path;
        }
        long sweep = Math.max(1000, Math.min(60_000, config.sessionIdle().toMillis() / 4));
        group.next().scheduleAtFixedRate(() -> endpoint.sessions().expireIdle(), sweep, sweep, TimeUnit.MILLISECONDS);
        // Revoked tokens lose their open streams within seconds (the check may touch the store: workers).
        group.next().scheduleAtFixedRate(() -> workers.execute(() -> {
            endpoint.sessions().revalidate(authenticator);
            listens.revalidate(authenticator);
        }), 10, 10, TimeUnit.SECONDS);
        return this;
    }

    private ChannelInitializer<Channel> initializer(boolean tcp) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel ch) {
                int port = tcp ? ((InetSocketAddress) ch.localAddress()).getPort() : -1;
                ChannelPipeline p = ch.pipeline();
                p.addLast(new IdleStateHandler(0, 0, config.connectionIdle().toSeconds(), TimeUnit.SECONDS));
                p.addLast(new HttpServerCodec());
                // Answers 413 itself for a body over the limit.
                p.addLast(new HttpObjectAggregator(config.maxBodyBytes()));
                p.addLast(new McpHttpHandler(endpoint, guard, workers, port));
            }
        };
    }

    /** The bound TCP address, or null when TCP is disabled. */
    public InetSocketAddress tcpAddress() {
        return tcpAddress;
    }

    public Path unixSocket() {
        return unixSocket;
    }

    public String url() {
        return tcpAddress == null ? null : "http://" + tcpAddress.getHostString() + ":" + tcpAddress.getPort() + McpHttpHandler.PATH;
    }

    /**
     * Sends a server notification (e.g. an incoming WhatsApp message) to every MCP session that
     * has an open GET stream. Returns how many sessions got it.
     */
    public int broadcast(String method, ObjectNode params) {
        byte[] json = codec.encode(codec.notification(method, params));
        String level = params.path("level").asText(null);
        int delivered = 0;
        for (McpSession session : endpoint.sessions().all()) {
            // A log notification respects the level the client set with logging/setLevel.
            if (level != null && McpProtocol.LOG_LEVELS.indexOf(level) < McpProtocol.LOG_LEVELS.indexOf(session.logLevel())) {
                continue;
            }
            if (session.send(json)) {
                delivered++;
            }
        }
        return delivered;
    }

    /**
     * Tells every client that subscribed to {@code uri} that it changed: 2025-11-25 sessions
     * that called resources/subscribe (on their GET stream) and 2026-07-28 subscriptions/listen
     * streams that named it. Returns how many got it. Any thread; it does not block.
     */
    public int resourceUpdated(String uri) {
        byte[] json = codec.encode(codec.notification("notifications/resources/updated", codec.mapper().createObjectNode().put("uri", uri)));
        int delivered = 0;
        List<String> live = new ArrayList<>();
        for (McpSession session : endpoint.sessions().all()) {
            live.add(session.id());
            if (subscriptions.subscribed(session.id(), uri) && session.send(json)) {
                delivered++;
            }
        }
        subscriptions.retain(live);
        return delivered + listens.resourceUpdated(uri);
    }

    @Override
    public synchronized void close() {
        for (Channel listener : listeners) {
            listener.close().awaitUninterruptibly();
        }
        listeners.clear();
        endpoint.sessions().closeAll();
        listens.closeAll();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        if (unixSocket != null) {
            try {
                Files.deleteIfExists(unixSocket);
            } catch (IOException ignored) {
                // best effort: a stale socket is removed on the next start anyway
            }
        }
    }
}
