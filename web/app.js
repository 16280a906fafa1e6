// Marsad dashboard: one filter state shared by map, timeline, network and
// table. All data goes into the page through textContent (never innerHTML):
// article text is data, not markup.
/* global L, cytoscape, topojson */
'use strict';

const TYPES = ['ASSAULT', 'COERCE', 'MOBILIZE', 'THREATEN', 'PROTEST', 'SANCTION', 'ACCUSE', 'REJECT',
  'REQUEST', 'CONSULT', 'AGREE', 'SUPPORT', 'COOPERATE', 'AID', 'CONCEDE', 'RETREAT'];
const TYPE_AR = {
  ASSAULT: 'هجوم', COERCE: 'إكراه', MOBILIZE: 'حشد', THREATEN: 'تهديد', PROTEST: 'احتجاج', SANCTION: 'عقوبة',
  ACCUSE: 'اتهام', REJECT: 'رفض', REQUEST: 'طلب', CONSULT: 'تشاور', AGREE: 'اتفاق', SUPPORT: 'دعم',
  COOPERATE: 'تعاون', AID: 'مساعدة', CONCEDE: 'تنازل', RETREAT: 'انسحاب',
};
const STRINGS = {
  ar: {
    title: 'مرصد', type: 'النوع', actor: 'الفاعل', governorate: 'المحافظة', since: 'من', until: 'إلى', text: 'نص',
    apply: 'تطبيق', clear: 'مسح', all: 'الكل', map: 'الخريطة', network: 'شبكة النفوذ', timeline: 'الخط الزمني',
    brush_hint: 'اسحب لاختيار فترة، وانقر مرتين للإلغاء', events: 'الأحداث', date: 'التاريخ', actors: 'الفاعلون',
    place: 'المكان', casualties: 'الضحايا', sources: 'المصادر', detail: 'التفاصيل',
    pick_event: 'اختر حدثاً من الجدول أو الخريطة', lang: 'English', loading: 'جارٍ التحميل…',
    n_events: (n) => `${n} حدثاً`, killed: 'قتلى', injured: 'جرحى', status: 'الحالة', mode: 'الأسلوب',
    source: 'المصدر', target: 'الهدف', confidence: 'الثقة', rule: 'القاعدة', backed: (p) => `مدعوم من ${p}`,
    none: '—', trigger: 'الفعل', evidence: 'الدليل', no_events: 'لا أحداث', page: (a, b, n) => `${a}–${b} من ${n}`,
    hostile: 'عدائي', backed_by: 'مدعوم من', part_of: 'جزء من', unlocated: (n) => `${n} بلا موقع`,
    filter_actor: 'انقر على فاعل لتصفية أحداثه',
  },
  en: {
    title: 'Marsad', type: 'Type', actor: 'Actor', governorate: 'Governorate', since: 'From', until: 'To', text: 'Text',
    apply: 'Apply', clear: 'Clear', all: 'All', map: 'Map', network: 'Influence network', timeline: 'Timeline',
    brush_hint: 'Drag to select a period, double-click to clear', events: 'Events', date: 'Date', actors: 'Actors',
    place: 'Place', casualties: 'Casualties', sources: 'Sources', detail: 'Detail',
    pick_event: 'Pick an event in the table or on the map', lang: 'عربي', loading: 'Loading…',
    n_events: (n) => `${n} events`, killed: 'killed', injured: 'injured', status: 'Status', mode: 'Mode',
    source: 'Source', target: 'Target', confidence: 'Confidence', rule: 'Rule', backed: (p) => `${p}-backed`,
    none: '—', trigger: 'trigger', evidence: 'Evidence', no_events: 'No events', page: (a, b, n) => `${a}–${b} of ${n}`,
    hostile: 'hostile', backed_by: 'backed by', part_of: 'part of', unlocated: (n) => `${n} without a place`,
    filter_actor: 'Click an actor to filter to its events',
  },
};
const PATRON_COLOURS = {
  russia: '#d62728', iran: '#2ca02c', turkey: '#ff7f0e', usa: '#1f77b4', united_states: '#1f77b4',
  saudi_arabia: '#9467bd', uae: '#8c564b', qatar: '#e377c2', israel: '#17becf', syria_government: '#7f7f7f',
};
const EXTRA_COLOURS = ['#bcbd22', '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#3182bd', '#e6550d'];
const PAGE_SIZE = 25;
const FILTER_KEYS = ['type', 'actor', 'governorate', 'since', 'until', 'text'];

