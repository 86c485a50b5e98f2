import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FrontDoor } from './front-door';

const request = {} as IncomingMessage;
const response = {} as ServerResponse;

describe('FrontDoor', () => {
  function serverWith(routes: Array<(req: IncomingMessage, res: ServerResponse) => boolean>) {
    const door = new FrontDoor();
    for (const route of routes) door.use(route, '/route');
    const fastify = jest.fn();
    const server = door.serverFactory(fastify, {
      keepAliveTimeout: 72_000,
      requestTimeout: 0,
      connectionTimeout: 1234,
      maxRequestsPerSocket: 7,
    });
    return { server, fastify };
  }

  it('sets the server up as Fastify would its own (none of these is a default of node:http)', () => {
    const { server } = serverWith([]);
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.requestTimeout).toBe(0);
    expect(server.timeout).toBe(1234);
    expect(server.maxRequestsPerSocket).toBe(7);
  });

  it('refuses to make HTTPS or HTTP/2 servers', () => {
    const door = new FrontDoor();
    expect(() => door.serverFactory(jest.fn(), { https: {} })).toThrow(/HTTP\/1.1/);
    expect(() => door.serverFactory(jest.fn(), { http2: true })).toThrow(/HTTP\/1.1/);
  });

  it('gives a request to the first route that takes it, and the rest to Fastify', async () => {
    const declines = jest.fn(() => false);
    const takes = jest.fn(() => true);
    const { server, fastify } = serverWith([declines, takes]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      server.emit('request', request, response);
      expect(declines).toHaveBeenCalledWith(request, response);
      expect(takes).toHaveBeenCalledWith(request, response);
      expect(fastify).not.toHaveBeenCalled();
      takes.mockReturnValue(false);
      server.emit('request', request, response);
      expect(fastify).toHaveBeenCalledWith(request, response);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('tells its observer of each answer a route gave: method, template, status and seconds', async () => {
    const door = new FrontDoor();
    door.use(() => true, '/v1/things/:id/poke');
    const observer = jest.fn();
    door.observe(observer);
    const server = door.serverFactory(jest.fn(), {});
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const answer = Object.assign(new EventEmitter(), { req: { method: 'POST' }, statusCode: 409 });
      server.emit('request', request, answer);
      expect(observer).not.toHaveBeenCalled();
      answer.emit('finish');
      expect(observer).toHaveBeenCalledWith('POST', '/v1/things/:id/poke', 409, expect.any(Number));
      expect(observer.mock.calls[0][3]).toBeGreaterThanOrEqual(0);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("answers 503 in the contract's envelope once the server has stopped listening, and closes the connection", () => {
    const takes = jest.fn(() => true);
    const { server, fastify } = serverWith([takes]);
    const closing = { writeHead: jest.fn(), end: jest.fn() };
    server.emit('request', request, closing);
    expect(takes).not.toHaveBeenCalled();
    expect(fastify).not.toHaveBeenCalled();
    const body = closing.end.mock.calls[0][0] as string;
    expect(JSON.parse(body)).toEqual({
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is shutting down; try again' },
    });
    expect(closing.writeHead).toHaveBeenCalledWith(503, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    });
  });
});
