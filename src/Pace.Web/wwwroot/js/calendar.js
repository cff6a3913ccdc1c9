// The viewings calendar. FullCalendar runs in its UTC mode and PACE sends Dubai wall-clock times without an offset,
// so the calendar shows Dubai time whatever the browser's zone; the page's handlers read them back the same way.
import { toast } from './toast.js';

const element = document.getElementById('calendar');
const antiforgery = JSON.parse(document.body.getAttribute('hx-headers') || '{}').RequestVerificationToken;
const phone = window.matchMedia('(max-width: 860px)').matches;

// 2025-03-14T14:05:00 from a Date whose UTC fields hold Dubai wall-clock time.
const wallClock = (date) => date.toISOString().slice(0, 19);

async function move(info) {
  const body = new URLSearchParams({
    id: info.event.id,
    start: wallClock(info.event.start),
    shownStart: info.event.extendedProps.shownStart,
  });
  let answer;
  try {
    answer = await fetch(element.dataset.move, {
      method: 'POST',
      headers: { RequestVerificationToken: antiforgery, 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
  } catch {
    info.revert();
    toast('PACE could not be reached. The viewing was not moved.', 'error');
    return;
  }

  const result = await answer.json().catch(() => ({}));
  if (!answer.ok) {
    info.revert();
    toast(result.title || 'The viewing could not be moved.', 'error');
    if (answer.status === 409) calendar.refetchEvents();
    return;
  }

  info.event.setExtendedProp('shownStart', wallClock(info.event.start));
  toast([result.message, ...(result.warnings || [])].join(' '));
}

const calendar = new FullCalendar.Calendar(element, {
  timeZone: 'UTC',
  now: element.dataset.now,
  initialDate: element.dataset.date || element.dataset.now.slice(0, 10),
  initialView: phone ? 'timeGridDay' : 'timeGridWeek',
  headerToolbar: { left: 'prev,next today', center: 'title', right: 'timeGridWeek,timeGridDay' },
  buttonText: { today: 'Today', week: 'Week', day: 'Day' },
  firstDay: 1,
  slotMinTime: '07:00:00',
  slotMaxTime: '22:00:00',
  scrollTime: '09:00:00',
  nowIndicator: true,
  allDaySlot: false,
  height: 'auto',
  eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short', omitCommas: true },
  slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
  events: element.dataset.events,
  editable: true,
  eventDurationEditable: false,
  eventDrop: move,
  eventDidMount: (info) => {
    info.el.setAttribute('aria-label', `${info.event.title}, ${info.event.extendedProps.status}`);
    info.el.dataset.testid = 'viewing';
  },
  loading: (busy) => element.setAttribute('aria-busy', busy ? 'true' : 'false'),
});
calendar.render();
