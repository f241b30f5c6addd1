package dev.wabridge.daemon.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.logs.MessageLog;
import dev.wabridge.daemon.store.WebhookQueue;
import dev.wabridge.daemon.time.TimeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Delivers incoming messages to the configured webhook from the durable queue: each message's
 * delivery is queued in the transaction that logs it, so it survives a crash; this worker, on
 * its own thread, POSTs it signed ({@link WebhookSigner}), and retries with backoff until a 2xx
 * or {@code max_attempts}. A slow or failing receiver never blocks a session: sessions only
 * write the queue row.
 */
public final class WebhookDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    static final String EVENT_INCOMING = "message.incoming";

    private final WebhookSettings settings;
    private final WebhookQueue queue;
    private final TimeSource time;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Object wake = new Object();
    private volatile boolean running = true;
    private Thread worker;

    public WebhookDispatcher(WebhookSettings settings, WebhookQueue queue, TimeSource time, ObjectMapper mapper) {
        this.settings = settings;
        this.queue = queue;
        this.time = time;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    /** Queues incoming messages with the message log's transaction and starts delivering. */
    public WebhookDispatcher attach(MessageLog messages) {
        messages.onIncomingStored((tx, sessionId, messageId, phone, pushName, text, at) -> {
            ObjectNode body = mapper.createObjectNode().put("event", EVENT_INCOMING).put("session_id", sessionId)
                    .put("message_id", messageId).put("phone", phone).put("push_name", pushName).put("text", text)
                    .put("timestamp", at.toString());
            queue.enqueue(tx, EVENT_INCOMING, body.toString(), time.now());
            synchronized (wake) {
                wake.notifyAll();
            }
        });
        worker = Thread.ofVirtual().name("webhook").start(this::loop);
        return this;
    }

    private void loop() {
        while (running) {
            try {
                List<WebhookQueue.Delivery> due = queue.due(time.now(), 50);
                due.forEach(this::deliver);
                if (due.isEmpty()) {
                    synchronized (wake) {
                        wake.wait(1000);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("webhook: {}", e.getMessage()); // e.g. the store is closing; try again shortly
                sleepQuietly();
            }
        }
    }

    private void deliver(WebhookQueue.Delivery d) {
        String error;
        try {
            HttpRequest request = HttpRequest.newBuilder(settings.url()).timeout(settings.timeout())
                    .header("Content-Type", "application/json").header(WebhookSigner.HEADER, WebhookSigner.sign(settings.secret(), d.body()))
                    .header("X-Wabridge-Event", d.event()).header("X-Wabridge-Delivery", Long.toString(d.id()))
                    .POST(HttpRequest.BodyPublishers.ofString(d.body())).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                queue.delivered(d.id(), time.now());
                return;
            }
            error = "HTTP " + response.statusCode();
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        int attempt = d.attempts() + 1;
        if (attempt >= settings.maxAttempts()) {
            queue.failed(d.id(), error, time.now());
            log.warn("webhook: delivery {} given up after {} attempts ({})", d.id(), attempt, error);
        } else {
            long seconds = Math.min(WebhookSettings.MAX_BACKOFF.toSeconds(), 1L << Math.min(20, attempt - 1));
            queue.retry(d.id(), error, time.now().plus(Duration.ofSeconds(seconds)));
            log.info("webhook: delivery {} failed ({}); retrying in {} s", d.id(), error, seconds);
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (worker != null) {
            worker.interrupt();
        }
    }
}
