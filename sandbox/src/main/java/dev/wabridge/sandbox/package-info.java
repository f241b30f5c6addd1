/**
 * A local server speaking the server side of WhatsApp's multi-device protocol, with
 * simulated phones, so tests and the demo run without the internet. Built by the
 * transport issue.
 */
package dev.wabridge.sandbox;
