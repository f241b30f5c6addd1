package dev.wabridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.wabridge.sandbox.noise.CertificateAuthority;
import dev.wabridge.sandbox.noise.NoiseServerHandler;
import dev.wabridge.sandbox.noise.ServerHandshake;
import dev.wabridge.wire.binary.Jid;
import dev.wabridge.wire.binary.Node;
import dev.wabridge.wire.crypto.Curve25519;
import dev.wabridge.wire.crypto.KeyPair;
import dev.wabridge.wire.crypto.XEdDSA;
import dev.wabridge.wire.pairing.AdvSignatures;
import dev.wabridge.wire.pairing.LinkCodes;
import dev.wabridge.wire.pairing.QrCode;
import dev.wabridge.wire.proto.ADVDeviceIdentity;
import dev.wabridge.wire.proto.ADVEncryptionType;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentity;
import dev.wabridge.wire.proto.ADVSignedDeviceIdentityHMAC;
import dev.wabridge.wire.socket.FrameDecoder;
import dev.wabridge.wire.socket.FrameEncoder;
import dev.wabridge.wire.socket.WebSocketBinaryCodec;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox: WhatsApp's server side on loopback. WebSocket at /ws/chat, its own Noise
 * certificate root (printed at start; clients must be configured with it), accounts with
 * simulated phones, and a small JSON test API under /sandbox/ (see docs/sandbox.md).
 *
 * <p>Shared state (accounts, devices, pending QR refs, online connections) is read and
 * written from every connection's event loop and from test/API threads, hence concurrent
 * maps; a state file, when given, keeps accounts and devices across restarts.
 */
