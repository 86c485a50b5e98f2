import { createServer } from 'node:http';

/**
 * The machine's ceiling: node:http answering a fixed JSON body, nothing else. BARE_STATUS and BARE_BODY set the
 * answer, so a benchmark can stand it beside a route answering the same status and JSON.
 */
const status = Number(process.env.BARE_STATUS ?? 200);
const body = process.env.BARE_BODY ?? '{"ok":true}';
const length = Buffer.byteLength(body);

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': length });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
