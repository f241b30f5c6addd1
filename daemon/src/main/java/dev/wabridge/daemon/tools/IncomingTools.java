package dev.wabridge.daemon.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wabridge.daemon.errors.UserError;
import dev.wabridge.daemon.phone.PhoneNumbers;
import dev.wabridge.daemon.store.MessageDirection;
import dev.wabridge.daemon.store.MessageRow;
import dev.wabridge.rpc.tools.ToolHandler;
import dev.wabridge.rpc.tools.ToolResult;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * wait_for_whatsapp_message: for hosts that never show notifications to the model, a call
 * that returns as soon as a matching incoming message is logged, or after the timeout.
 *
 * <p>It blocks only its own request thread (MCP tool calls run on virtual threads, never on
 * a Netty event loop) and waits on an in-memory signal, not on the store's thread, which it
 * uses only for two short reads.
 */
final class IncomingTools {
    static final int MAX_TIMEOUT_SECONDS = 60;
    private static final int MAX_MESSAGES = 50;

    private final Services s;

    IncomingTools(Services s) {
        this.s = s;
    }

    void register(Map<String, ToolHandler> h) {
        h.put("wait_for_whatsapp_message", call -> {
            Args a = new Args(call.arguments());
            Long sessionId = a.longValue("session_id");
            if (sessionId != null) {
                s.sessions().requireKnown(sessionId);
            }
            String phone = a.has("phone") ? PhoneNumbers.require(a.string("phone")) : null;
            int timeout = a.intOr("timeout_seconds", 30);
            long newest = s.log().lastId();
            long since = a.has("since_id") ? a.longValue("since_id") : newest;
            if (since > newest) {
                throw new UserError("since_id " + since + " is past the newest logged message (" + newest
                        + "); pass a next_since_id a tool returned, or leave it out to wait for the next message");
            }
            List<MessageRow> found = await(sessionId, phone, since, timeout);
            long next = found.isEmpty() ? since : found.getLast().id();
            ObjectNode out = Json.object();
            Json.array(out, "messages", found, Json::message);
            out.put("count", found.size());
            out.put("next_since_id", next);
            out.put("timed_out", found.isEmpty());
            String who = (phone == null ? "anyone" : phone) + (sessionId == null ? "" : " on session " + sessionId);
            String summary = found.isEmpty()
                    ? "No message from " + who + " within " + timeout + " s; call again with since_id " + next
                    : found.size() + " new message(s) from " + who + "; the first: \"" + found.getFirst().text()
                    + "\" from " + found.getFirst().phone() + ". Next since_id " + next;
            return ToolResult.ok(summary, out);
        });
    }

    /** Incoming rows after {@code since}, waiting up to {@code timeout} s for the first one. */
    private List<MessageRow> await(Long sessionId, String phone, long since, int timeout) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        while (true) {
            // Registered before reading, so a message committed right after the read still wakes us.
            CompletableFuture<Void> signal = s.waiters().register(sessionId, phone);
            try {
                List<MessageRow> rows = s.log().after(since, MessageDirection.INCOMING, sessionId, phone, MAX_MESSAGES);
                long left = deadline - System.nanoTime();
                if (!rows.isEmpty() || left <= 0) {
                    return rows;
                }
                signal.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // Time is up: the next round reads once more and returns what it finds.
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a wait signal only completes normally", e);
            } finally {
                s.waiters().forget(signal);
            }
        }
    }
}
