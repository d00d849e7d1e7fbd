import { readFileSync, writeFileSync } from 'node:fs';

/**
 * The process's peak resident memory, in bytes. Linux keeps it per address space (`VmHWM` in /proc/self/status)
 * and `/proc/self/clear_refs` sets it back to the current RSS, so a probe measures only its own window.
 * `getrusage`'s maxRSS does not do: Linux carries it over from the parent across fork and exec, so a probe spawned
 * by a benchmark holding 300 MB reported at least 300 MB whatever it did itself.
 */

/** From now on, the peak counts from the current RSS (Linux; elsewhere it covers the whole process). */
export function resetPeakRss(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux: peakRss() falls back to getrusage.
  }
}

export function peakRss(): number {
  try {
    const found = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (found) {
      return Number(found[1]) * 1024;
    }
  } catch {
    // Not Linux.
  }
  return process.resourceUsage().maxRSS * 1024;
}
