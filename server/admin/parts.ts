// The parts of the curators' workspace besides accounts, each mounted under /admin behind sign-in
// and CSRF checks, in this order. Each part adds its one line here.
import { itemEditorPart } from './items/router.ts';
import type { AdminPart } from './part.ts';
import { publishingPart } from './publishing.ts';

export const ADMIN_PARTS: AdminPart[] = [
  // Uploads, publish jobs and the inbox: /admin/uploads, /admin/jobs.
  publishingPart,
  // The item editor: /admin/items.
  itemEditorPart,
];
