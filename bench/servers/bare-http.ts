import { createServer } from 'node:http';

/** The machine's ceiling: node:http answering a small JSON body, nothing else. */
const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    const body = '{"ok":true}';
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
