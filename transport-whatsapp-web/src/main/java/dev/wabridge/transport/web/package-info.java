/**
 * The WhatsApp multi-device Web protocol on Netty: WebSocket, Noise XX, frames, binary
 * nodes, protobuf, Signal, pairing and app state. Built by the transport issue.
 */
package dev.wabridge.transport.web;