public final class SandboxServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    static final int MAX_FRAME = 4 << 20;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final AtomicLong ids = new AtomicLong();
    private final Faults faults = new Faults();
    private final FaultInjector injector = new FaultInjector();
    private final Path stateFile;
    private final KeyPair rootKey;
    private final KeyPair intermediateKey;
    private final KeyPair staticKey;
    private final CertificateAuthority ca;
    final ConcurrentMap<String, Account> accounts = new ConcurrentHashMap<>();
    /** By hex of the device's Noise static key. */
    final ConcurrentMap<String, Device> devices = new ConcurrentHashMap<>();
    final ConcurrentMap<String, SandboxConnection> pendingRefs = new ConcurrentHashMap<>();
    /** Phones (digits) whose accounts are hosted (WhatsApp Business hosted by Meta): their links use the 6,5 prefixes. */
    final Set<String> hostedPhones = ConcurrentHashMap.newKeySet();
    /** Companions waiting for a pairing code to be entered, by the phone digits they named. */
    final ConcurrentMap<String, ServerLinkCode> pendingLinkCodes = new ConcurrentHashMap<>();
    /** Prekeys uploaded by each device (by device JID). */
    final ConcurrentMap<String, PreKeys> preKeys = new ConcurrentHashMap<>();
    /** Logged-in connections by device JID. */
    final ConcurrentMap<String, SandboxConnection> online = new ConcurrentHashMap<>();
    /** Mailboxes and delivery of messages, receipts and notifications to devices. */
    private final StanzaRouter router = new StanzaRouter();
    private final ServerProfiles profiles = new ServerProfiles();
    private final Directory directory = new Directory(accounts, devices, clock);
    /** Each account's phone (device 0), by phone digits. */
    private final ConcurrentMap<String, SimulatedPhone> phones = new ConcurrentHashMap<>();
    /** The one thread every simulated phone runs on (their Signal state is theirs alone). */
    private final ScheduledExecutorService phoneThread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-phones");
        t.setDaemon(true);
        return t;
    });
    private final MessageFanOut fanOut = new MessageFanOut(router, directory, clock, this::nextId);
    private final DeviceListWatchers deviceWatchers = new DeviceListWatchers(router, directory, clock, this::nextId);
    /** Every account's app-state collections (in memory). */
    private final AppStateCollections appState = new AppStateCollections(router, directory, clock, this::nextId);
    /** The media servers' blobs (app-state snapshots and external mutations), served on the same port. */
    private final MediaBlobs media = new MediaBlobs(random);
    private final AppStateMedia appStateMedia = new AppStateMedia(media);
    /** Privacy tokens the accounts issued each other, and the fault that makes new chats need them. */
    private final TrustedContacts trustedContacts = new TrustedContacts(router, directory, clock, this::nextId);
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Channel listener;

    private SandboxServer(Path stateFile, KeyPair root, KeyPair intermediate, KeyPair staticKey) {
        this.stateFile = stateFile;
        this.rootKey = root;
        this.intermediateKey = intermediate;
        this.staticKey = staticKey;
        this.ca = new CertificateAuthority(root, intermediate, 1);
    }

    /** An in-memory sandbox with fresh keys. */
    public static SandboxServer create() {
        return new SandboxServer(null, Curve25519.generate(), Curve25519.generate(), Curve25519.generate());
    }

    /**
     * A sandbox that keeps its keys, accounts and linked devices in {@code stateFile} (0600).
     * A file that cannot be used stops it with a {@link SandboxStateException} naming the fix.
     */
    public static SandboxServer persistent(Path stateFile) throws IOException {
        if (Files.exists(stateFile)) {
            SandboxStateFile.State s = SandboxStateFile.read(stateFile);
            SandboxServer server = new SandboxServer(stateFile, s.root(), s.intermediate(), s.staticKey());
            s.accounts().forEach(a -> server.accounts.put(a.phone(), a));
            s.devices().forEach(d -> server.devices.put(HexFormat.of().formatHex(d.noiseKey()), d));
            return server;
        }
        SandboxServer server = new SandboxServer(stateFile, Curve25519.generate(), Curve25519.generate(), Curve25519.generate());
        server.save();
        return server;
    }

    public synchronized SandboxServer start(String host, int port) throws InterruptedException {
        SandboxServer self = this;
        accounts.values().forEach(this::simulatedPhone); // phones of accounts kept in the state file
        listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        byte[] chain = ca.chainFor(staticKey.publicKey(), clock.instant(), Duration.ofDays(30));
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new SandboxMediaHttp(media),
                                new SandboxHttpApi(self),
                                new WebSocketServerProtocolHandler("/ws/chat", null, false, MAX_FRAME),
                                new WebSocketFrameAggregator(MAX_FRAME), new WebSocketBinaryCodec(),
                                new FrameDecoder(MAX_FRAME, true), new FrameEncoder(false),
                                new NoiseServerHandler(prologue -> new ServerHandshake(staticKey, chain, prologue)), new SandboxConnection(self));
                    }
                }).bind(host, port).sync().channel();
        log.info("sandbox listening on {}", url());
        return this;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** The WebSocket URL to configure as the transport's url. */
    public String url() {
        InetSocketAddress a = (InetSocketAddress) listener.localAddress();
        return "ws://" + a.getHostString() + ":" + a.getPort() + "/ws/chat";
    }

    /** The media host {@code media_conn} names: this server's address and port (plain http; see ServerMediaConn). */
    String mediaHost() {
        InetSocketAddress a = (InetSocketAddress) listener.localAddress();
        String host = a.getHostString();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** The certificate root to configure as the transport's root_key (hex). */
    public String rootPublicKeyHex() {
        return HexFormat.of().formatHex(rootKey.publicKey());
    }

    public SandboxPhone phone(String phone) {
        if (!phone.matches("\\+[1-9][0-9]{6,14}")) {
            throw new IllegalArgumentException("sandbox phones are E.164 numbers like +34600000000");
        }
        return new SandboxPhone(this, phone);
    }

    Clock clock() {
        return clock;
    }

    Faults faults() {
        return faults;
    }

    FaultInjector injector() {
        return injector;
    }

    byte[] random(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    String nextId() {
        return "sb." + ids.incrementAndGet();
    }

    /** A phone scans a QR: signs the companion's identity as its next device and sends pair-success. */
    Jid link(String phone, String qrText) {
        QrCode qr = QrCode.parse(qrText);
        SandboxConnection conn = pendingRefs.get(qr.ref());
        if (conn == null) {
            throw new IllegalArgumentException("this QR code is expired or unknown; show a fresh one");
        }
        if (!Arrays.equals(conn.noiseKey(), qr.noisePublicKey()) || !Arrays.equals(conn.identityKey(), qr.identityPublicKey())) {
            throw new IllegalArgumentException("the QR code's keys do not match the connection that showed it");
        }
        return pairWith(phone, conn, qr.advSecret());
    }

    /** The phone's owner typed a pairing code shown by a companion (linking by phone number). */
    void enterLinkCode(String phone, String code) {
        ServerLinkCode pending = pendingLinkCodes.get(phone.substring(1));
        if (pending == null) {
            throw new IllegalArgumentException("no companion is waiting for a code for " + phone);
        }
        pending.enter(LinkCodes.normalize(code));
    }

    /**
     * Links the companion on {@code conn} as the phone's next device: signs its identity with
     * the account key, seals it under the ADV secret both share (from the QR, or derived from a
     * pairing code), and sends pair-success. Returns the device JID.
     */
    Jid pairWith(String phone, SandboxConnection conn, byte[] advSecret) {
        String digits = phone.substring(1);
        Account account = account(phone);
        int deviceId = account.nextDevice().getAndIncrement();
        Jid jid = new Jid(digits, 0, deviceId, Jid.USER_SERVER);
        Jid lid = new Jid(account.lidUser(), 0, deviceId, Jid.LID_SERVER);
        boolean hosted = hostedPhones.contains(digits);
        ADVDeviceIdentity.Builder identity = ADVDeviceIdentity.newBuilder().setRawId(random.nextInt() & 0x7FFFFFFF)
                .setTimestamp(clock.instant().getEpochSecond()).setKeyIndex(deviceId);
        if (hosted) {
            identity.setAccountType(ADVEncryptionType.HOSTED).setDeviceType(ADVEncryptionType.HOSTED);
        }
        byte[] details = identity.build().toByteArray();
        byte[] accountKey = account.identity().publicKey();
        byte[] signed = ADVSignedDeviceIdentity.newBuilder().setDetails(ByteString.copyFrom(details))
                .setAccountSignatureKey(ByteString.copyFrom(accountKey))
                .setAccountSignature(ByteString.copyFrom(XEdDSA.sign(account.identity().privateKey(),
                        AdvSignatures.accountMessage(details, conn.identityKey(), hosted))))
                .build().toByteArray();
        ADVSignedDeviceIdentityHMAC.Builder sealed = ADVSignedDeviceIdentityHMAC.newBuilder().setDetails(ByteString.copyFrom(signed))
                .setHmac(ByteString.copyFrom(AdvSignatures.hmac(advSecret, signed, hosted)));
        byte[] container = (hosted ? sealed.setAccountType(ADVEncryptionType.HOSTED) : sealed).build().toByteArray();
        conn.execute(() -> conn.pairSuccess(jid, lid, container, details, accountKey));
        saveQuietly();
        return jid;
    }

    void register(Device device) {
        devices.put(HexFormat.of().formatHex(device.noiseKey()), device);
        saveQuietly();
        log.info("sandbox: linked device {}", device.jid());
        deviceWatchers.linked(device);
    }

    void unlink(Device device) {
        devices.remove(HexFormat.of().formatHex(device.noiseKey()));
        preKeys.remove(device.jid().toString());
        router.forget(device.jid().toString());
        saveQuietly();
        deviceWatchers.unlinked(device);
    }

    int unlinkAll(String phone) {
        String digits = phone.substring(1);
        int n = 0;
        for (Device d : List.copyOf(devices.values())) {
            if (d.jid().user().equals(digits)) {
                forceLogout(d.jid().toString());
                n++;
            }
        }
        return n;
    }

    /** Device JIDs (user:device@s.whatsapp.net) of a phone that are online now. */
    public List<String> onlineDevices(String phone) {
        String digits = phone.substring(1);
        return online.keySet().stream().filter(j -> j.startsWith(digits + ":") || j.startsWith(digits + "@")).sorted().toList();
    }

    /** How many usync queries a device has sent (a send that found its device lists cached sends none). */
    public int usyncQueries(String deviceJid) {
        return deviceWatchers.queries(deviceJid);
    }

    /** A fault: while on, device-list changes are not notified (as if the notifications were lost). */
    public void muteDeviceNotifications(boolean on) {
        deviceWatchers.mute(on);
    }

    /** Stanzas delivered to a device that it has not acked yet. */
    public int unacked(String deviceJid) {
        return router.waiting(deviceJid);
    }

    /** How many one-time prekeys a device has uploaded and not yet given out. */
    public int preKeyCount(String deviceJid) {
        PreKeys p = preKeys.get(deviceJid);
        return p == null ? 0 : p.count();
    }

    /** The id of the signed prekey a bundle fetch of this device gets now (0 when it has none). */
    public int signedPreKeyId(String deviceJid) {
        PreKeys p = preKeys.get(deviceJid);
        return p == null ? 0 : p.signedPreKeyId();
    }

    public List<String> linkedDevices(String phone) {
        String digits = phone.substring(1);
        return devices.values().stream().map(d -> d.jid().toString()).filter(j -> j.startsWith(digits + ":")).sorted().toList();
    }

    // ------------------------------------------------------------------ fault injection

    private Optional<SandboxConnection> connection(String deviceJid) {
        return Optional.ofNullable(online.get(deviceJid));
    }

    /** Drops the device's socket without a goodbye (network trouble). */
    public boolean drop(String deviceJid) {
        return connection(deviceJid).map(c -> {
            c.execute(c::drop);
            return true;
        }).orElse(false);
    }

    /** Sends stream:error 515 (restart required) and closes. */
    public boolean forceRestart(String deviceJid) {
        return connection(deviceJid).map(c -> {
            c.execute(() -> c.sayGoodbye(Node.of("stream:error", Node.attrs("code", "515"))));
            return true;
        }).orElse(false);
    }

    /** Unlinks the device and tells it so (stream:error 401 with conflict device_removed). */
    public boolean forceLogout(String deviceJid) {
        Device d = devices.values().stream().filter(x -> x.jid().toString().equals(deviceJid)).findFirst().orElse(null);
        if (d == null) {
            return false;
        }
        unlink(d);
        connection(deviceJid).ifPresent(c -> c.execute(() ->
                c.sayGoodbye(Node.of("stream:error", Node.attrs("code", "401"), List.of(Node.of("conflict", Node.attrs("type", "device_removed")))))));
        return true;
    }

    /** Refuses the next {@code times} messages from any device with {@code <ack class="message" error="code">} (429, 463). */
    public void refuseMessages(String code, int times) {
        injector.refuseMessages(code, times);
    }

    /**
     * While on, a 1:1 message to a contact the sender's account has no chat with yet is refused
     * with {@code <ack error="463">} unless it carries the contact's privacy token
     * ({@code <tctoken>}, see {@link TrustedContacts}); off by default.
     */
    public void requirePrivacyTokens(boolean on) {
        trustedContacts.require(on);
    }

    /** When {@code issuerPhone}'s account last issued its privacy token to {@code contactPhone}'s, if ever. */
    public Optional<Instant> privacyTokenIssuedAt(String issuerPhone, String contactPhone) {
        return trustedContacts.issuedAt(account(issuerPhone), account(contactPhone));
    }

    /** Answers the next {@code times} logins with {@code <failure attrs/>} (e.g. reason 402, code, expire). */
    public void failLogins(Map<String, String> attrs, int times) {
        injector.failLogins(Map.copyOf(attrs), times);
    }

    /** Refuses hellos (logins and pairing) older than {@code version} ("2.3000.1045649367") with 405; null: any. */
    public void requireVersion(String version) {
        injector.requireVersion(version == null ? null : Arrays.stream(version.split("\\.")).mapToLong(Long::parseLong).toArray());
    }

    /** The version last required with {@link #requireVersion}, as WhatsApp's start page would announce it; null: none. */
    public String requiredVersion() {
        long[] v = injector.requiredVersion();
        return v == null ? null : v[0] + "." + v[1] + "." + v[2];
    }

    /** How many times the device tried to log in (its hellos), refused or not. */
    public int loginAttempts(String deviceJid) {
        return injector.logins(deviceJid);
    }

    /** How many acks with this id the device sent. */
    public int acksFrom(String deviceJid, String id) {
        return injector.acks(deviceJid, id);
    }

    /** Sends {@code <stream:error code>} (with {@code <conflict type>} when given) and closes. */
    public boolean streamError(String deviceJid, String code, String conflict) {
        Node error = Node.of("stream:error", code == null ? Map.of() : Node.attrs("code", code),
                conflict == null ? List.of() : List.of(Node.of("conflict", Node.attrs("type", conflict))));
        return connection(deviceJid).map(c -> {
            c.execute(() -> c.sayGoodbye(error));
            return true;
        }).orElse(false);
    }

    /** Pushes a stanza no client can take (see FaultInjector#poison); returns its id, or null when the device is offline. */
    public String poison(String deviceJid, String kind, int size) {
        Optional<SandboxConnection> c = connection(deviceJid);
        if (c.isEmpty()) {
            return null;
        }
        String id = nextId();
        if ("undecodable".equals(kind)) {
            c.get().execute(() -> c.get().writeRaw(FaultInjector.undecodableBytes()));
        } else {
            router.deliver(deviceJid, FaultInjector.poison(kind, id, size));
        }
        return id;
    }

    /** A fault: while on, app-state blobs are published with a wrong MAC (their file hash taken after), so clients must refuse them. */
    public void corruptMediaBlobs(boolean on) {
        media.corrupt(on);
    }

    /** While on, every app-state patch is served with its mutations in a blob on the media servers, however small. */
    public void externalAppStateMutations(boolean always) {
        appStateMedia.alwaysExternal(always);
    }

    /** How many blobs the media servers have handed out. */
    public int mediaDownloads() {
        return media.served();
    }

    /** Delays every frame the sandbox sends by {@code millis} (0 turns it off). */
    public void delayFrames(long millis) {
        faults.setDelay(millis);
    }

    // ------------------------------------------------------------------ state file

    private void saveQuietly() {
        try {
            save();
        } catch (IOException e) {
            log.warn("sandbox: could not save its state: {}", e.getMessage());
        }
    }

    private synchronized void save() throws IOException {
        if (stateFile == null) {
            return;
        }
        ObjectMapper m = new ObjectMapper();
        ObjectNode s = m.createObjectNode();
        s.put("root", HexFormat.of().formatHex(rootKey.serialize()));
        s.put("intermediate", HexFormat.of().formatHex(intermediateKey.serialize()));
        s.put("static", HexFormat.of().formatHex(staticKey.serialize()));
        ArrayNode accs = s.putArray("accounts");
        accounts.values().forEach(a -> accs.addObject().put("phone", a.phone().startsWith("+") ? a.phone().substring(1) : a.phone())
                .put("identity", HexFormat.of().formatHex(a.identity().serialize())).put("lid", a.lidUser())
                .put("next_device", a.nextDevice().get()));
        ArrayNode devs = s.putArray("devices");
        devices.values().forEach(d -> devs.addObject().put("jid", d.jid().toString()).put("lid", d.lid().toString())
                .put("noise", HexFormat.of().formatHex(d.noiseKey())).put("identity", HexFormat.of().formatHex(d.identityKey())));
        Path tmp = stateFile.resolveSibling(stateFile.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, m.writerWithDefaultPrettyPrinter().writeValueAsBytes(s));
        Files.move(tmp, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        phoneThread.shutdownNow();
    }

    Map<String, Object> info() {
        return Map.of("ws_url", url(), "root_key", rootPublicKeyHex());
    }

    StanzaRouter router() {
        return router;
    }

    Directory directory() {
        return directory;
    }

    /** The account of an E.164 number, created (with its phone online) on first use. */
    Account account(String phone) {
        String digits = phone.startsWith("+") ? phone.substring(1) : phone;
        Account account = accounts.computeIfAbsent(digits, d -> new Account("+" + d, Curve25519.generate(),
                Long.toString(100_000_000_000_000L + Math.floorMod(random.nextLong(), 899_999_999_999_999L)), new AtomicInteger(1)));
        simulatedPhone(account);
        return account;
    }

    /** A linked device uploaded its first keys: its account's phone shares the app-state keys with it. */
    void companionReady(Device device) {
        Account account = directory.accountOf(device.jid());
        if (account != null) {
            simulatedPhone(account).shareAppStateKeys(device.jid());
        }
    }

    /** The account's phone, started on first use. */
    SimulatedPhone simulatedPhone(Account account) {
        return phones.computeIfAbsent(account.digits(), d -> {
            SimulatedPhone p = new SimulatedPhone(this, account, phoneThread);
            p.start();
            return p;
        });
    }

    MessageFanOut fanOut() {
        return fanOut;
    }

    DeviceListWatchers deviceWatchers() {
        return deviceWatchers;
    }

    ServerProfiles profiles() {
        return profiles;
    }

    AppStateCollections appState() {
        return appState;
    }

    AppStateMedia appStateMedia() {
        return appStateMedia;
    }

    TrustedContacts trustedContacts() {
        return trustedContacts;
    }

    /** What an account shows of itself (push name, about, business description, picture size). */
    public Map<String, Object> profileOf(String phone) {
        return profiles.describe(phone.startsWith("+") ? phone.substring(1) : phone);
    }

    /** The LID user of a number's account (created if new). */
    public String lidOf(String phone) {
        return account(phone).lidUser();
    }

    /** QR refs handed out and not yet scanned or expired (tests check that none leak). */
    public int pendingQrRefs() {
        return pendingRefs.size();
    }
}
