import { createReadStream } from 'node:fs';
import { createServer } from 'node:http';
import { pipeline } from 'node:stream';

/**
 * The machine's ceiling for a streamed download: node:http piping the file BARE_FILE (a CSV the service sent) as
 * text/csv, chunked, nothing else. Answers `{ memoryUsage: true }` over IPC as servers/engage-app.ts does.
 */
const file = process.env.BARE_FILE ?? '';

const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8' });
  pipeline(createReadStream(file), response, () => undefined);
});
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('message', (message: { memoryUsage?: boolean }) => {
  if (message.memoryUsage) process.send?.(process.memoryUsage());
});
