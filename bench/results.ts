import type { Machine } from './machine';
import type { BatchResult } from './sections/batch';
import type { ScenarioResult } from './sections/latency';
import type { HistoryResult } from './sections/history';
import type { MemoryResult } from './sections/memory';
import type { StallCase } from './sections/stalls';
import type { StartupResult } from './sections/startup';

/** Everything one `npm run bench` measured, as written to bench/results/latest.json. */
export interface BenchResults {
  readonly machine: Machine;
  readonly startedAt: string;
  durationSeconds?: number;
  /** Wall time of each section, to see where the run's minutes went. */
  readonly sectionSeconds: Record<string, number>;
  readonly settings: {
    readonly repetitions: Readonly<Record<string, number>>;
    readonly batchServerDelayMs: number;
    readonly sections: readonly string[];
    /** Digest of src/core's sources at the time of the run. */
    readonly coreDigest: string;
  };
  latency?: ScenarioResult[];
  /** Median time for `python3 -c "import requests, …"`, the fixed part of each Python number. */
  pythonStartupMs?: number;
  batch?: BatchResult[];
  memory?: MemoryResult[];
  history?: HistoryResult;
  stalls?: StallCase[];
  startup?: StartupResult;
  targets?: TargetCheck[];
}

export interface TargetCheck {
  /** Which target: the key of its recorded "before" in bench/before.ts. */
  readonly id: string;
  readonly target: string;
  /** The figure before the change that addressed it (recorded, or measured in this run). */
  readonly before?: string;
  /** What decided it, in words and numbers. */
  readonly measured: string;
  /** undefined: not measured in this run. */
  readonly met?: boolean;
}