const state = { type: '', actor: '', governorate: '', since: '', until: '', text: '', offset: 0, selected: null };
let lang = 'ar';
let actorNames = {};   // id -> {name_ar, name_en}
let timelineBins = [];
let map, clusterLayer, cy;
let refreshSeq = 0;

const $ = (id) => document.getElementById(id);
const t = (key, ...args) => {
  const v = STRINGS[lang][key];
  return typeof v === 'function' ? v(...args) : (v === undefined ? key : v);
};
function el(tag, props, ...children) {
  const e = document.createElement(tag);
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    }
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c);  // strings become text nodes
  return e;
}
const typeName = (ty) => (lang === 'ar' ? (TYPE_AR[ty] || ty) : ty);
const actorName = (a) => (lang === 'ar' ? (a.name_ar || a.name_en || a.id) : (a.name_en || a.name_ar || a.id));
const placeName = (p) => (!p ? '' : lang === 'ar' ? (p.name_ar || p.name_en) : (p.name_en || p.name_ar));

function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
function filterParams(except = []) {
  const p = {};
  for (const k of FILTER_KEYS) if (!except.includes(k) && state[k]) p[k] = state[k];
  return p;
}
async function api(path, params) {
  const res = await fetch(`api/${path}${query(params || {})}`, { headers: { Accept: 'application/json' } });
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error ? `${body.error}${body.parameter ? ` (${body.parameter})` : ''}` : `HTTP ${res.status}`);
  return body;
}
function setStatus(text, isError) {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : '';
}

// ---------------------------------------------------------------- map ----

function initMap() {
  map = L.map('map', { zoomSnap: 0.25, minZoom: 3, maxZoom: 13, attributionControl: false, worldCopyJump: false }).setView([35.0, 38.5], 6.25);
  map.createPane('outlines').style.zIndex = 200;
  fetch('vendor/world-atlas/countries-50m.json').then((r) => r.json()).then((world) => {
    const countries = topojson.feature(world, world.objects.countries);
    L.geoJSON(countries, {
      pane: 'outlines', interactive: false,
      style: (f) => ({ color: '#8a9aa6', weight: f.id === '760' ? 2 : 1, fillColor: f.id === '760' ? '#fffdf4' : '#eef0ea', fillOpacity: 1 }),
    }).addTo(map);
  }).catch(() => setStatus('world-atlas outlines missing', true));
  clusterLayer = L.markerClusterGroup({ maxClusterRadius: 40, showCoverageOnHover: false });
  map.addLayer(clusterLayer);
}

let governorateLayer = null;
function drawGovernorates(govs) {
  if (governorateLayer) governorateLayer.remove();
  governorateLayer = L.layerGroup().addTo(map);
  for (const g of govs) {
    if (g.lat === null || g.lon === null) continue;
    const m = L.circleMarker([g.lat, g.lon], { radius: 3, color: '#33495a', weight: 1, fillOpacity: 0.6, interactive: true });
    const label = el('span', { text: `${lang === 'ar' ? g.name_ar : g.name_en}${g.events ? ` (${g.events})` : ''}` });
    m.bindTooltip(label, { permanent: true, direction: 'top', className: 'gov-label', offset: [0, -3] });
    m.on('click', () => { state.governorate = g.name_en; applyState(); });
    governorateLayer.addLayer(m);
  }
}

function drawMarkers(markers) {
  clusterLayer.clearLayers();
  const layers = [];
  for (const m of markers) {
    const cas = (m.killed || 0) + (m.injured || 0);
    const size = Math.round(12 + Math.min(26, 5 * Math.sqrt(cas)));
    const icon = L.divIcon({ className: `ev-marker t-${TYPES.includes(m.type) ? m.type : 'X'}`, html: '', iconSize: [size, size] });
    const mk = L.marker([m.lat, m.lon], { icon, title: `${m.type} ${m.date || ''}`, keyboard: true });
    mk.eventId = m.id;
    const tip = el('div', null, el('strong', { text: typeName(m.type) }), ' ',
      el('span', { text: lang === 'ar' ? m.place_ar : m.place_en }), el('br'), el('span', { text: m.date || '' }),
      cas ? el('span', { text: ` · ${m.killed || 0} ${t('killed')}, ${m.injured || 0} ${t('injured')}` }) : null);
    mk.bindTooltip(tip);
    mk.on('click', () => selectEvent(m.id));
    layers.push(mk);
  }
  clusterLayer.addLayers(layers);
}

