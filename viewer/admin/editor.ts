// The item editor page's script (/admin/items/<id>): reordering pages by drag and drop and by the
// keyboard (each page's Up and Down buttons, with the new position announced in a live region), and
// the years a typed date stands for, shown as it is typed. The form works without it; this only
// moves the page rows and their hidden keys, which the form submits in their new order.
import { parseDateRange } from '../../manifests/dates.ts';

const list = document.querySelector<HTMLOListElement>('.page-list');
const announcer = document.getElementById('page-announcer');

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

function rows(): HTMLLIElement[] {
  return list ? [...list.querySelectorAll<HTMLLIElement>(':scope > li.page-row')] : [];
}

/** Numbers the rows again after a move: their names, the buttons' names, and which buttons can move. */
function renumber(): void {
  if (!list) return;
  const all = rows();
  all.forEach((row, i) => {
    const name = `${fill(list.dataset.page ?? '{n}', { n: i + 1 })} (${row.dataset.key})`;
    const shown = row.querySelector('.page-name');
    if (shown) shown.textContent = name;
    const up = row.querySelector<HTMLButtonElement>('.move-up');
    const down = row.querySelector<HTMLButtonElement>('.move-down');
    if (up) {
      up.disabled = i === 0;
      up.setAttribute('aria-label', `${list.dataset.up}: ${name}`);
    }
    if (down) {
      down.disabled = i === all.length - 1;
      down.setAttribute('aria-label', `${list.dataset.down}: ${name}`);
    }
  });
}

function announce(row: HTMLLIElement): void {
  if (!list || !announcer) return;
  const all = rows();
  const label = row.querySelector<HTMLInputElement>('input[name="pageLabel"]')?.value.trim() || row.dataset.key || '';
  announcer.textContent = fill(list.dataset.moved ?? '', { page: label, n: all.indexOf(row) + 1, total: all.length });
}

function move(row: HTMLLIElement, delta: -1 | 1, button: HTMLButtonElement): void {
  const sibling = delta < 0 ? row.previousElementSibling : row.nextElementSibling;
  if (!sibling) return;
  if (delta < 0) sibling.before(row);
  else sibling.after(row);
  renumber();
  // Keep the keyboard where it was; at an end, on the button that can still move the page.
  const other = row.querySelector<HTMLButtonElement>(delta < 0 ? '.move-down' : '.move-up');
  (button.disabled ? other : button)?.focus();
  announce(row);
}

if (list) {
  list.addEventListener('click', (e) => {
    const button = (e.target as Element).closest<HTMLButtonElement>('button.move-up, button.move-down');
    const row = button?.closest<HTMLLIElement>('li.page-row');
    if (!button || !row) return;
    move(row, button.classList.contains('move-up') ? -1 : 1, button);
  });

  let dragged: HTMLLIElement | undefined;
  list.addEventListener('dragstart', (e) => {
    const row = (e.target as Element).closest<HTMLLIElement>('li.page-row');
    if (!row) return;
    dragged = row;
    row.classList.add('dragging');
    e.dataTransfer?.setData('text/plain', row.dataset.key ?? '');
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  });
  list.addEventListener('dragover', (e) => {
    const over = (e.target as Element).closest<HTMLLIElement>('li.page-row');
    if (!dragged || !over || over === dragged) return;
    e.preventDefault();
    const box = over.getBoundingClientRect();
    if (e.clientY < box.top + box.height / 2) over.before(dragged);
    else over.after(dragged);
  });
  list.addEventListener('drop', (e) => e.preventDefault());
  list.addEventListener('dragend', () => {
    if (!dragged) return;
    dragged.classList.remove('dragging');
    renumber();
    announce(dragged);
    dragged = undefined;
  });
}

const date = document.querySelector<HTMLInputElement>('input#date');
const meaning = document.getElementById('date-meaning');
if (date && meaning) {
  date.addEventListener('input', () => {
    const range = parseDateRange(date.value);
    if (!range) {
      meaning.textContent = '';
      return;
    }
    const years = range.from === range.to ? String(range.from) : `${range.from}–${range.to}`;
    meaning.textContent = fill(meaning.dataset.means ?? '{range}', {
      range: range.approximate ? `${years} (${meaning.dataset.approximate})` : years,
    });
  });
}

// After a refused save the problems summary takes the focus, so it is read out first.
document.querySelector<HTMLElement>('#conflict, #problems')?.focus();
