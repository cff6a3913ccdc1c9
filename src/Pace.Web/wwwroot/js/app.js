// Behaviour every page shares, loaded as a module by the layout (the CSP allows no inline script).
// - Toasts: a server answer names one in an HX-Trigger header ({"toast": "Note added"}); a failed htmx request shows
//   one too, so a click never fails silently.
// - A form marked data-submit-once disables its submit button while it is being sent.

import { toast } from './toast.js';

document.body.addEventListener('toast', (event) => {
  const detail = event.detail;
  toast(typeof detail === 'string' ? detail : detail?.value ?? detail?.message, detail?.kind);
});

document.body.addEventListener('htmx:responseError', (event) => {
  const status = event.detail.xhr?.status;
  toast(status === 404 ? 'That record is no longer there.' : 'Something went wrong. Please try again.', 'error');
});

document.body.addEventListener('htmx:sendError', () => toast('PACE could not be reached. Check your connection.', 'error'));

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.hasAttribute('data-submit-once')) {
    for (const button of form.querySelectorAll('button[type="submit"]')) {
      button.setAttribute('aria-disabled', 'true');
      button.addEventListener('click', (e) => e.preventDefault());
    }
  }
});

// A saved-view form saves the filters the list shows now, read from the filter form: htmx changes them without
// reloading the page, so the value the server rendered may be stale.
document.addEventListener('submit', (event) => {
  const form = event.target;
  const query = form instanceof HTMLFormElement ? form.querySelector('input[data-query-of]') : null;
  const filters = query ? document.getElementById(query.dataset.queryOf) : null;
  if (filters instanceof HTMLFormElement) query.value = new URLSearchParams(new FormData(filters)).toString();
});