// ----------------------------------------------------------- timeline ----

const brush = { dragging: false, x0: 0, x1: 0 };
function timelineGeometry() {
  const c = $('timeline');
  const w = c.clientWidth || 800;
  const pad = 30;
  const n = Math.max(timelineBins.length, 1);
  return { c, w, h: 120, pad, n, bw: (w - 2 * pad) / n };
}
function drawTimeline() {
  const { c, w, h, pad, n, bw } = timelineGeometry();
  const ratio = window.devicePixelRatio || 1;
  c.width = w * ratio;
  c.height = h * ratio;
  const g = c.getContext('2d');
  g.setTransform(ratio, 0, 0, ratio, 0, 0);
  g.clearRect(0, 0, w, h);
  const max = Math.max(1, ...timelineBins.map((b) => b.count));
  const base = h - 22;
  g.strokeStyle = '#999';
  g.beginPath(); g.moveTo(pad, base + 0.5); g.lineTo(w - pad, base + 0.5); g.stroke();
  g.font = '11px sans-serif';
  g.fillStyle = '#555';
  g.fillText(String(max), 2, 12);
  const inRange = (b) => (!state.since || b.start >= state.since) && (!state.until || b.start <= state.until);
  timelineBins.forEach((b, i) => {
    const bh = (b.count / max) * (base - 10);
    g.fillStyle = inRange(b) ? '#2f6690' : '#b8c4cc';
    g.fillRect(pad + i * bw + 1, base - bh, Math.max(1, bw - 2), bh);
  });
  const step = Math.max(1, Math.ceil(n / Math.max(1, Math.floor((w - 2 * pad) / 80))));
  g.fillStyle = '#333';
  for (let i = 0; i < timelineBins.length; i += step) g.fillText(timelineBins[i].start, pad + i * bw, h - 6);
  if (brush.dragging) {
    g.fillStyle = 'rgba(255, 193, 7, 0.3)';
    g.fillRect(Math.min(brush.x0, brush.x1), 0, Math.abs(brush.x1 - brush.x0), base);
  }
  c.dataset.bars = String(timelineBins.filter((b) => b.count > 0).length);
}
function binAt(x) {
  const { pad, bw } = timelineGeometry();
  return Math.min(timelineBins.length - 1, Math.max(0, Math.floor((x - pad) / bw)));
}
function initTimeline() {
  const c = $('timeline');
  const xOf = (ev) => ev.clientX - c.getBoundingClientRect().left;
  c.addEventListener('mousedown', (ev) => { brush.dragging = true; brush.x0 = brush.x1 = xOf(ev); drawTimeline(); });
  c.addEventListener('mousemove', (ev) => { if (brush.dragging) { brush.x1 = xOf(ev); drawTimeline(); } });
  const end = () => {
    if (!brush.dragging) return;
    brush.dragging = false;
    if (!timelineBins.length) return;
    let a = binAt(Math.min(brush.x0, brush.x1));
    let b = binAt(Math.max(brush.x0, brush.x1));
    if (a > b) [a, b] = [b, a];
    state.since = timelineBins[a].start;
    state.until = timelineBins[b].start;
    applyState();
  };
  c.addEventListener('mouseup', end);
  c.addEventListener('mouseleave', end);
  c.addEventListener('dblclick', () => { state.since = ''; state.until = ''; applyState(); });
  window.addEventListener('resize', drawTimeline);
}

// ------------------------------------------------------------ network ----

