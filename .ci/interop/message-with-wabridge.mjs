// Two independent implementations talk through the sandbox: Baileys (TypeScript, pinned
// 6.17.16 on libsignal-node) linked to one sandbox phone, and a wabridge session (over MCP)
// linked to another. wabridge sends a text; Baileys must receive and decrypt exactly that
// text and mark it read; Baileys replies; the reply must appear in wabridge's
// get_whatsapp_message_logs and get_whatsapp_conversation_history, and the receipts must move
// the logged status of wabridge's message to "read". Exit 0 when all hold.
// Usage: node message-with-wabridge.mjs WS_URL SANDBOX_API MCP_URL AUTH_DIR
import baileys from 'baileys';
import pino from 'pino';
import { eventually, fail, mcpSession, sleep } from './mcp-session.mjs';

const makeWASocket = baileys.default ?? baileys.makeWASocket;
const { useMultiFileAuthState, DisconnectReason } = baileys;
const [wsUrl, api, mcpUrl, authDir] = process.argv.slice(2);
const BAILEYS_PHONE = '34611113333';
const TEXT = `Hola from wabridge ${Math.random().toString(36).slice(2)}`;
const REPLY = `Reply from Baileys ${Math.random().toString(36).slice(2)}`;

setTimeout(() => fail('the exchange did not finish within 90 s'), 90000);

// ---- MCP over Streamable HTTP (mcp-session.mjs)
const { rpc, tool } = mcpSession(mcpUrl);

// ---- Baileys, linked to its own sandbox phone
const { state, saveCreds } = await useMultiFileAuthState(authDir);
let sock;
let scanned = false;
let received;
const opened = new Promise((resolve) => {
  const connect = () => {
    sock = makeWASocket({ waWebSocketUrl: wsUrl, auth: state, logger: pino({ level: process.env.BAILEYS_LOG ?? 'silent' }), printQRInTerminal: false });
    sock.ev.on('creds.update', saveCreds);
    sock.ev.on('messages.upsert', ({ messages }) => {
      if (process.env.BAILEYS_LOG) console.log('upsert', JSON.stringify(messages));
      for (const m of messages) {
        const text = m.message?.conversation ?? m.message?.extendedTextMessage?.text;
        if (!m.key.fromMe && text) received = { key: m.key, text };
      }
    });
    sock.ev.on('connection.update', async (u) => {
      if (u.qr && !scanned) {
        scanned = true;
        const r = await fetch(`${api}/sandbox/phones/${BAILEYS_PHONE}/scan`, { method: 'POST', body: JSON.stringify({ qr: u.qr }) });
        console.log(`sandbox phone +${BAILEYS_PHONE} scanned Baileys' QR code: HTTP ${r.status}`);
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
console.log(`Baileys is logged in as ${state.creds.me.id}`);

// ---- wabridge, linked over MCP (run --sandbox scans the QR with +34600000001)
await rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'interop', version: '1' } });
await tool('connect_whatsapp', { label: 'interop' });
const wabridgePhone = await eventually('wabridge connected', async () => {
  const s = (await tool('get_whatsapp_status', {})).sessions?.[0];
  return s?.status === 'connected' ? s.phone : undefined;
});
console.log(`wabridge session is connected as ${wabridgePhone}`);
await eventually('both devices uploaded prekeys', async () => {
  const d = await (await fetch(`${api}/sandbox/phones/${BAILEYS_PHONE}/devices`)).json();
  return d.online?.length > 0;
});
await sleep(1500); // the fresh companions' first prekey uploads

// wabridge -> Baileys
const sent = await tool('send_whatsapp_message', { phone: `+${BAILEYS_PHONE}`, message: TEXT });
console.log(`wabridge sent ${sent.message_id}: ${sent.status}`);
const got = await eventually('Baileys received the text', () => received);
if (got.text !== TEXT) fail(`Baileys decrypted "${got.text}", expected "${TEXT}"`);
if (got.key.id !== sent.message_id) fail(`message id ${got.key.id}, expected ${sent.message_id}`);
console.log(`OK: Baileys decrypted exactly the text wabridge sent ("${got.text}")`);
await sock.readMessages([got.key]);

// Baileys -> wabridge
await sock.sendMessage(`${wabridgePhone.slice(1)}@s.whatsapp.net`, { text: REPLY });
const logged = await eventually('the reply in get_whatsapp_message_logs', async () =>
  (await tool('get_whatsapp_message_logs', { direction: 'incoming' })).messages?.find((m) => m.text === REPLY));
if (logged.phone !== `+${BAILEYS_PHONE}`) fail(`reply logged from ${logged.phone}`);
console.log(`OK: Baileys' reply is in wabridge's message log from ${logged.phone}`);
const history = (await tool('get_whatsapp_conversation_history', { phone: `+${BAILEYS_PHONE}` })).messages;
if (!history.some((m) => m.text === REPLY) || !history.some((m) => m.text === TEXT)) fail(`history: ${JSON.stringify(history)}`);
console.log('OK: the conversation history holds both texts');
await eventually('wabridge\'s message logged as read', async () =>
  (await tool('get_whatsapp_message_logs', { direction: 'outgoing' })).messages?.find((m) => m.message_id === sent.message_id && m.status === 'read'));
console.log('OK: the receipts moved wabridge\'s message to "read"');
process.exit(0);
