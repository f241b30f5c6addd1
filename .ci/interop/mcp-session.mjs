// What the interop scripts share: failing with one FAILED line, sleeping, waiting until a check
// holds, and a minimal MCP client over Streamable HTTP (a 2025-11-25 session, just enough for
// initialize and tools/call) for the wabridge daemon under test.

export const fail = (why) => { console.log(`FAILED: ${why}`); process.exit(2); };
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls `check` every 200 ms for up to 30 s; `beforeEach` runs first each time (e.g. a guard that fails fast).
export async function eventually(what, check, beforeEach = () => {}) {
  for (let i = 0; i < 150; i++) {
    beforeEach();
    const v = await check();
    if (v) return v;
    await sleep(200);
  }
  fail(`not so within 30 s: ${what}`);
}

export function mcpSession(mcpUrl) {
  let session;
  let rpcId = 0;
  async function rpc(method, params) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'MCP-Protocol-Version': '2025-11-25' };
    if (session) headers['Mcp-Session-Id'] = session;
    const r = await fetch(mcpUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: ++rpcId, method, params }) });
    if (r.headers.get('mcp-session-id')) session = r.headers.get('mcp-session-id');
    const body = await r.text();
    const json = body.startsWith('{') ? JSON.parse(body)
      : JSON.parse(body.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5)).find((l) => l.includes('"id"')));
    if (json.error) fail(`${method}: ${JSON.stringify(json.error)}`);
    return json.result;
  }
  async function tool(name, args) {
    const result = await rpc('tools/call', { name, arguments: args });
    if (result.isError) fail(`${name}: ${result.content?.[0]?.text}`);
    return result.structuredContent;
  }
  return { rpc, tool };
}