function groupColour(group, groups) {
  if (!group) return '#9e9e9e';
  if (PATRON_COLOURS[group]) return PATRON_COLOURS[group];
  const i = groups.indexOf(group);
  return EXTRA_COLOURS[(i < 0 ? 0 : i) % EXTRA_COLOURS.length];
}
function drawNetwork(net) {
  const groups = [...new Set(net.nodes.map((n) => n.group).filter(Boolean))].sort();
  const names = {};
  for (const n of net.nodes) names[n.id] = n;
  const elements = [];
  for (const gid of groups) {
    const patron = names[gid];
    elements.push({ data: { id: `group:${gid}`, label: t('backed', patron ? actorName(patron) : gid), colour: groupColour(gid, groups), isGroup: 1 } });
  }
  for (const n of net.nodes) {
    elements.push({ data: {
      id: n.id, label: actorName(n), parent: n.group ? `group:${n.group}` : undefined,
      colour: groupColour(n.group, groups), size: 18 + Math.min(40, 6 * Math.sqrt(n.events)), events: n.events, patron: n.patron ? 1 : 0,
    } });
  }
  net.edges.forEach((e, i) => {
    if (!names[e.source] || !names[e.target]) return;
    elements.push({ data: { id: `e${i}`, source: e.source, target: e.target, kind: e.kind, weight: e.weight } });
  });
  if (cy) cy.destroy();
  cy = cytoscape({
    container: $('network'),
    elements,
    style: [
      { selector: 'node', style: { 'background-color': 'data(colour)', label: 'data(label)', 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3, 'font-family': 'Noto Naskh Arabic, sans-serif' } },
      { selector: 'node[size]', style: { width: 'data(size)', height: 'data(size)' } },
      { selector: 'node[patron = 1]', style: { shape: 'round-rectangle', 'border-width': 2, 'border-color': '#333' } },
      { selector: 'node[isGroup = 1]', style: { 'background-opacity': 0.08, 'border-color': 'data(colour)', 'border-width': 2, label: 'data(label)', 'text-valign': 'top', 'font-size': 12, 'font-weight': 'bold', color: 'data(colour)' } },
      { selector: 'node:selected', style: { 'border-width': 3, 'border-color': '#ffb300' } },
      { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'line-color': '#90a4ae', 'target-arrow-shape': 'triangle', 'target-arrow-color': '#90a4ae', 'arrow-scale': 0.8 } },
      { selector: 'edge[kind = "part_of"]', style: { 'line-style': 'dotted' } },
      { selector: 'edge[kind = "backed_by"]', style: { 'line-style': 'dashed', 'line-color': '#607d8b', 'target-arrow-color': '#607d8b' } },
      { selector: 'edge[kind = "hostile"]', style: { 'line-color': '#d32f2f', 'target-arrow-shape': 'none', width: 'mapData(weight, 1, 10, 2, 9)', opacity: 0.8 } },
    ],
    layout: { name: 'cose', animate: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 70, padding: 20, randomize: false },
  });
  cy.on('tap', 'node', (ev) => {
    const d = ev.target.data();
    if (d.isGroup) return;
    state.actor = state.actor === d.id ? '' : d.id;
    applyState();
  });
  $('network').dataset.nodes = String(net.nodes.length);
  const legend = $('network-legend');
  legend.replaceChildren(el('span', { class: 'hint', text: t('filter_actor') }));
  for (const [kind, colour] of [['hostile', '#d32f2f'], ['backed_by', '#607d8b'], ['part_of', '#90a4ae']]) {
    const swatch = el('span', { class: 'swatch' });
    swatch.style.background = colour;  // CSSOM, allowed by the CSP (unlike style attributes)
    legend.append(el('span', null, swatch, t(kind)));
  }
}

// -------------------------------------------------------------- table ----

