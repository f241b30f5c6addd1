// The official MCP TypeScript SDK v2 client (@modelcontextprotocol/client, pinned in
// package-lock.json) against a running wabridge daemon, pinned to the stateless revision
// 2026-07-28: server/discover, tools/list, a tool call, resources/list and resources/read,
// then subscriptions/listen on a linked number's message log until an incoming message
// updates it. Prints "LISTENING <uri>" once the subscription is acknowledged, so the caller
// can make a message arrive, and "OK ..." at the end. Exit 0 on success, non-zero otherwise.
// Usage: node stateless-client.mjs MCP_URL TOKEN
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [url, token] = process.argv.slice(2);
const fail = (why) => {
  console.log(`FAILED: ${why}`);
  process.exit(2);
};
const timer = setTimeout(() => fail('no resource update within 60 s'), 60_000);

const client = new Client(
  { name: 'wabridge-ci-ts-sdk', version: '1.0.0' },
  { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } }
);
const transport = new StreamableHTTPClientTransport(new URL(url), {
  requestInit: { headers: { Authorization: `Bearer ${token}` } }
});
await client.connect(transport);

const discovered = client.getServerVersion();
console.log(`discover: server ${discovered?.name} ${discovered?.version}, capabilities ${JSON.stringify(client.getServerCapabilities())}`);
if (!client.getServerCapabilities()?.resources?.subscribe) fail('server/discover did not offer resource subscriptions');

const tools = (await client.listTools()).tools;
console.log(`tools/list: ${tools.length} tools`);
if (!tools.some((t) => t.name === 'wait_for_whatsapp_message')) fail('wait_for_whatsapp_message is not listed');

const status = await client.callTool({ name: 'get_whatsapp_status', arguments: {} });
if (status.isError) fail(`get_whatsapp_status failed: ${JSON.stringify(status.content)}`);
const sessions = status.structuredContent.sessions;
console.log(`tools/call get_whatsapp_status: ${sessions.length} session(s)`);
if (sessions.length === 0) fail('no linked number to listen on');

const resources = (await client.listResources()).resources;
const log = resources.find((r) => r.uri === `whatsapp://sessions/${sessions[0].session_id}/messages`);
if (!log) fail(`the message log of session ${sessions[0].session_id} is not among ${JSON.stringify(resources.map((r) => r.uri))}`);
const before = await client.readResource({ uri: log.uri });
console.log(`resources/read ${log.uri}: ${JSON.parse(before.contents[0].text).messages.length} message(s)`);

let resolveUpdate;
const updated = new Promise((resolve) => (resolveUpdate = resolve));
client.setNotificationHandler('notifications/resources/updated', (n) => resolveUpdate(n.params.uri));
const subscription = await client.listen({ resourceSubscriptions: [log.uri] });
if (!subscription.honoredFilter.resourceSubscriptions?.includes(log.uri)) {
  fail(`subscription not honoured: ${JSON.stringify(subscription.honoredFilter)}`);
}
console.log(`LISTENING ${log.uri}`);

const uri = await updated;
const after = JSON.parse((await client.readResource({ uri })).contents[0].text);
const incoming = after.messages.find((m) => m.direction === 'incoming');
if (!incoming) fail(`updated ${uri} has no incoming message`);
console.log(`OK: notifications/resources/updated for ${uri}; newest incoming message from ${incoming.phone}: ${incoming.text}`);
clearTimeout(timer);
await subscription.close();
await client.close();
process.exit(0);
