// The team dashboard's charts, drawn with Chart.js from the figures the page put in #team-chart-data (the CSP
// allows no inline script). The table under the charts carries the same figures for keyboard and screen readers.
const holder = document.getElementById('team-chart-data');
const Chart = window.Chart;

if (holder && Chart) {
  const data = JSON.parse(holder.dataset.chart);
  const brand = '#1d5fa3';
  const teal = '#0f766e';
  const amber = '#b5651d';
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#4b5563';
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.animation = window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : Chart.defaults.animation;

  const draw = (id, config) => {
    const canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  };

  draw('chart-leads', {
    type: 'line',
    data: {
      labels: data.days,
      datasets: [{ label: 'New leads', data: data.leads, borderColor: brand, backgroundColor: 'rgba(29, 95, 163, 0.12)', fill: true, tension: 0.3, pointRadius: 0, pointHitRadius: 8 }],
    },
    options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxTicksLimit: 8 } } } },
  });

  draw('chart-funnel', {
    type: 'bar',
    data: {
      labels: data.stages,
      datasets: [{ label: 'Leads', data: data.funnel, backgroundColor: [brand, brand, brand, teal, teal, '#166534', '#b91c1c'], borderRadius: 4 }],
    },
    options: { indexAxis: 'y', plugins: { legend: { display: false } }, scales: { x: { beginAtZero: true, ticks: { precision: 0 } } } },
  });

  draw('chart-agents', {
    type: 'bar',
    data: {
      labels: data.agents,
      datasets: [
        { label: 'New leads', data: data.agentLeads, backgroundColor: brand, borderRadius: 3 },
        { label: 'Viewings done', data: data.agentViewings, backgroundColor: teal, borderRadius: 3 },
        { label: 'Offers', data: data.agentOffers, backgroundColor: amber, borderRadius: 3 },
      ],
    },
    options: { plugins: { legend: { position: 'bottom' } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}
