// The page the editing components' browser test loads: the three components as the studio will show them, with
// English strings, fixture images served from the page's own origin, and a handle the test drives and reads.
import { BeforeAfter, type BeforeAfterStrings, type ComparedImage } from '../../../src/webview/beforeAfter';
import { LineageStrip, type LineageStrings, type LineageVersion } from '../../../src/webview/lineage';
import { MaskPainter, type MaskPainterStrings } from '../../../src/webview/maskPainter';

// Listening before anything is drawn, so a violation while the components build is caught too.
const violations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.violatedDirective} ${event.blockedURI}`));

const painterStrings: MaskPainterStrings = {
  mask: 'Mask',
  canvas: 'Paint over the area to change',
  tool: 'Mask tool',
  brush: 'Brush',
  eraser: 'Eraser',
  pan: 'Pan',
  brushSize: 'Brush size',
  brushSizeValue: '{0} px',
  undo: 'Undo',
  redo: 'Redo',
  clear: 'Clear Mask',
  invert: 'Invert Mask',
  zoomIn: 'Zoom In',
  zoomOut: 'Zoom Out',
  zoomFit: 'Fit to View',
  zoomActual: 'Actual Size',
  zoomValue: '{0}%',
};

const compareStrings: BeforeAfterStrings = {
  compare: 'Compare versions',
  mode: 'Comparison view',
  slider: 'Slider',
  sideBySide: 'Side by Side',
  divider: 'Divider between {0} and {1}',
};

const lineageStrings: LineageStrings = {
  versions: 'Versions',
  useVersion: 'Use This Version',
  inUse: 'In use',
  compare: 'Compare {0}',
  compareHint: 'Pick another version to compare with {0}.',
  fileMissing: 'File missing',
  original: 'Original',
};

const versions: LineageVersion[] = [
  { uri: 'file:///w/cat.png', src: 'images/v1.png', label: 'v1', instruction: '', missing: false },
  { uri: 'file:///w/cat-v2.png', src: 'images/v2.png', label: 'v2', instruction: 'Make the sky a deep dusk orange', missing: false },
  { uri: 'file:///w/cat-v3.png', src: 'images/v3.png', label: 'v3', instruction: 'Now add a small red hat on the cat, keeping everything else the same', missing: false },
  { uri: 'file:///w/cat-v4.png', src: 'images/v4.png', label: 'v4', instruction: 'Remove the hat again', missing: true },
];

const events: string[] = [];
const compareSlot = document.getElementById('compare')!;
let compare: BeforeAfter | undefined;

function showCompare(before: ComparedImage, after: ComparedImage): void {
  compare?.dispose();
  compare = new BeforeAfter({ before, after, strings: compareStrings, onModeChange: (mode) => events.push(`mode:${mode}`) });
  compareSlot.replaceChildren(compare.element);
}

const painter = new MaskPainter({
  image: { src: 'images/source.png', width: 300, height: 200, alt: 'The source image' },
  strings: painterStrings,
  brushSize: 20,
  onChange: (state) => events.push(`change:${state.canUndo ? 'u' : ''}${state.canRedo ? 'r' : ''}`),
});
document.getElementById('painter')!.replaceChildren(painter.element);

const lineage = new LineageStrip({
  versions,
  strings: lineageStrings,
  selected: versions[2]!.uri,
  inUse: versions[0]!.uri,
  onSelect: (v) => events.push(`select:${v.label}`),
  onUse: (v) => events.push(`use:${v.label}`),
  onCompare: (before, after) => {
    events.push(`compare:${before.label},${after.label}`);
    showCompare({ src: before.src, label: before.label }, { src: after.src, label: after.label });
  },
});
document.getElementById('lineage')!.replaceChildren(lineage.element);
showCompare({ src: 'images/v2.png', label: 'v2' }, { src: 'images/v3.png', label: 'v3' });

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

const harness = {
  events,
  violations,
  painter,
  lineage,
  compare: () => compare,
  exportMask: async () => toBase64(await painter.exportPngBytes()),
  setTheme: (theme: 'vscode-light' | 'vscode-dark') => {
    document.body.classList.remove('vscode-light', 'vscode-dark');
    document.body.classList.add(theme);
  },
};

(window as unknown as { editingHarness: typeof harness }).editingHarness = harness;