function actorsCell(e) {
  const src = e.source.map(actorName).join('، ');
  const tgt = e.target.map(actorName).join('، ');
  return tgt ? `${src || '?'} ← ${tgt}`.replace('←', lang === 'ar' ? '←' : '→') : src;
}
function casualtiesText(e) {
  const parts = [];
  if (e.killed !== null) parts.push(`${e.killed} ${t('killed')}`);
  if (e.injured !== null) parts.push(`${e.injured} ${t('injured')}`);
  return parts.join('، ') || t('none');
}
function drawTable(data) {
  const body = $('events').querySelector('tbody');
  body.replaceChildren();
  for (const e of data.events) {
    const tr = el('tr', { 'data-id': String(e.id), onclick: () => selectEvent(e.id) },
      el('td', { text: e.date || t('none') }),
      el('td', null, el('span', { class: `type-tag t-${e.type}`, text: typeName(e.type) })),
      el('td', { text: actorsCell(e) }),
      el('td', { text: placeName(e.place) || t('none') }),
      el('td', { text: casualtiesText(e) }),
      el('td', { text: String(e.n_sources) }));
    if (state.selected === e.id) tr.classList.add('selected');
    body.append(tr);
  }
  if (!data.events.length) body.append(el('tr', null, el('td', { colspan: '6', text: t('no_events') })));
  const a = data.total ? data.offset + 1 : 0;
  $('page').textContent = t('page', a, data.offset + data.events.length, data.total);
  $('prev').disabled = data.offset === 0;
  $('next').disabled = data.offset + data.events.length >= data.total;
}

// ------------------------------------------------------------- detail ----

