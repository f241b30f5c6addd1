package dev.wabridge.daemon.cli;

import dev.wabridge.daemon.DaemonProcess;
import dev.wabridge.daemon.Db;
import dev.wabridge.daemon.McpTestClient;
import dev.wabridge.daemon.UnixSocketHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.wabridge.testkit.Eventually.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, items 1, 2 and 3, against one real daemon in a child JVM with the heap a 1 GiB
 * VPS gets (-Xmx256m): each attack is answered with a clear error or bounded, and the daemon
 * still answers another client within a second; a second `run` on its data directory stops
 * naming its PID and leaves its socket working, while CLI commands keep working beside it.
 * One child serves every test here: starting JVMs is the expensive part.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileClientsTest {
    static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
            + "\"capabilities\":{},\"clientInfo\":%s}}";

    Path data;
    Path log;
    DaemonProcess daemon;
    McpTestClient admin;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        data = dir.resolve("data");
        log = dir.resolve("daemon.log");
        Path config = dir.resolve("wabridge.properties");
        Files.writeString(config, "transport = scripted\ntransport.auto_pair = +3461000000{session}\n");
        daemon = DaemonProcess.start(data, config, log, List.of("-Xmx256m"));
        admin = new McpTestClient(daemon.baseUrl(), daemon.token);
    }

    @AfterAll
    void stop() throws Exception {
        admin.close();
        daemon.close();
        Files.copy(log, Path.of("target", "hostile-clients-daemon.log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private String cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data.toString()));
        int code = Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A token made with the CLI while the daemon runs (item 2: database-only commands work beside it). */
    private String newToken(String name, String scopes) {
        List<String> lines = cli("token", "create", name, "--scopes", scopes).lines().toList();
        String token = lines.get(lines.size() - 1);
        // the daemon reloads its token cache for an unknown token at most once a second
        until("the daemon knows token " + name, () -> {
            try {
                return ping(token, "none").statusCode() != 401;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        return token;
    }

    private HttpResponse<String> initialize(String token, String clientInfo) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(daemon.url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(INIT.formatted(clientInfo))).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Another client, with its own token, gets an answer within a second. */
    private void anotherClientIsAnsweredWithinASecond(String token) throws Exception {
        Instant start = Instant.now();
        HttpResponse<String> r = initialize(token, "{\"name\":\"bystander\",\"version\":\"1\"}");
        Duration took = Duration.between(start, Instant.now());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "answered in " + took);
    }

    private void noOutOfMemory() throws Exception {
        assertTrue(daemon.process.isAlive());
        assertFalse(Files.readString(log).contains("OutOfMemoryError"), "the daemon log shows no OutOfMemoryError");
    }

    @Test
    void aTemplateBombIsRefusedClearlyForSendsAndSchedules() throws Exception {
        String bystander = newToken("bystander1", "read");
        admin.ok("save_as_whatsapp_template", "name", "bomb", "body", "{{a}}".repeat(13_000));
        long session = admin.ok("connect_whatsapp", "label", "s").get("session_id").asLong();
        until("connected", () -> "connected".equals(admin.ok("get_whatsapp_status", "session_id", session)
                .get("sessions").get(0).get("status").asText()));
        Map<String, Object> variables = Map.of("a", "x".repeat(900_000));

        McpTestClient.Result send = admin.call("send_whatsapp_message", Map.of("session_id", session, "phone", "+34600000001",
                "template", "bomb", "variables", variables));
        assertTrue(send.isError(), send.text());
        assertTrue(send.text().contains("would be 11700000000 characters; WhatsApp allows 65536"), send.text());
        anotherClientIsAnsweredWithinASecond(bystander);

        McpTestClient.Result scheduled = admin.call("create_scheduled_message", Map.of("session_id", session, "phone", "+34600000001",
                "template", "bomb", "variables", variables, "scheduled_at", Instant.now().plusSeconds(3600).toString()));
        assertTrue(scheduled.isError(), scheduled.text());
        assertTrue(scheduled.text().contains("65536"), scheduled.text());
        anotherClientIsAnsweredWithinASecond(bystander);
        noOutOfMemory();
        assertEquals(0, Db.count(data.resolve("wabridge.db"), "SELECT count(*) FROM outbox"));
        assertEquals(0, Db.count(data.resolve("wabridge.db"), "SELECT count(*) FROM scheduled_messages"));
    }

    @Test
    void threeTokensTimesAHundredMegabyteClientInfosAreAllAnsweredAndBounded() throws Exception {
        String bystander = newToken("bystander3", "read");
        List<String> tokens = List.of(newToken("flood1", "read"), newToken("flood2", "read"), newToken("flood3", "read"));
        String huge = "{\"name\":\"" + "n".repeat(1_000_000) + "\",\"version\":\"1\"}";
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<List<String>>> floods = new ArrayList<>();
        for (String token : tokens) {
            floods.add(pool.submit(() -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    HttpResponse<String> r = initialize(token, huge);
                    assertEquals(200, r.statusCode(), r.body());
                    ids.add(r.headers().firstValue("Mcp-Session-Id").orElseThrow());
                }
                return ids;
            }));
        }
        List<List<String>> ids = new ArrayList<>();
        for (Future<List<String>> f : floods) {
            ids.add(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        anotherClientIsAnsweredWithinASecond(bystander);
        noOutOfMemory();
        // each token kept only its newest sessions: its first is gone (404), its last answers
        assertEquals(404, ping(tokens.get(0), ids.get(0).get(0)).statusCode());
        assertEquals(200, ping(tokens.get(0), ids.get(0).get(99)).statusCode());
    }

    @Test
    void tenTokensOpeningSessionsWithoutEndCannotLockAnotherOut() throws Exception {
        List<String> tokens = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            tokens.add(cli("token", "create", "greedy" + t, "--scopes", "read").lines().reduce((a, b) -> b).orElseThrow());
        }
        String newcomer = newToken("newcomer", "read"); // waits until the daemon knows the tokens made before it, too
        for (String token : tokens) {
            for (int i = 0; i < 110; i++) {
                assertEquals(200, initialize(token, "{\"name\":\"greedy\",\"version\":\"1\"}").statusCode());
            }
        }
        anotherClientIsAnsweredWithinASecond(newcomer);
    }

    private HttpResponse<String> ping(String token, String session) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(daemon.url)).header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream").header("Authorization", "Bearer " + token)
                .header("Mcp-Session-Id", session)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSecondRunStopsNamingThePidAndTheFirstSocketStillWorks() throws Exception {
        Path socket = data.resolve("wabridge.sock");
        Object inode = Files.getAttribute(socket, "unix:ino");
        Process second = new ProcessBuilder(DaemonProcess.command(List.of(), "run", "--data-dir", data.toString(), "--http-port", "0"))
                .redirectErrorStream(true).start();
        assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the second run stops by itself");
        String said = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, second.exitValue(), said);
        assertTrue(said.contains("another wabridge daemon (PID " + daemon.process.pid() + ") is running on the data directory"), said);

        assertEquals(inode, Files.getAttribute(socket, "unix:ino"), "the first daemon's socket was not replaced");
        String answer = UnixSocketHttp.post(socket, daemon.token, INIT.formatted("{\"name\":\"via-socket\",\"version\":\"1\"}"));
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        // database-only commands work beside the running daemon
        assertTrue(cli("credits", "show").contains("available"));
        String token = newToken("beside", "read");
        assertEquals(200, initialize(token, "{\"name\":\"new\",\"version\":\"1\"}").statusCode());
    }
}
