/**
 * What an instruction box holds once its edit or refine has ended. A success empties it, so the next Edit or
 * Refine does not send the same instruction again by accident; a failure or a cancel keeps it for Retry or a
 * corrected typo. Text typed meanwhile (the box no longer holds what was sent) is the user's next thought and stays.
 */
export function instructionAfterRun(outcome: 'done' | 'failed' | 'cancelled', sent: string, current: string): string {
  return outcome === 'done' && current.trim() === sent.trim() ? '' : current;
}
