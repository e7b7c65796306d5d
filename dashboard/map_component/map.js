// The map as a Streamlit component: deck.gl draws the map the app sends (pydeck's JSON), and the
// component tells the app what the analyst did there — the places clicked, and the view panned or
// zoomed to — so that both go into the URL. (Streamlit's own st.pydeck_chart reports clicks only.)
"use strict";

const container = document.getElementById("map");
// A drag is reported when it ends; a zoom (the wheel, a double click, the keys) once the map has
// been still this long, or at once when the pointer moves on (headless Chromium was seen holding
// an iframe's timers for a minute while nothing happened).
const SETTLE_MS = 400;
let deckgl = null;
let tooltip = {html: "", style: {}};
let picked = [];            // the place keys selected, as the app last sent them or a click set them
let shown = null;           // deck.gl's view state on screen
let reported = [];          // the views reported to the app ([longitude, latitude, zoom], rounded), the last first
let sent = null;            // the last view the app sent
let shiftHeld = false;
let pointerHeld = false;    // a drag goes on: its view is reported when it ends
let dragged = false;        // the view changed while the pointer was held
let touched = false;        // the analyst has used the map (deck.gl also reports views of its own)
let settleTimer = null;     // a zoom waiting to be reported
let sequence = 0;

function send(type, data) {
  window.parent.postMessage({isStreamlitMessage: true, type, ...data}, "*");
}

// As selection.Selection writes the view into the URL: 4 decimals of a degree, 2 of a zoom level.
function rounded(view) {
  return [+view.longitude.toFixed(4), +view.latitude.toFixed(4), +view.zoom.toFixed(2)];
}

function sameView(a, b) {
  return Boolean(a && b) && a.every((value, i) => Math.abs(value - b[i]) < 1e-6);
}

function report(clicked) {
  clearTimeout(settleTimer);
  settleTimer = null;
  // The view only once the analyst has moved the map since the app last placed it.
  const view = shown ? rounded(shown) : null;
  if (view) reported = [view, ...reported.slice(0, 19)];
  sequence += 1;
  send("streamlit:setComponentValue", {value: {view, places: picked, clicked, sequence}, dataType: "json"});
}

function escapeHtml(value) {
  return String(value ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;",
                                                         '"': "&quot;", "'": "&#39;"})[c]);
}

// The tooltip template's {field}s filled with the hovered object's fields, as text (never markup).
function getTooltip(info) {
  if (!info || !info.object || !tooltip.html) return null;
  const html = tooltip.html.replace(/\{([^{}]+)\}/g, (_, field) => escapeHtml(info.object[field]));
  return {html, style: tooltip.style};
}

function onClick(info) {
  const key = info && info.layer && info.layer.id === "places" && info.object ? info.object.place_key : null;
  if (shiftHeld) {                          // shift-click adds a place, or takes it away again
    if (key) picked = picked.includes(key) ? picked.filter(k => k !== key) : [...picked, key];
  } else {                                  // a click picks one place; an empty spot clears
    picked = key ? [key] : [];
  }
  report(true);
}

// deck.gl draws every layer once per copy of the world in sight (the view's `repeat`), and in
// software WebGL each copy costs the whole frame again: a world view of a large store drew the
// world two or three times over, half a second a frame. Copies are drawn only where they show
// something the first does not: a view that reaches across the antimeridian at a zoom where the
// world is wider than the map (Kamchatka beside Alaska). Narrower, the world is drawn once.
function needsCopies(view, width) {
  const world = 512 * 2 ** view.zoom;               // pixels: deck.gl's world is 512 wide at zoom 0
  if (!(width > 0) || world <= width) return false;
  const half = width / 2 / world * 360;             // degrees of longitude either side of the centre
  return view.longitude - half < -180 || view.longitude + half > 180;
}

function drawCopies(view) {
  const repeat = needsCopies(view, container.clientWidth);
  const views = deckgl && deckgl.props.views;
  if (views && views.some(v => Boolean(v.props.repeat) !== repeat)) {
    deckgl.setProps({views: views.map(v => v.clone({repeat}))});
  }
}

function handleEvent(name, payload) {
  if (name === "deck-view-state-change-event") drawCopies(payload);
  if (name === "deck-view-state-change-event" && touched) {
    shown = payload;
    clearTimeout(settleTimer);
    if (pointerHeld) dragged = true;
    else settleTimer = setTimeout(() => report(false), SETTLE_MS);
  } else if (name === "deck-click-event") {
    onClick(payload);
  }
}

window.addEventListener("pointerdown", event => {
  shiftHeld = event.shiftKey;
  pointerHeld = true;
  dragged = false;
}, true);
window.addEventListener("pointerup", () => {
  pointerHeld = false;
  if (dragged) report(false);
  dragged = false;
}, true);
for (const type of ["pointermove", "pointerleave"]) {
  window.addEventListener(type, () => { if (settleTimer !== null && !pointerHeld) report(false); }, true);
}
for (const type of ["pointerdown", "wheel", "keydown", "touchstart"]) {
  window.addEventListener(type, () => { touched = true; }, true);
}

// The app's files (the country outlines, "app/static/...") are named relative to its page, not
// to this frame's.
const page = new URLSearchParams(window.location.search).get("streamlitUrl") || window.location.href;

function fromPage(spec) {
  for (const layer of spec.layers || []) {
    if (typeof layer.data === "string" && !/^[a-z]+:|^\//i.test(layer.data)) {
      layer.data = new URL(layer.data, page).href;
    }
  }
  return spec;
}

function render(args) {
  const spec = fromPage(JSON.parse(new TextDecoder().decode(args.spec)));
  tooltip = args.tooltip || tooltip;
  picked = args.picked || [];
  container.style.height = `${args.height}px`;
  // A view the app had not sent before, nor had from here, moves the map (new filters: the
  // places fitted); else the view on screen stays as it is (not as rounded for the URL). (The
  // app's answer to a report may come after a later pan or zoom.)
  const moved = !sameView(args.view, sent) && !reported.some(view => sameView(args.view, view));
  sent = args.view;
  if (moved) {
    shown = null;
  } else if (shown) {
    spec.initialViewState = {...spec.initialViewState, longitude: shown.longitude, latitude: shown.latitude,
                             zoom: shown.zoom};
  }
  const view = shown || spec.initialViewState;
  for (const v of spec.views || []) v.repeat = needsCopies(view, container.clientWidth);
  if (deckgl === null) {
    deckgl = createDeck({container, jsonInput: spec, tooltip: null, handleEvent});
  } else {
    updateDeck(spec, deckgl);
  }
  deckgl.setProps({getTooltip});
  send("streamlit:setFrameHeight", {height: args.height});
}

window.addEventListener("message", event => {
  if (event.data && event.data.type === "streamlit:render") render(event.data.args);
});
send("streamlit:componentReady", {apiVersion: 1});
