// App state, live, between two independent implementations: a wabridge session (over MCP) and
// Baileys (pinned 6.17.16) linked as two companions of the SAME sandbox phone, so they share
// the account's app-state key (the phone sends it to each). wabridge archives a chat: the
// sandbox tells Baileys with server_sync, Baileys resyncs regular_low, checks every MAC and the
// LT-hash with its own code and must emit chats.update {archived: true} for that chat; then
// unarchive (served with its mutations in a media blob), archived: false. Baileys' MAC checks
// are all turned on (appStateMacVerification), and a sync it logs as failed fails the check.
// The other way round Baileys archives a chat with chatModify: the
// sandbox phone must decode Baileys' patch with our code (GET /sandbox/phones/{phone}/chats) and
// wabridge must still write after it (its next patch is built on the LT-hash that includes
// Baileys' record, so the phone and Baileys verify it only if wabridge accepted Baileys' patch;
// wabridge has no tool that reads archive state). Exit 0 when all hold.
// Usage: node archive-with-wabridge.mjs WS_URL SANDBOX_API MCP_URL AUTH_DIR
import https from 'node:https';
import net from 'node:net';
import baileys from 'baileys';
import pino from 'pino';
import { eventually as waitUntil, fail, mcpSession, sleep } from './mcp-session.mjs';

const makeWASocket = baileys.default ?? baileys.makeWASocket;
const { useMultiFileAuthState, DisconnectReason } = baileys;
const [wsUrl, api, mcpUrl, authDir] = process.argv.slice(2);
const CONTACT = '34699000001'; // a demo contact of run --sandbox: wabridge archives this chat
const OTHER = '34699000002';   // another: Baileys archives this one
const jid = (digits) => `${digits}@s.whatsapp.net`;

// Baileys downloads app-state blobs (a snapshot, external mutations) from its fixed media host,
// https://mmg.whatsapp.net + the blob's directPath (Utils/messages-media.js getUrlFromDirectPath),
// never from the hosts media_conn names. Here that host is the sandbox, which serves the blobs on
// its own port over plain http: connections to it go there, as waWebSocketUrl points the chat
// socket at the sandbox (only the test harness does this; Baileys' code is unchanged).
const sandbox = new URL(wsUrl);
class SandboxMediaAgent extends https.Agent {
  createConnection(options, callback) {
    if (options.host !== 'mmg.whatsapp.net') return super.createConnection(options, callback);
    return net.createConnection({ host: sandbox.hostname, port: Number(sandbox.port) });
  }
}
const mediaAgent = new SandboxMediaAgent();

// Baileys does not throw when a sync fails to verify: chats.ts resyncAppState logs "failed to
// sync state from version…" (info) and starts the collection over. Its log is read for that line
// (and shown with BAILEYS_LOG=debug|trace); any such line fails the check.
const syncFailures = [];
const logger = pino({ level: ['debug', 'trace'].includes(process.env.BAILEYS_LOG) ? process.env.BAILEYS_LOG : 'info' }, {
  write(line) {
    if (line.includes('failed to sync state')) syncFailures.push(line.trim());
    if (process.env.BAILEYS_LOG) process.stdout.write(line);
  },
});
const verifiedSoFar = () => {
  if (syncFailures.length) fail(`Baileys could not verify an app-state sync: ${syncFailures.join(' | ')}`);
};

setTimeout(() => fail('the archive check did not finish within 90 s'), 90000);

// ---- MCP over Streamable HTTP (mcp-session.mjs)
const { rpc, tool } = mcpSession(mcpUrl);
// archive_whatsapp_chat; right after linking the phone's key share may still be on its way (a
// retryable error), so that one answer is asked again
async function archive(phone, archived) {
  for (let i = 0; ; i++) {
    const result = await rpc('tools/call', { name: 'archive_whatsapp_chat', arguments: { phone, archived } });
    if (!result.isError) return result.structuredContent;
    const why = result.content?.[0]?.text ?? '';
    if (i >= 50 || !why.includes('has not shared its app-state key')) fail(`archive_whatsapp_chat: ${why}`);
    await sleep(200);
  }
}
const eventually = (what, check) => waitUntil(what, check, verifiedSoFar);

// ---- wabridge, linked over MCP (run --sandbox: session N's phone +3460000NNNN scans its QR)
await rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'interop-archive', version: '1' } });
await tool('connect_whatsapp', { label: 'interop-archive' });
const wabridgePhone = await eventually('wabridge connected', async () => {
  const s = (await tool('get_whatsapp_status', {})).sessions?.[0];
  return s?.status === 'connected' ? s.phone : undefined;
});
const PHONE = wabridgePhone.slice(1);
console.log(`wabridge session is connected as ${wabridgePhone}`);

