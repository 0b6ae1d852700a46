import type { ConfigError, ConfigIssue } from '@rusty-claw/plugin-sdk';

const MAX_VALUE_CHARS = 120;

/** Every issue of a ConfigError, one block per issue: key path, what was there, what was expected. */
export function formatConfigError(error: ConfigError): string[] {
  const where = error.file ? ` in ${error.file}` : '';
  if (error.issues.length === 0) return [`Config error${where}: ${error.message}`];
  const count = error.issues.length;
  const lines = [`Invalid config${where} (${count} ${count === 1 ? 'issue' : 'issues'}):`];
  for (const issue of error.issues) lines.push(...formatConfigIssue(issue));
  return lines;
}

export function formatConfigIssue(issue: ConfigIssue): string[] {
  // Core's messages usually already say what was received and expected; add only what is missing.
  const details: string[] = [];
  if (issue.received !== undefined) {
    const received = formatValue(issue.received);
    if (!issue.message.includes(received)) details.push(`got ${received}`);
  }
  if (issue.expected !== undefined && !issue.message.includes(issue.expected)) details.push(`expected ${issue.expected}`);
  const lines = [`  - ${issue.path === '' ? '(root)' : issue.path}: ${issue.message}`];
  if (details.length > 0) lines.push(`      ${details.join('; ')}`);
  return lines;
}

function formatValue(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}
