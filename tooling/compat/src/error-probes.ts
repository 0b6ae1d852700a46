// The same sequence of bad and edge-case inputs, sent to any gateway, with the answers normalised
// (random request ids replaced) so two gateways can be compared frame for frame. The cases are the
// ones openclaw-v4-live.md §4.4 recorded from OpenClaw 2026.9.6.
import { connectRaw, HandshakeRejectedError, openSocket, type Frame, type RawConnectOptions } from './raw-gateway-client.ts';

export type ProbeAnswer = unknown;

async function handshakeOutcome(options: RawConnectOptions): Promise<ProbeAnswer> {
  try {
    const session = await connectRaw(options);
    await session.close();
    return 'accepted';
  } catch (error) {
    if (!(error instanceof HandshakeRejectedError)) throw error;
    return { res: error.response, close: error.close };
  }
}

/** Request ids are `<n>:<uuid>`: keep the shape, drop the randomness. */
function normalise(value: unknown): ProbeAnswer {
  return JSON.parse(JSON.stringify(value ?? null).replace(/"id":"\d+:[0-9a-f-]{36}"/g, '"id":"<id>"')) as ProbeAnswer;
}

/** Run every probe against `url` (sequentially: some are stateful) and return the answers by name. */
export async function runErrorProbes(url: string, token: string): Promise<Record<string, ProbeAnswer>> {
  const out: Record<string, ProbeAnswer> = {};
  const v4 = { url, token, minProtocol: 4, maxProtocol: 4 } as const;
  out['connect with a wrong token'] = await handshakeOutcome({ ...v4, token: `${token}-wrong` });
  out['connect offering protocol 3 only'] = await handshakeOutcome({ ...v4, minProtocol: 3, maxProtocol: 3 });
  out['connect offering protocol 5 only'] = await handshakeOutcome({ ...v4, minProtocol: 5, maxProtocol: 5 });
  out['connect without auth or device'] = await handshakeOutcome({ url, minProtocol: 4, maxProtocol: 4 });

  const first = await openSocket(url);
  await first.waitForEvent('connect.challenge');
  first.sendText('{"type":"req","id":"x1","method":"health"}');
  out['first request is not connect'] = { res: (await first.waitFor((f) => f['id'] === 'x1', 5000, 'x1')).frame, close: await first.waitClosed(3000) };
  await first.close();

  const malformed = await openSocket(url);
  await malformed.waitForEvent('connect.challenge');
  malformed.sendText('not json');
  out['malformed JSON before auth'] = { close: await malformed.waitClosed(3000), framesAfterChallenge: malformed.received.length - 1 };
  await malformed.close();

  const read = await connectRaw({ ...v4, scopes: ['operator.read'] });
  const answer = async (method: string, params?: unknown): Promise<Frame> => (await read.request(method, params)).frame;
  out['unknown method with read scope'] = await answer('no.such.method', {});
  out['write method with read scope'] = await answer('sessions.create', {});
  out['health with an unknown param is accepted'] = (await answer('health', { bogus: 1 }))['ok'];
  read.sendText('{"type":"req","id":"xf","method":"health","extra":1}');
  out['request frame with an extra key'] = (await read.waitFor((f) => f['id'] === 'xf', 5000, 'xf')).frame;
  read.sendText('{"type":"bogus","id":"b1"}');
  out['frame of an unknown type'] = (await read.waitFor((f) => f['id'] === 'b1', 5000, 'b1')).frame;
  out['connect again with read scope'] = await answer('connect', {});
  await read.close();

  const admin = await connectRaw({ ...v4, scopes: ['operator.admin'] });
  out['connect again with admin scope'] = (await admin.request('connect', {})).frame;
  out['unknown method with admin scope'] = (await admin.request('no.such.method', {})).frame;
  admin.sendText('not json');
  out['malformed JSON after hello'] = { close: await admin.waitClosed(1500) };
  await admin.close();

  return Object.fromEntries(Object.entries(out).map(([name, value]) => [name, normalise(value)]));
}
