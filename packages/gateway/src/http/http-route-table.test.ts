import { afterEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../test-support/test-gateway.js';
import { HttpRouteError } from './http-route-error.js';

describe('HTTP routes on the gateway port', () => {
  let gateway: TestGateway | undefined;

  afterEach(async () => {
    await gateway?.close();
    gateway = undefined;
  });

  it('serves routes given at creation and registered later; GET also answers HEAD; unmount removes them', async () => {
    gateway = await startTestGateway({
      httpRoutes: [{ method: 'GET', path: '/hello', handler: (_request, response) => void response.end('hi') }],
    });
    expect(await (await fetch(`${gateway.httpUrl}/hello`)).text()).toBe('hi');
    const head = await fetch(`${gateway.httpUrl}/hello`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');

    const unmount = gateway.server.registerHttpRoute('POST', '/hook', async (request, response) => {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      response.end(`got ${body}`);
    });
    expect(await (await fetch(`${gateway.httpUrl}/hook`, { method: 'POST', body: 'x' })).text()).toBe('got x');
    unmount();
    expect((await fetch(`${gateway.httpUrl}/hook`, { method: 'POST', body: 'x' })).status).toBe(404);
  });

  it('answers 405 with Allow for another method, and 500 when a handler throws or rejects', async () => {
    gateway = await startTestGateway();
    gateway.server.registerHttpRoute('GET', '/only-get', (_request, response) => void response.end('ok'));
    gateway.server.registerHttpRoute('GET', '/throws', () => {
      throw new Error('boom');
    });
    gateway.server.registerHttpRoute('GET', '/rejects', async () => {
      throw new Error('async boom');
    });
    const post = await fetch(`${gateway.httpUrl}/only-get`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await fetch(`${gateway.httpUrl}/throws`)).status).toBe(500);
    expect((await fetch(`${gateway.httpUrl}/rejects`)).status).toBe(500);
    expect(gateway.logger.has('http route handler failed')).toBe(true);
  });

  it('refuses conflicting, reserved and non-normalised paths with typed errors', async () => {
    gateway = await startTestGateway();
    const server = gateway.server;
    server.registerHttpRoute('GET', '/chat', (_request, response) => void response.end());
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn();
        return undefined;
      } catch (error) {
        return HttpRouteError.isInstance(error) ? error.code : 'not-typed';
      }
    };
    const noop = (): void => undefined;
    expect(codeOf(() => server.registerHttpRoute('GET', '/chat', noop))).toBe('HTTP_ROUTE_CONFLICT');
    expect(codeOf(() => server.registerHttpRoute('GET', '/healthz', noop))).toBe('HTTP_ROUTE_RESERVED');
    for (const path of ['chat', '/a/../b', '/a//b', '/a?b', '/a%2e', '/a b', '/./a']) {
      expect(codeOf(() => server.registerHttpRoute('GET', path, noop))).toBe('HTTP_ROUTE_INVALID');
    }
    // The request path is normalised before the lookup, so a dot segment cannot dodge a route.
    expect((await fetch(`${gateway.httpUrl}/x/../chat`)).status).toBe(200);
    expect((await fetch(`${gateway.httpUrl}/healthz`)).status).toBe(200);
  });
});
