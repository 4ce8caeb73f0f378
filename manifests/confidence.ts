// How sure the recogniser was of a line and of a page: the mean of its words' confidences (ALTO `WC`),
// each word counting for its letters, so that a misread long word weighs more than a stray mark.
// Ingest's OCR rates its lines with it and text-page.ts its blocks and pages, so readers and
// researchers can judge machine-read text.

export interface Weighed {
  text: string;
  confidence?: number | undefined;
}

/** The letter-weighted mean confidence (0 to 1) of the parts that have one; undefined when none has. */
export function meanConfidence(parts: readonly Weighed[]): number | undefined {
  let sum = 0;
  let letters = 0;
  for (const p of parts) {
    if (p.confidence === undefined) continue;
    const n = [...p.text].length;
    sum += p.confidence * n;
    letters += n;
  }
  return letters === 0 ? undefined : sum / letters;
}
