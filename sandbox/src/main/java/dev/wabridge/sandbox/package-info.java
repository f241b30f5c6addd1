/**
 * A local stand-in for WhatsApp's servers and the users' phones: the server side of the
 * multi-device protocol (Noise responder with its own certificate root, pairing, login,
 * pings, stream errors) plus simulated phones that scan QR codes, and fault injection.
 * Tests and the daemon's --sandbox mode run it in-process; ./wabridge sandbox runs it alone.
 */
package dev.wabridge.sandbox;
