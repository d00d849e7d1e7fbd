import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { instructionAfterRun } from '../../../src/webview/instructionAfterRun';

describe('the instruction box after an edit or refine', () => {
  test('a success empties it, so the next run does not repeat the instruction', () => {
    assert.equal(instructionAfterRun('done', 'Add a red hat', 'Add a red hat'), '');
    assert.equal(instructionAfterRun('done', 'Add a red hat', '  Add a red hat\n'), '', 'the box is compared as it was sent, trimmed');
  });

  test('a failure or a cancel keeps it for Retry or a fix', () => {
    assert.equal(instructionAfterRun('failed', 'Add a red hat', 'Add a red hat'), 'Add a red hat');
    assert.equal(instructionAfterRun('cancelled', 'Add a red hat', 'Add a red hat'), 'Add a red hat');
  });

  test('text typed while the run went on stays', () => {
    assert.equal(instructionAfterRun('done', 'Add a red hat', 'Now make it blue'), 'Now make it blue');
  });
});
