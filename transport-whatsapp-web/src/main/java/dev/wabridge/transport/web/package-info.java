/**
 * The client side of WhatsApp's multi-device Web protocol (the transport a linked number
 * runs on): the WebSocket connection, the Noise client handshake and certificate check, the
 * session facade, node routing, IQ requests, keep-alive and one handler per feature (pairing,
 * login, ...). What both ends share lives in {@code wa-wire}; the server side in {@code sandbox}.
 */
package dev.wabridge.transport.web;
