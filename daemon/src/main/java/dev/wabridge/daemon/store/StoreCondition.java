package dev.wabridge.daemon.store;

import java.time.Instant;

/**
 * How the store is doing beyond "it answers": a fault seen on the last failing write and not
 * cleared by a later successful one (a full disk clears by itself once there is room), and
 * the free space where the data lives.
 *
 * @param fault     null when none
 * @param detail    the engine's words for it, or null
 * @param since     when it was first seen, or null
 * @param freeBytes usable bytes on the file system of the data, -1 when unknown
 */
public record StoreCondition(StoreFault fault, String detail, Instant since, long freeBytes) {
}
