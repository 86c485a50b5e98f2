import { Server } from 'node:http';
import { connect } from 'node:net';
import { createMerchant, createProduct, loginShopper } from '../support/fixtures';
import { startTestApp } from '../support/test-app';
import { createSale } from './flash-fixtures';

describe('flash sales: the purchase entrance while the application closes', () => {
  it("answers what it took before the server stopped listening, and the contract's 503 after", async () => {
    const app = await startTestApp();
    const merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    const shopper = await loginShopper(app);
    const sale = await createSale(app, merchant, product.id, { totalStock: 10, perUserLimit: 5 });
    const server = app.app.getHttpServer() as Server;
    const { port } = server.address() as { port: number };
    const body = '{"quantity":1}';
    const head =
      `POST /v1/flash-sales/${sale.id}/purchase HTTP/1.1\r\nHost: engage\r\n` +
      `Authorization: Bearer ${shopper.token}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\n\r\n`;

    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (received += chunk));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));

    // The first request's head arrives while the server listens: the purchase's front door takes it and waits for
    // the body.
    socket.write(head);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = app.close();
    for (let i = 0; i < 200 && server.listening; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(server.listening).toBe(false);
    // Its body, and a second request behind it, arrive once the server has stopped listening.
    socket.write(body + head + body);
    await ended;
    await closing;

    const [first, second] = received.split(/(?=HTTP\/1\.1 \d{3} )/);
    expect(first).toMatch(/^HTTP\/1\.1 202 /);
    expect(JSON.parse(first.slice(first.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: expect.stringMatching(/queued|confirmed/),
    });
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second).toMatch(/^connection: close\r$/im);
    expect(JSON.parse(second.slice(second.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is shutting down; try again' },
    });
  });
});
