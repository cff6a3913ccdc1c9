// The pipeline board: drag a card to another column to move the applicant to that stage, through the applicants
// API's stage endpoint. A refused move (a lost applicant needs a reason, a changed record…) leaves the card where it
// was and shows the API's ProblemDetails message. Every card also has a "Move to" form for the keyboard.
import { toast } from './toast.js';

const board = document.querySelector('[data-pipeline]');
const status = document.getElementById('pipeline-status');

function antiforgeryHeaders() {
  try {
    return JSON.parse(document.body.getAttribute('hx-headers') || '{}');
  } catch {
    return {};
  }
}

/** The sentence a ProblemDetails answer carries: its detail, else its field errors, else its title. */
async function problemMessage(response) {
  try {
    const problem = await response.json();
    const fields = problem.errors ? Object.values(problem.errors).flat() : [];
    return problem.detail || fields.join(' ') || problem.title || 'The move was refused.';
  } catch {
    return response.status === 404 ? 'That applicant is no longer there.' : 'The move was refused.';
  }
}

function say(message, kind) {
  status.replaceChildren();
  const alert = document.createElement('div');
  alert.className = kind === 'error' ? 'alert alert-error' : 'alert alert-success';
  alert.textContent = message;
  status.append(alert);
  toast(message, kind);
}

if (board) {
  let dragged = null;

  board.addEventListener('dragstart', (event) => {
    const card = event.target.closest?.('.board-card');
    if (!card) return;
    dragged = card;
    card.classList.add('is-dragging');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', card.dataset.id);
  });

  board.addEventListener('dragend', () => {
    dragged?.classList.remove('is-dragging');
    for (const column of board.querySelectorAll('.is-drop-target')) column.classList.remove('is-drop-target');
  });

  board.addEventListener('dragover', (event) => {
    const column = event.target.closest?.('.board-column');
    if (!column || !dragged) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    for (const other of board.querySelectorAll('.is-drop-target')) if (other !== column) other.classList.remove('is-drop-target');
    column.classList.add('is-drop-target');
  });

  board.addEventListener('drop', async (event) => {
    const column = event.target.closest?.('.board-column');
    const card = dragged;
    dragged = null;
    if (!column || !card) return;
    event.preventDefault();
    column.classList.remove('is-drop-target');
    const from = card.closest('.board-column');
    const stage = column.dataset.stage;
    if (from === column) return;

    card.classList.add('is-moving');
    const response = await fetch(`/api/v1/applicants/${card.dataset.id}/stage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...antiforgeryHeaders() },
      credentials: 'same-origin',
      body: JSON.stringify({ stage }),
    }).catch(() => null);
    card.classList.remove('is-moving');

    if (!response) {
      say('PACE could not be reached. Check your connection.', 'error');
      return;
    }
    if (!response.ok) {
      say(`${card.dataset.name} was not moved: ${await problemMessage(response)}`, 'error');
      return;
    }

    const applicant = await response.json();
    column.querySelector('.board-empty')?.remove();
    column.querySelector('.board-cards').prepend(card);
    const label = column.querySelector('h2')?.textContent.trim() ?? stage;
    card.setAttribute('aria-label', `${card.dataset.name}, ${label}`);
    // The card's own "Move to" list offers every stage but the one it is now in.
    for (const option of card.querySelectorAll('select[name="stage"] option')) option.hidden = option.value === applicant.stage;
    const first = card.querySelector('select[name="stage"] option:not([hidden])');
    if (first) first.selected = true;
    say(`${card.dataset.name} moved to ${label}.`, 'info');
  });
}
