/** One webhook POST as Telegram sends it: the Update as JSON, the secret in X-Telegram-Bot-Api-Secret-Token. */
export async function postWebhookUpdate(url: string, secret: string | undefined, update: unknown): Promise<{ status: number; text: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
    body: JSON.stringify(update),
  });
  return { status: response.status, text: await response.text() };
}

export interface PushUpdatesOptions<UPDATE extends { body: unknown }> {
  /** The first pending update, or undefined to stop (none left, webhook removed, server closing). */
  next(): UPDATE | undefined;
  webhook(): { url: string; secretToken?: string } | undefined;
  /** Records the answer (0 when the endpoint did not answer); a 2xx removes the update. */
  delivered(update: UPDATE, status: number): void;
  retryMs: number;
}

/** Telegram's delivery loop: strictly in order, one at a time, the same update again until the endpoint says 2xx. */
export async function pushUpdatesToWebhook<UPDATE extends { body: unknown }>(options: PushUpdatesOptions<UPDATE>): Promise<void> {
  for (let update = options.next(); update !== undefined; update = options.next()) {
    const webhook = options.webhook();
    if (!webhook) return;
    const status = await postWebhookUpdate(webhook.url, webhook.secretToken, update.body).then(
      (answer) => answer.status,
      () => 0,
    );
    options.delivered(update, status);
    if (status < 200 || status >= 300) await new Promise((resolve) => setTimeout(resolve, options.retryMs));
  }
}