async function selectEvent(id) {
  state.selected = id;
  document.querySelectorAll('#events tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.id === String(id)));
  const box = $('detail');
  box.replaceChildren(el('p', { class: 'hint', text: t('loading') }));
  let e;
  try {
    e = await api(`events/${encodeURIComponent(id)}`);
  } catch (err) {
    box.replaceChildren(el('p', { class: 'error', text: err.message }));
    return;
  }
  const facts = el('dl', { class: 'facts' });
  const fact = (k, v) => facts.append(el('dt', { text: k }), el('dd', { text: v }));
  fact(t('type'), `${typeName(e.type)}${e.mode ? ` / ${e.mode}` : ''}`);
  fact(t('date'), e.date ? `${e.date}${e.date_text ? ` («${e.date_text}»)` : ''}` : t('none'));
  fact(t('place'), e.place ? `${placeName(e.place)}${e.place.admin1 ? ` — ${e.place.admin1}` : ''}` : t('none'));
  fact(t('source'), e.source.map(actorName).join('، ') || t('none'));
  fact(t('target'), e.target.map(actorName).join('، ') || t('none'));
  fact(t('casualties'), casualtiesText(e));
  fact(t('status'), e.status);
  fact(t('confidence'), String(Math.round(e.confidence * 100) / 100));
  const legend = el('div', { class: 'marks-legend' });
  for (const k of ['trigger', 'actor', 'place', 'date']) legend.append(el('mark', { class: `m-${k}`, text: t(k) }));
  const sources = el('div');
  for (const s of e.sources) {
    const ev = el('p', { class: 'evidence', lang: 'ar', dir: 'rtl' });
    for (const seg of s.segments) {
      if (seg.mark) ev.append(el('mark', { class: `m-${seg.mark}`, text: seg.text }));
      else ev.append(document.createTextNode(seg.text));
    }
    const meta = el('div', { class: 'meta' }, el('span', { text: [s.outlet, s.date, s.doc_id].filter(Boolean).join(' · ') }));
    if (s.url && /^https?:\/\//i.test(s.url)) {
      const a = el('a', { rel: 'noopener noreferrer', target: '_blank', text: s.url });
      a.href = s.url;
      meta.append(' · ', a);
    }
    sources.append(el('div', { class: 'source' }, s.title ? el('strong', { class: 'title', text: s.title }) : null, meta, ev,
      el('div', { class: 'meta', text: `${t('rule')}: ${s.rule || t('none')}` })));
  }
  box.replaceChildren(facts, el('h3', { text: `${t('evidence')} (${e.sources.length})` }), legend, sources);
}

// ----------------------------------------------------- state / refresh ----

function syncForm() {
  for (const k of FILTER_KEYS) $(`f-${k}`).value = state[k];
  // Values not in a select's options (e.g. an actor picked in the network) get one.
  for (const k of ['actor', 'governorate', 'type']) {
    const sel = $(`f-${k}`);
    if (state[k] && sel.value !== state[k]) {
      sel.append(el('option', { value: state[k], text: state[k] }));
      sel.value = state[k];
    }
  }
  const q = query(filterParams());
  history.replaceState(null, '', q || location.pathname);
}
function applyState() {
  state.offset = 0;
  syncForm();
  refresh();
}
async function refresh(only) {
  const seq = ++refreshSeq;
  setStatus(t('loading'));
  const f = filterParams();
  try {
    if (only === 'table') {
      drawTable(await api('events', { ...f, limit: PAGE_SIZE, offset: state.offset }));
      setStatus('');
      return;
    }
    const [events, places, timeline, network] = await Promise.all([
      api('events', { ...f, limit: PAGE_SIZE, offset: state.offset }),
      api('places', f),
      api('timeline', { ...filterParams(['since', 'until']), bucket: 'day' }),
      api('network', f),
    ]);
    if (seq !== refreshSeq) return;
    drawTable(events);
    drawMarkers(places.markers);
    drawGovernorates(places.governorates);
    timelineBins = timeline.bins;
    drawTimeline();
    drawNetwork(network);
    setStatus(`${t('n_events', events.total)}${places.unlocated ? ` · ${t('unlocated', places.unlocated)}` : ''}`);
  } catch (err) {
    if (seq === refreshSeq) setStatus(err.message, true);
  }
}

async function fillSelects() {
  const typeSel = $('f-type');
  typeSel.replaceChildren(el('option', { value: '', text: t('all') }));
  for (const ty of TYPES) typeSel.append(el('option', { value: ty, text: typeName(ty) }));
  try {
    const [actors, places] = await Promise.all([api('actors'), api('places')]);
    const actorSel = $('f-actor');
    actorSel.replaceChildren(el('option', { value: '', text: t('all') }));
    for (const a of actors.actors) {
      actorNames[a.id] = a;
      actorSel.append(el('option', { value: a.id, text: `${actorName(a)} (${a.events})` }));
    }
    const govSel = $('f-governorate');
    govSel.replaceChildren(el('option', { value: '', text: t('all') }));
    for (const g of places.governorates) {
      if (!g.name_en) continue;
      govSel.append(el('option', { value: g.name_en, text: lang === 'ar' && g.name_ar ? g.name_ar : g.name_en }));
    }
  } catch (err) {
    setStatus(err.message, true);
  }
  syncForm();
}

function setLanguage(l) {
  lang = l;
  document.documentElement.lang = l;
  document.documentElement.dir = l === 'ar' ? 'rtl' : 'ltr';
  for (const e of document.querySelectorAll('[data-i18n]')) e.textContent = t(e.dataset.i18n);
  $('lang').textContent = t('lang');
  $('lang').lang = l === 'ar' ? 'en' : 'ar';
  const legend = $('legend');
  legend.replaceChildren();
  for (const ty of TYPES) legend.append(el('span', null, el('span', { class: `swatch t-${ty}` }), typeName(ty)));
  try { localStorage.setItem('marsad.lang', l); } catch (_) { /* private mode */ }
}

function init() {
  const params = new URLSearchParams(location.search);
  for (const k of FILTER_KEYS) if (params.get(k)) state[k] = params.get(k);
  let saved = null;
  try { saved = localStorage.getItem('marsad.lang'); } catch (_) { /* private mode */ }
  setLanguage(params.get('lang') === 'en' || saved === 'en' ? 'en' : 'ar');
  initMap();
  initTimeline();
  $('filters').addEventListener('submit', (ev) => {
    ev.preventDefault();
    for (const k of FILTER_KEYS) state[k] = $(`f-${k}`).value.trim();
    applyState();
  });
  for (const k of ['type', 'actor', 'governorate']) $(`f-${k}`).addEventListener('change', () => { state[k] = $(`f-${k}`).value; applyState(); });
  $('clear').addEventListener('click', () => { for (const k of FILTER_KEYS) state[k] = ''; applyState(); });
  $('lang').addEventListener('click', async () => {
    setLanguage(lang === 'ar' ? 'en' : 'ar');
    await fillSelects();
    refresh();
    if (state.selected) selectEvent(state.selected);
  });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE_SIZE); refresh('table'); });
  $('next').addEventListener('click', () => { state.offset += PAGE_SIZE; refresh('table'); });
  fillSelects().then(() => refresh());
}

document.addEventListener('DOMContentLoaded', init);