// ---- Baileys, a second companion of the same phone
const { state, saveCreds } = await useMultiFileAuthState(authDir);
let sock;
let scanned = false;
const chatUpdates = []; // every chats.update / chats.upsert Baileys emitted, in order
const received = [];    // messages Baileys decrypted
let appStateSynced = false;
const opened = new Promise((resolve) => {
  const connect = () => {
    sock = makeWASocket({ waWebSocketUrl: wsUrl, auth: state, logger, printQRInTerminal: false,
      options: { httpsAgent: mediaAgent },
      // Baileys 6.17.16 leaves the LT-hash (snapshot MAC) checks off by default (Defaults/index.js
      // appStateMacVerification {patch: false, snapshot: false}): a snapshot's records would not
      // be checked at all. On, every MAC of a patch and of a snapshot is checked.
      appStateMacVerification: { patch: true, snapshot: true } });
    sock.ev.on('creds.update', (u) => {
      // Baileys' initial app-state sync (chats.ts doAppStateSync: resyncAppState of every
      // collection once the key share came) ends with creds.update {accountSyncCounter}
      if (u.accountSyncCounter) appStateSynced = true;
      saveCreds();
    });
    for (const event of ['chats.update', 'chats.upsert']) {
      sock.ev.on(event, (chats) => {
        if (process.env.BAILEYS_LOG) console.log(event, JSON.stringify(chats));
        for (const c of chats) chatUpdates.push({ event, ...c });
      });
    }
    sock.ev.on('messages.upsert', ({ messages }) => { received.push(...messages); });
    sock.ev.on('connection.update', async (u) => {
      if (u.qr && !scanned) {
        scanned = true;
        const r = await fetch(`${api}/sandbox/phones/${PHONE}/scan`, { method: 'POST', body: JSON.stringify({ qr: u.qr }) });
        console.log(`sandbox phone +${PHONE} scanned Baileys' QR code: HTTP ${r.status} ${await r.text()}`);
      }
      if (u.connection === 'close') {
        const code = u.lastDisconnect?.error?.output?.statusCode;
        if (code === DisconnectReason.restartRequired) connect();
        else fail(`Baileys' connection closed with ${code}: ${u.lastDisconnect?.error?.message}`);
      }
      if (u.connection === 'open') resolve();
    });
  };
  connect();
});
await opened;
console.log(`Baileys is logged in as ${state.creds.me.id}, a second companion of ${wabridgePhone}`);
await eventually('Baileys got the app-state key and finished its initial app-state sync', () =>
  state.creds.myAppStateKeyId && appStateSynced);
console.log(`OK: the phone shared its app-state key ${state.creds.myAppStateKeyId} with Baileys, which synced every collection`);

const archivedSeen = (chat, archived) => () =>
  chatUpdates.find((u) => u.id === jid(chat) && u.archived === archived);
const phoneChats = async () => (await (await fetch(`${api}/sandbox/phones/${PHONE}/chats`)).json()).chats ?? [];
const phoneSays = (chat, archived) => async () =>
  (await phoneChats()).find((c) => c.jid === jid(chat) && c.archived === archived);

// ---- wabridge writes, Baileys reads
await archive(`+${CONTACT}`, true);
const archived = await eventually(`Baileys emitting archived: true for ${jid(CONTACT)}`, archivedSeen(CONTACT, true));
console.log(`OK: wabridge archived +${CONTACT}; Baileys synced it (a snapshot: records, LT-hash and snapshot MAC checked) and emitted ${archived.event} {archived: true}`);
// the unarchive is served with its mutations in a blob on the media servers (as WhatsApp serves
// large patches): Baileys downloads it, opens it and checks the patch over its mutations
const blobs = async (external) => (await (await fetch(`${api}/sandbox/faults/app-state-blobs`,
  { method: 'POST', body: JSON.stringify({ external_mutations: external, corrupt: false }) })).json()).media_downloads;
const downloadsBefore = await blobs(true);
const mark = chatUpdates.length;
await archive(`+${CONTACT}`, false);
await eventually(`Baileys emitting archived: false for ${jid(CONTACT)}`, () =>
  chatUpdates.slice(mark).find((u) => u.id === jid(CONTACT) && u.archived === false));
const downloads = (await blobs(false)) - downloadsBefore;
if (downloads < 2) fail(`${downloads} blob(s) downloaded for the unarchive; wabridge and Baileys should each have fetched one`);
console.log(`OK: wabridge unarchived +${CONTACT}; Baileys fetched the patch's mutations from the sandbox's media server and emitted archived: false`);
await eventually('the sandbox phone showing the chat unarchived', phoneSays(CONTACT, false));

// ---- Baileys writes (chatModify needs the chat's last messages): wabridge texts another demo
// contact, which answers; Baileys gets both (the copy of its account's own message, and the reply)
const sent = await tool('send_whatsapp_message', { phone: `+${OTHER}`, message: `Archive me ${Math.random().toString(36).slice(2)}` });
const last = await eventually(`Baileys receiving the reply of +${OTHER}`, () =>
  received.find((m) => m.key.remoteJid === jid(OTHER) && !m.key.fromMe && m.messageTimestamp));
console.log(`wabridge texted +${OTHER} (${sent.message_id}); Baileys has its reply ${last.key.id}`);
await sock.chatModify({ archive: true, lastMessages: [last] }, jid(OTHER));
await eventually(`the sandbox phone decoding Baileys' archive of ${jid(OTHER)}`, phoneSays(OTHER, true));
console.log(`OK: Baileys archived +${OTHER}; the sandbox phone verified Baileys' patch with our code`);

// wabridge's next patch sits on top of Baileys' in the LT-hash: it goes out only if wabridge
// synced and verified Baileys' patch, and Baileys and the phone verify it in turn
const mark2 = chatUpdates.length;
await archive(`+${OTHER}`, false);
await eventually(`Baileys emitting archived: false for ${jid(OTHER)} after wabridge's unarchive`, () =>
  chatUpdates.slice(mark2).find((u) => u.id === jid(OTHER) && u.archived === false));
await eventually('the sandbox phone showing it unarchived', phoneSays(OTHER, false));
console.log(`OK: wabridge accepted Baileys' patch and unarchived +${OTHER} on top of it; Baileys and the phone verified that`);
await sleep(300);
verifiedSoFar();
console.log('OK: Baileys verified every app-state patch and snapshot it synced (no "failed to sync state")');
process.exit(0);
