// The not-found page: only the shared shell (language and its switch).
import { initShell } from './shell.ts';

initShell(() => undefined);
