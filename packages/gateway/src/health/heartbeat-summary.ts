/**
 * Rusty Claw does not run heartbeats yet, so every agent reports OpenClaw's "disabled" summary rather
 * than pretending to a 30-minute schedule nobody executes.
 */
export function disabledHeartbeatSummary() {
  return { enabled: false, every: 'disabled', everyMs: null, prompt: '', target: 'none', ackMaxChars: 300 };
}
