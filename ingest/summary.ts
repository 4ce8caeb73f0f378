// The outcome of one ingest run, returned by the programmatic API and printed by the CLI: which
// items were published, left unchanged or refused (with item, file and reason), and how much image
// work was done, so a curator and a test can both see exactly what happened.

export interface ItemFailure {
  item: string;
  file?: string;
  reason: string;
}

export interface IngestSummary {
  /** Items whose manifest is new or changed in this run. */
  published: string[];
  /** Items already published exactly as the source describes them. */
  unchanged: string[];
  /** Items not published (a previously published version stays as it was). */
  failed: ItemFailure[];
  /** Published all the same, but worth the curator's attention (a catalogue record that matches no item folder). */
  warnings?: ItemFailure[];
  pages: {
    total: number;
    /** Pages whose tiles and derivative were made in this run. */
    tiled: number;
    /** Pages whose published image was reused without image work. */
    reused: number;
  };
  /** BagIt bags whose checksums were verified (files hashed), or found unchanged since their last verification. */
  bags: { verified: number; unchanged: number; filesHashed: number };
  /**
   * Pages read by OCR (`--ocr`): recognised by Tesseract in this run, or `reused` from an earlier
   * run's recognition of the same image. A page whose recognition `failed` is published without text.
   */
  ocr: { recognised: number; reused: number; failed: ItemFailure[] };
  /** Published images deleted because no manifest refers to them any more. */
  imagesRemoved: number;
  durationMs: number;
}

export function formatSummary(s: IngestSummary): string {
  const lines = [
    `published ${s.published.length} item(s), unchanged ${s.unchanged.length}, failed ${s.failed.length}; ` +
      `pages ${s.pages.total} (tiled ${s.pages.tiled}, reused ${s.pages.reused}) in ${(s.durationMs / 1000).toFixed(1)} s`,
  ];
  if (s.bags.verified + s.bags.unchanged > 0)
    lines.push(`  bags: ${s.bags.verified} verified (${s.bags.filesHashed} file(s) hashed), ${s.bags.unchanged} unchanged since verified`);
  const { recognised, reused, failed } = s.ocr;
  if (recognised + reused + failed.length > 0) {
    lines.push(`OCR: recognised ${recognised} page(s), reused ${reused} recognised before, failed ${failed.length}`);
  }
  if (s.published.length > 0) lines.push(`  published: ${s.published.join(', ')}`);
  for (const f of failed) lines.push(`  no text recognised: ${f.item}${f.file ? ` (${f.file})` : ''}: ${f.reason}`);
  for (const f of s.failed) lines.push(`  NOT published: ${f.item}${f.file ? ` (${f.file})` : ''}: ${f.reason}`);
  for (const w of s.warnings ?? []) lines.push(`  warning: ${w.item}${w.file ? ` (${w.file})` : ''}: ${w.reason}`);
  return lines.join('\n');
}
