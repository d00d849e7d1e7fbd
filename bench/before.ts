/**
 * What each target measured before the change that addressed it, printed beside this run's figure. The code
 * these figures describe is gone, so they are recorded runs: each names what was measured, how many runs, and
 * the machine's load average then (2 cores throughout). The history's "before" is not here: the benchmark keeps
 * the old way of reading and measures it in every run.
 */
export const BEFORE: Readonly<Record<string, string>> = {
  'floor-4K': '1.11–1.17× the floor (CPU), when the engine read the whole answer, parsed it and decoded the string',
  sdk:
    'base64: up to 1.48× an SDK (Gemini 2K, CPU), before the streaming reader. URL answers: 1.8–2.1× the floor at 1K in the benchmark issue (load about 9); ' +
    'then, with the download written into a buffer sized from Content-Length as chunks came, 0.95–1.45× the floor at 2K (median 1.12×, 11 runs at load 1–3)',
  url:
    'at 1K 1.8–2.1× the floor and up to 1.7× the openai SDK in the benchmark issue (load about 9); with the download written into a buffer ' +
    'sized from Content-Length as chunks came, 11 runs at load 1–3: 1K 0.80–1.22×, 2K 0.95–1.45× (median 1.12×), 4K 0.99–1.12× the floor',
  'batch-1K': '3.14× one image, while the fake server built one answer at a time (load 12.5–14.4)',
  'batch-2K': '2.90× one image, while the fake server built one answer at a time (load 12.5–14.4); 1.56–1.65× in the benchmark issue',
  heap: '2.68× the image, when the answer was read whole, parsed and decoded',
  'stall-4K': '70–89 ms CPU (wall 122–246 ms, load about 10), before body chunks and the metadata copy were taken in slices',
  'stall-4K-url': 'not measured before: a case added with the download read into chunks and joined in slices',
  'stall-4x2K':
    '41–60 ms CPU (wall 363–494 ms, load about 10) before the slices; then 10–28 ms CPU (median 18.5, wall median 25; 12 runs at load 1–2) ' +
    'while downloads that had paused all went on in the same turn of the loop',
  activation: '76, 84 and 108 ms CPU at load 22–28, 64.6 ms at load 10.9: one 541 KB bundle loaded at activation',
  bundle: '541 KB: the whole extension in one bundle',
  vsix: '0.4 MB',
};
