import type { GenerationPlan } from './generationPlan';

/** One saved image as an agent needs it: where it is, and how the document links it. */
export interface ReportedImage {
  /** Relative to the workspace folder, `/`-separated. */
  readonly workspacePath: string;
  /** Relative to the document's folder (or `/`-rooted in the workspace when there is no document). */
  readonly linkTarget: string;
  /** The image reference in the document's own syntax (`![alt](target)` in Markdown), as Generate Image writes it. */
  readonly link: string;
  readonly width?: number;
  readonly height?: number;
}

export interface GenerationReport {
  readonly plan: GenerationPlan;
  readonly images: readonly ReportedImage[];
  /** Workspace-relative path of the document the links are relative to, if any. */
  readonly document?: string;
  /** What the model said beside its images. */
  readonly texts: readonly string[];
}

/**
 * The text a language model reads after a generation: enough to place the image itself (paths, the link for the
 * document, any substitution made), in English, as tool results are read by the model rather than the user.
 */
export function generationReportText(report: GenerationReport): string {
  const { plan, images } = report;
  const lines: string[] = [
    `Generated ${images.length} image${images.length === 1 ? '' : 's'} with ${plan.model.id} (${plan.aspectRatio}, ${plan.resolution}) and saved ${images.length === 1 ? 'it' : 'them'} in the workspace:`,
  ];
  for (const image of images) {
    const size = image.width && image.height ? ` (${image.width}×${image.height} px)` : '';
    lines.push(`- ${image.workspacePath}${size}`);
  }
  lines.push(
    report.document
      ? `Image link to insert into ${report.document} (in that document's own image syntax, relative to it; nothing was inserted yet):`
      : 'Markdown for a document (workspace-rooted link, as no document was given; nothing was inserted yet):',
  );
  lines.push(...images.map((image) => image.link));
  if (images.length > 0) {
    lines.push(`For HTML or other formats use the relative path: ${images.map((image) => image.linkTarget).join(', ')}`);
  }
  for (const adjustment of plan.adjustments) {
    const what = adjustment.field === 'aspectRatio' ? 'Aspect ratio' : 'Resolution';
    lines.push(`${what} ${adjustment.asked} is not offered by ${plan.model.id}; the nearest, ${adjustment.used}, was used.`);
  }
  if (report.texts.length > 0) {
    lines.push(`The image model also said: ${report.texts.join('\n')}`);
  }
  return lines.join('\n');
}
