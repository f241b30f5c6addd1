/**
 * What a feature handler sees of its session: {@link dev.wabridge.transport.web.services.SessionServices}
 * (send, request, report, schedule, state transitions) and
 * {@link dev.wabridge.transport.web.services.ConnectionControl}. The client package implements
 * them and wires the handlers; the handler packages (pairing, login, ...) depend only on this
 * one, so no package cycle forms and each handler is tested against a fake.
 */
package dev.wabridge.transport.web.services;
