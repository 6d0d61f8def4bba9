// The bench's live view (Bench/Live, issue 15 item 4): reads the feed's Server-Sent Events from /events and draws
// them with the DOM alone (text only, never markup from the feed). Every time shown is the bench clock's.
"use strict";

(() => {
  const svgNs = "http://www.w3.org/2000/svg";
  const body = document.body;
  const vehiclesLayer = document.getElementById("vehicles");
  const grid = document.getElementById("grid");
  const plot = document.getElementById("plot");
  const state = { start: 0, end: 0, detectionMs: 0, positions: new Map(), trust: new Map(), bounds: null, left: new Set(), onRoad: new Set() };

  const el = (name, attrs, text) => {
    const e = document.createElement(name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  };
  const svg = (name, attrs, text) => {
    const e = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = String(text);
    return e;
  };
  const seconds = t => ((t - state.start) / 1000).toFixed(1);
  const outcomeClass = o => "trust-" + (["Act", "ActWithCaution", "PrepareOnly", "Discard", "Rejected"].includes(o) ? o : "none");

  function setClock(t) {
    body.dataset.t = t;
    document.getElementById("clock").textContent = state.end > state.start
      ? `t = ${seconds(t)} s of ${((state.end - state.start) / 1000).toFixed(0)} s` : `t = ${(t / 1000).toFixed(1)} s`;
  }

  function run(r) {
    if (!r) return;
    state.start = r.start; state.end = r.end; state.detectionMs = r.detectionPeriodMs;
    body.dataset.start = r.start;
    body.dataset.detectionMs = r.detectionPeriodMs;
    for (const s of r.stations) marker(s.name, s.kind);
  }

  // One marker per station: a disc (most receivers' decision), its name, and one dot per receiver.
  function marker(name, kind) {
    let g = vehiclesLayer.querySelector(`g.vehicle[data-name="${CSS.escape(name)}"]`);
    if (g) return g;
    g = svg("g", { class: "vehicle", "data-name": name, "data-kind": kind, "data-trust": "none", "data-placed": "false" });
    g.append(svg("circle", { class: "body trust-none", r: 1 }), svg("text", {}, name), svg("g", { class: "receivers" }));
    vehiclesLayer.append(g);
    return g;
  }

  // A station joining while the run lasts (a SUMO vehicle's OBU), or leaving: its marker goes, its integrity row greys.
  function station(s) {
    if (s.left !== null && s.left !== undefined) {
      state.left.add(s.name);
      state.onRoad.delete(s.name);
      state.positions.delete(s.name);
      vehiclesLayer.querySelector(`g.vehicle[data-name="${CSS.escape(s.name)}"]`)?.remove();
      document.querySelector(`#integrity tr[data-obu="${CSS.escape(s.name)}"]`)?.setAttribute("data-left", "true");
    } else if (!state.left.has(s.name)) {
      state.onRoad.add(s.name);
      const g = marker(s.name, s.kind);
      if (s.vehicle) g.setAttribute("data-vehicle", s.vehicle);
    }
    const roster = document.getElementById("roster");
    roster.textContent = `${state.onRoad.size} vehicle(s) with an OBU on the road, ${state.left.size} left`;
    roster.dataset.onRoad = state.onRoad.size;
    roster.dataset.left = state.left.size;
  }

  function position(p) {
    if (state.left.has(p.name)) return;
    state.positions.set(p.name, p);
    const b = state.bounds;
    const grown = !b || p.x < b.minX || p.x > b.maxX || p.y < b.minY || p.y > b.maxY;
    if (grown) {
      state.bounds = b ? { minX: Math.min(b.minX, p.x), maxX: Math.max(b.maxX, p.x), minY: Math.min(b.minY, p.y), maxY: Math.max(b.maxY, p.y) }
        : { minX: p.x - 50, maxX: p.x + 50, minY: p.y - 50, maxY: p.y + 50 };
      layout();
    } else {
      place(p.name);
    }
  }

  // North up: SVG y grows downwards, so y is drawn as -y.
  function layout() {
    const b = state.bounds;
    const span = Math.max(b.maxX - b.minX, b.maxY - b.minY, 100);
    const margin = span * 0.12;
    plot.setAttribute("viewBox", `${b.minX - margin} ${-b.maxY - margin} ${b.maxX - b.minX + 2 * margin} ${b.maxY - b.minY + 2 * margin}`);
    state.unit = span / 60;
    grid.replaceChildren();
    const step = Math.pow(10, Math.floor(Math.log10(span / 2)));
    for (let x = Math.ceil((b.minX - margin) / step) * step; x <= b.maxX + margin; x += step) {
      grid.append(svg("line", { x1: x, x2: x, y1: -b.maxY - margin, y2: -b.minY + margin, "stroke-width": state.unit / 8 }));
      grid.append(svg("text", { x: x + state.unit / 3, y: -b.minY + margin - state.unit / 2, "font-size": state.unit * 1.1 }, `${x} m`));
    }
    for (let y = Math.ceil((b.minY - margin) / step) * step; y <= b.maxY + margin; y += step) {
      grid.append(svg("line", { y1: -y, y2: -y, x1: b.minX - margin, x2: b.maxX + margin, "stroke-width": state.unit / 8 }));
    }
    for (const name of state.positions.keys()) place(name);
  }

  function place(name) {
    const p = state.positions.get(name);
    const g = marker(name, p.kind);
    const u = state.unit || 2;
    g.setAttribute("data-placed", "true");
    g.setAttribute("transform", `translate(${p.x} ${-p.y})`);
    const disc = g.querySelector("circle.body");
    disc.setAttribute("r", u * 1.6);
    disc.setAttribute("stroke-width", u / 6);
    const label = g.querySelector("text");
    label.setAttribute("x", u * 2.2);
    label.setAttribute("y", u * 0.6);
    label.setAttribute("font-size", u * 1.6);
    drawReceivers(name);
  }

  function trust(t) {
    state.trust.set(t.sender, t);
    if (state.left.has(t.sender)) return;
    const g = marker(t.sender, "Obu");
    g.setAttribute("data-trust", t.outcome);
    g.querySelector("circle.body").setAttribute("class", "body " + outcomeClass(t.outcome));
    drawReceivers(t.sender);
  }

  function drawReceivers(name) {
    const t = state.trust.get(name);
    const g = vehiclesLayer.querySelector(`g.vehicle[data-name="${CSS.escape(name)}"]`);
    if (!t || !g) return;
    const u = state.unit || 2;
    const ring = g.querySelector("g.receivers");
    ring.replaceChildren();
    const receivers = Object.entries(t.receivers);
    receivers.forEach(([receiver, view], i) => {
      const angle = (2 * Math.PI * i) / receivers.length - Math.PI / 2;
      const dot = svg("circle", {
        class: "dot " + outcomeClass(view.outcome), r: u * 0.6, "stroke-width": u / 10,
        cx: Math.cos(angle) * u * 2.6, cy: Math.sin(angle) * u * 2.6,
        "data-receiver": receiver, "data-outcome": view.outcome, "data-since": view.since,
      });
      dot.append(svg("title", {}, `${receiver}: ${view.outcome} since t = ${seconds(view.since)} s`));
      ring.append(dot);
    });
  }

  function integrity(i) {
    const tbody = document.querySelector("#integrity tbody");
    let row = tbody.querySelector(`tr[data-obu="${CSS.escape(i.obu)}"]`);
    if (!row) {
      row = el("tr", { "data-obu": i.obu });
      tbody.append(row);
      [...tbody.children].sort((a, b) => a.dataset.obu.localeCompare(b.dataset.obu, "en", { numeric: true })).forEach(r => tbody.append(r));
    }
    row.setAttribute("data-level", i.level);
    if (state.left.has(i.obu)) row.setAttribute("data-left", "true");
    const latches = i.latches.length === 0 ? "none"
      : i.latches.map(l => `${l.detector} ${l.level} since t = ${seconds(l.since)} s${l.persistent ? " (persistent)" : ""}: ${l.reason}`).join("; ");
    row.replaceChildren(el("td", {}, i.obu), el("td", { class: "level-" + i.level }, i.level), el("td", {}, i.detectors), el("td", {}, latches));
  }

  function attack(a) {
    const item = el("li", { "data-kind": a.kind, "data-target": a.target, "data-at": a.t });
    item.append(el("strong", {}, `t = ${seconds(a.t)} s ${a.kind}`), document.createTextNode(` on ${a.target}: ${a.detail}`));
    document.getElementById("attacks").append(item);
  }

  function replays(r) {
    const parts = Object.entries(r || {}).map(([kind, c]) => `${kind === "ExactReplay" ? "exact replays" : "replays with an altered counter"}: ${c.rejected} of ${c.received} rejected`);
    document.getElementById("replays").textContent = parts.length ? "At the receivers: " + parts.join("; ") : "";
  }

  function hub(h) {
    if (!h) return;
    const objects = Object.entries(h.objects).map(([type, n]) => `${type} ${n}`).join(", ");
    document.getElementById("hub-objects").textContent = `${h.apiRoot} "Fleet anomalies" holds ${objects || "nothing"} (as read at t = ${seconds(h.t)} s, when it last changed)`;
    const tbody = document.querySelector("#anomalies tbody");
    tbody.replaceChildren(...h.anomalies.map(a => {
      const row = el("tr", { "data-signature": a.signature });
      row.append(el("td", {}, a.anomalyClass ?? "?"), el("td", {}, a.threatType ?? "?"), el("td", {}, a.summaries),
        el("td", {}, a.indicator ? "yes" : "no"), el("td", {}, a.sightingCount ?? "–"), el("td", {}, a.vehicles ?? "–"));
      return row;
    }));
  }

  function decision(d) {
    const tbody = document.querySelector("#decisions tbody");
    const why = d.outcome === "Rejected" ? `${d.stage}: ${d.reason}` : (d.row ?? "");
    const row = el("tr", { "data-receiver": d.receiver, "data-sender": d.sender, "data-outcome": d.outcome });
    row.append(el("td", {}, seconds(d.t)), el("td", {}, d.receiver), el("td", {}, d.sender + (d.kind === "Obu" ? "" : ` (${d.kind})`)),
      el("td", {}, d.message), el("td", { class: "outcome " + outcomeClass(d.outcome) }, d.outcome), el("td", {}, why), el("td", {}, d.reportLevel ?? "none"));
    tbody.prepend(row);
    while (tbody.children.length > 200) tbody.lastElementChild.remove();
  }

  function end(e, source) {
    source.close();
    body.dataset.state = "ended";
    document.getElementById("status").textContent = `run ended at t = ${seconds(e.t)} s: ${e.passed ? "every expectation held" : "an expectation FAILED"}`;
  }

  const source = new EventSource("/events");
  const on = (type, handle) => source.addEventListener(type, m => {
    const data = JSON.parse(m.data);
    handle(data);
    if (typeof data.t === "number") setClock(Math.max(Number(body.dataset.t || 0), data.t));
  });
  on("snapshot", s => {
    run(s.run);
    (s.stations || []).forEach(station);
    (s.vehicles || []).forEach(position);
    (s.trust || []).forEach(trust);
    (s.integrity || []).forEach(integrity);
    (s.attacks || []).forEach(attack);
    replays(s.replays);
    hub(s.hub);
    (s.decisions || []).forEach(decision);
    body.dataset.state = "live";
    document.getElementById("status").textContent = "live";
    if (s.end) end(s.end, source);
  });
  on("run", run);
  on("station", station);
  on("position", position);
  on("trust", trust);
  on("integrity", integrity);
  on("attack", attack);
  on("hub", hub);
  on("decision", decision);
  on("clock", c => replays(c.replays));
  on("end", e => end(e, source));
  source.onerror = () => {
    if (body.dataset.state !== "ended") document.getElementById("status").textContent = "reconnecting…";
  };
})();
