import type { HealthSummary } from '@rusty-claw/protocol';

/** How long a built summary answers `health` calls before it is rebuilt (keeps `health` cheap under polling). */
export const HEALTH_CACHE_MS = 1_000;

/**
 * Owns the cached HealthSummary and its `stateVersion.health` counter. `get()` serves calls from a short
 * cache; `refresh()` rebuilds, bumps the version and publishes the `health` event (used by the 60 s timer and
 * by `health {probe:true}`). Concurrent rebuilds share one build.
 */
export class HealthMonitor {
  private cached: HealthSummary | undefined;
  private building: Promise<HealthSummary> | undefined;
  private versionValue = 0;

  constructor(
    private readonly deps: {
      build: () => Promise<HealthSummary>;
      publish: (summary: HealthSummary) => void;
      now: () => number;
    },
  ) {}

  get version(): number {
    return this.versionValue;
  }

  /** The last built summary (the hello-ok snapshot carries it), or undefined before the first build. */
  get snapshot(): HealthSummary | undefined {
    return this.cached;
  }

  async get(): Promise<HealthSummary> {
    if (this.cached && this.deps.now() - this.cached.ts < HEALTH_CACHE_MS) return this.cached;
    return this.build();
  }

  async refresh(): Promise<HealthSummary> {
    const summary = await this.build();
    this.versionValue += 1;
    this.deps.publish(summary);
    return summary;
  }

  private build(): Promise<HealthSummary> {
    this.building ??= this.deps
      .build()
      .then((summary) => {
        this.cached = summary;
        return summary;
      })
      .finally(() => {
        this.building = undefined;
      });
    return this.building;
  }
}
