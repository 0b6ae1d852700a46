import { isIPv4, isIPv6 } from 'node:net';
import type { IncomingMessage } from 'node:http';

/** 127.0.0.0/8, ::1 and their IPv4-mapped IPv6 forms. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  let value = address.trim().toLowerCase();
  if (value.startsWith('[') && value.endsWith(']')) value = value.slice(1, -1);
  if (value.startsWith('::ffff:')) value = value.slice('::ffff:'.length);
  if (isIPv4(value)) return value.startsWith('127.');
  if (isIPv6(value)) return value === '::1' || value === '0:0:0:0:0:0:0:1';
  return false;
}

/** A bind or URL host that only this machine can reach: `localhost`, a loopback address. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const value = host.trim().toLowerCase();
  return value === 'localhost' || value.endsWith('.localhost') || isLoopbackAddress(value);
}

/** Any header a reverse proxy adds. A loopback peer sending them is a proxy, not a local client. */
export function hasForwardedHeaders(request: IncomingMessage): boolean {
  const headers = request.headers;
  return Boolean(
    headers.forwarded || headers['x-forwarded-for'] || headers['x-forwarded-proto'] || headers['x-real-ip'] || headers['x-forwarded-host'],
  );
}

/** Direct connection from this machine: loopback peer address and no proxy headers (OpenClaw's `isLocalDirectRequest`). */
export function isLocalDirectRequest(request: IncomingMessage): boolean {
  return !hasForwardedHeaders(request) && isLoopbackAddress(request.socket.remoteAddress);
}

/** The first value of a header that may repeat. */
export function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
