// A short message in the corner of the page, read out by screen readers (the container is a polite live region).
const toasts = document.getElementById('toasts');

export function toast(message, kind = 'info') {
  if (!toasts || !message) return;
  const item = document.createElement('div');
  item.className = kind === 'error' ? 'toast toast-error' : 'toast';
  item.textContent = message;
  toasts.append(item);
  setTimeout(() => item.remove(), 5000);
}
