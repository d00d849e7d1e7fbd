import { h, icon, replaceChildren } from './dom';
import { listenForReferenceImages } from './references';
import { Studio } from './studio';
import { onHostMessage, post, savedState } from './vscodeApi';

/** What the page shows before `init` arrives, from the JSON the host wrote into it. */
function showLoading(root: HTMLElement): void {
  const boot = document.getElementById('studio-boot')?.textContent;
  const parsed: unknown = boot ? JSON.parse(boot) : undefined;
  const loading = parsed && typeof parsed === 'object' && 'loading' in parsed && typeof parsed.loading === 'string' ? parsed.loading : '';
  replaceChildren(root, [h('p', { className: 'loading' }, icon('loading', 'codicon-modifier-spin'), h('span', {}, loading))]);
}

/**
 * Boots the page: a loading line, then `ready` to the host; the studio exists once `init` has arrived, and until
 * then every other message (it carries nothing `init` will not) is dropped.
 */
function boot(root: HTMLElement): void {
  showLoading(root);
  let studio: Studio | undefined;
  onHostMessage((message) => {
    if (message.type === 'init') {
      studio = new Studio(root, message);
    } else {
      studio?.receive(message);
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      studio?.generate();
    }
  });
  listenForReferenceImages(() => studio?.referenceContext());
  post({ type: 'ready', state: savedState() });
}

const root = document.getElementById('studio');
if (root) {
  boot(root);
}
