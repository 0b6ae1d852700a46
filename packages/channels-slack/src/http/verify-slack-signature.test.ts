import { describe, expect, test } from 'vitest';
import { signSlackBody, verifySlackSignature } from './verify-slack-signature.js';

// The worked example from Slack's "Verifying requests from Slack" page.
const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const timestamp = '1531420618';
const signature = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const now = Number(timestamp) * 1000;

describe('verifySlackSignature', () => {
  test("accepts Slack's documented example", () => {
    expect(signSlackBody(secret, timestamp, body)).toBe(signature.slice(3));
    expect(verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: body, nowMs: now })).toEqual({ ok: true });
    expect(verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: Buffer.from(body), nowMs: now })).toEqual({ ok: true });
  });

  test('a changed body, secret or signature is refused', () => {
    const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]>) =>
      verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: body, nowMs: now, ...overrides });
    expect(check({ rawBody: `${body}x` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signingSecret: 'other' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: `${signature.slice(0, -1)}0` })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: 'v0=short' })).toEqual({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: signature.replace('v0=', 'v1=') })).toEqual({ ok: false, reason: 'bad_signature' });
  });

  test('missing or malformed headers are refused', () => {
    expect(verifySlackSignature({ signingSecret: secret, timestamp: undefined, signature, rawBody: body, nowMs: now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ signingSecret: secret, timestamp, signature: '', rawBody: body, nowMs: now })).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackSignature({ signingSecret: secret, timestamp: '12e3', signature, rawBody: body, nowMs: now })).toEqual({ ok: false, reason: 'malformed_timestamp' });
  });

  test('replays: older than five minutes is refused, so is the far future; the window edges are accepted', () => {
    const at = (offsetSeconds: number) => verifySlackSignature({ signingSecret: secret, timestamp, signature, rawBody: body, nowMs: now + offsetSeconds * 1000 });
    expect(at(300)).toEqual({ ok: true });
    expect(at(301)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(at(-300)).toEqual({ ok: true });
    expect(at(-301)).toEqual({ ok: false, reason: 'future_timestamp' });
  });
});
