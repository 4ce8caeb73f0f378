// A publish job's page (/admin/jobs/<id>) while the job waits or runs: follows its progress over
// Server-Sent Events (pages done, total, time left) and, when the job ends, reloads the page, which
// the server renders with the job's report.
const section = document.querySelector<HTMLElement>('.job-progress[data-events]');

interface ProgressEvent {
  state: string;
  stateText: string;
  done: number;
  total: number;
  pagesText: string;
  timeLeftText: string;
}

if (section) {
  const bar = section.querySelector<HTMLProgressElement>('#job-bar')!;
  const state = section.querySelector<HTMLElement>('.job-state')!;
  const pages = section.querySelector<HTMLElement>('.job-pages')!;
  const left = section.querySelector<HTMLElement>('.job-left')!;
  const events = new EventSource(section.dataset.events!);
  const show = (e: MessageEvent<string>) => {
    const p = JSON.parse(e.data) as ProgressEvent;
    bar.max = Math.max(1, p.total);
    bar.value = p.done;
    state.textContent = p.stateText;
    pages.textContent = p.pagesText;
    left.textContent = p.timeLeftText;
  };
  events.addEventListener('progress', show);
  events.addEventListener('end', (e) => {
    show(e);
    events.close();
    location.reload();
  });
}
