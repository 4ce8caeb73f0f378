// What the uploads and jobs pages need from the admin workspace around them: the shared layout (header
// with the signed-in user, navigation, language switch, skip link: server/admin/pages/layout.ts) and
// the language the curator reads in; server/admin/publishing.ts makes it from those.
import type { Request, Response } from 'express';
import type { Lang } from './text.ts';

export interface AdminPage {
  title: string;
  /** The page's <main> content, already escaped. */
  main: string;
  /** The navigation entry it belongs to (`/admin/uploads`, `/admin/jobs`). */
  current: string;
  /** Its browser modules, by name under /admin/assets/ (no inline scripts: the admin CSP forbids them). */
  scripts: string[];
}

export interface AdminShell {
  lang: (req: Request, res: Response) => Lang;
  /** The whole HTML document around `page`. */
  render: (req: Request, res: Response, page: AdminPage) => string;
}
