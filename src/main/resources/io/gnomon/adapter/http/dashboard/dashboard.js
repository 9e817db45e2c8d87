// Gnomon dashboard: polls /status.json every second, keeps the last hour of charted values, draws with uPlot.
"use strict";
(function () {
  const HOUR = 3600;
  const $ = (id) => document.getElementById(id);
  const css = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

  // ---- formatting ----
  function si(seconds) {
    if (seconds === null || seconds === undefined || !isFinite(seconds)) return "\u2013";
    if (seconds === 0) return "0 s";
    const a = Math.abs(seconds), sign = seconds < 0 ? "\u2212" : "";
    const units = [[1, "s"], [1e-3, "ms"], [1e-6, "\u00b5s"], [1e-9, "ns"], [1e-12, "ps"]];
    for (const [scale, unit] of units) {
      if (a >= scale || unit === "ps") {
        const v = a / scale;
        return sign + (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)) + " " + unit;
      }
    }
  }
  function ppm(p) {
    if (p === null || p === undefined || !isFinite(p)) return "\u2013";
    return (p < 0 ? "\u2212" : "+") + Math.abs(p).toFixed(3) + " ppm";
  }
  function duration(s) {
    if (s < 60) return s + "s";
    if (s < 3600) return Math.floor(s / 60) + "m" + String(s % 60).padStart(2, "0") + "s";
    if (s < 86400) return Math.floor(s / 3600) + "h" + String(Math.floor(s % 3600 / 60)).padStart(2, "0") + "m";
    return Math.floor(s / 86400) + "d" + String(Math.floor(s % 86400 / 3600)).padStart(2, "0") + "h";
  }
  // one time scale everywhere: UTC, 24-hour (the header's clock says UTC; the chart axes must agree)
  function utcLabel(t, withSeconds) {
    const iso = new Date(t * 1000).toISOString();
    return withSeconds ? iso.slice(11, 19) : iso.slice(11, 16);
  }
  function utcTicks(u, splits) {
    const span = splits.length > 1 ? splits[1] - splits[0] : 60;
    return splits.map((t) => utcLabel(t, span < 60));
  }
  const leapWords = { none: "none announced", insert: "insertion at the end of this UTC day",
    delete: "deletion at the end of this UTC day", unsynchronised: "unknown (not synchronised)" };

  // ---- charts ----
  const series = { t: [], offset: [], frequency: [], rate: [] };
  const charts = {};
  window.gnomon = { charts: charts, series: series, updates: 0, utcTicks: utcTicks };

  function size(el) {
    const w = Math.max(200, el.clientWidth);
    return { width: w, height: w < 420 ? 180 : 220 };
  }
  // a flat line still gets a sensible scale around it (uPlot's default for constant data is 0..100)
  function around(minSpan) {
    return (u, min, max) => {
      if (min === null || max === null) return [-minSpan, minSpan];
      const mid = (min + max) / 2, half = Math.max((max - min) / 2 * 1.15, minSpan);
      return [mid - half, mid + half];
    };
  }
  function timeChart(id, label, color, valueFmt, yRange) {
    const el = $(id);
    const opts = Object.assign(size(el), {
      legend: { show: false },
      padding: [10, 28, 0, 0],
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true }, y: { range: yRange } },
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      axes: [
        { stroke: css("--muted"), grid: { stroke: css("--line") }, ticks: { stroke: css("--line") },
          values: utcTicks },
        { stroke: css("--muted"), grid: { stroke: css("--line") }, ticks: { stroke: css("--line") },
          size: 64, values: (u, vals) => vals.map(valueFmt) },
      ],
      series: [{}, { label: label, stroke: color, width: 1.5, fill: color + "22", spanGaps: false,
        points: { show: false } }],
    });
    return new uPlot(opts, [[], []], el);
  }
  function snrChart() {
    const el = $("chart-snr");
    const opts = Object.assign(size(el), {
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: (u, min, max) => [min - 0.6, max + 0.6] }, y: { range: [0, 55] } },
      axes: [
        { stroke: css("--muted"), grid: { show: false }, ticks: { show: false }, gap: 4,
          values: (u, vals) => vals.map((v) => (window.gnomon.satLabels || [])[v] || "") },
        { stroke: css("--muted"), grid: { stroke: css("--line") }, ticks: { stroke: css("--line") }, size: 40 },
      ],
      series: [{}, { label: "used", fill: css("--accent"), stroke: css("--accent"),
          paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } },
        { label: "in view", fill: css("--muted") + "88", stroke: css("--muted"),
          paths: uPlot.paths.bars({ size: [0.7, 40] }), points: { show: false } }],
    });
    return new uPlot(opts, [[], [], []], el);
  }
  function makeCharts() {
    charts.offset = timeChart("chart-offset", "offset", css("--accent"), si, around(1e-6));
    charts.frequency = timeChart("chart-frequency", "frequency", css("--accent2"), (v) => v.toFixed(3), around(0.05));
    charts.rate = timeChart("chart-rate", "requests/s", css("--ok"), (v) => v >= 100 ? v.toFixed(0) : v.toFixed(1),
      (u, min, max) => [0, Math.max(1, (max || 0) * 1.15)]);
    charts.snr = snrChart();
    const ro = new ResizeObserver(() => {
      for (const [name, c] of Object.entries(charts)) {
        const el = $("chart-" + name);
        c.setSize(size(el));
      }
    });
    for (const name of Object.keys(charts)) ro.observe($("chart-" + name));
  }
  function trim() {
    const cutoff = series.t.length ? series.t[series.t.length - 1] - HOUR : 0;
    let drop = 0;
    while (drop < series.t.length && series.t[drop] <= cutoff) drop++;
    if (drop) for (const k of Object.keys(series)) series[k].splice(0, drop);
  }
  function redrawTimeCharts() {
    charts.offset.setData([series.t, series.offset]);
    charts.frequency.setData([series.t, series.frequency]);
    charts.rate.setData([series.t, series.rate]);
    for (const name of ["offset", "frequency", "rate"]) {
      const n = series[name].filter((v) => v !== null && isFinite(v)).length;
      $("chart-" + name).dataset.points = n;
      $("chart-" + name).dataset.last = series.t.length ? series.t[series.t.length - 1] : "";
    }
  }
  function drawSatellites(r) {
    const sats = (r.satellites || []).slice().sort((a, b) =>
      a.constellation === b.constellation ? a.id - b.id : a.constellation.localeCompare(b.constellation));
    const x = sats.map((s, i) => i);
    window.gnomon.satLabels = sats.map((s) => s.constellation.slice(0, 2).toUpperCase() + s.id);
    const used = sats.map((s) => s.used && s.snrDbHz !== null ? s.snrDbHz : null);
    const seen = sats.map((s) => !s.used && s.snrDbHz !== null ? s.snrDbHz : null);
    charts.snr.setData([x, used, seen]);
    $("chart-snr").dataset.points = sats.length;
    $("snr-empty").classList.toggle("show", sats.length === 0);
    $("sat-count").textContent = r.satellitesUsed + " used / " + r.satellitesInView + " in view";
  }

  // ---- live data ----
  let lastT = null, prevRequests = null, prevRequestsT = null;
  function stateClass(lock) {
    if (!lock.serving) return "bad";
    return /holdover|NMEA only/i.test(lock.state) ? "warn" : "ok";
  }
  function show(s) {
    const lock = s.lock, c = s.clock, r = s.receiver, p = s.pps, l = s.leap, n = s.ntp;
    $("version").textContent = s.version;
    $("footer-version").textContent = "gnomon " + s.version;
    $("utc").textContent = s.generatedAt.substring(11, 19);
    const card = $("state-card");
    card.className = "card state " + stateClass(lock);
    $("state").textContent = lock.state;
    $("serving").textContent = lock.serving ? "serving time" : "not serving: leap indicator 3";
    $("reason").textContent = lock.reason;
    $("headline").textContent = "for " + duration(lock.secondsInState) + " \u00b7 up " + duration(s.uptimeSeconds);
    $("offset").textContent = si(c.offsetSeconds);
    $("jitter").textContent = si(c.jitterSeconds);
    $("frequency").textContent = ppm(c.frequencyPpm);
    $("nmea-delay").textContent = si(c.nmeaDelaySeconds);
    $("dispersion").textContent = si(c.rootDispersionSeconds);
    $("refid").textContent = c.refId + " \u00b7 " + c.stratum;
    $("receiver").textContent = (r.device || "none") + " \u2014 " + (r.state || "unknown");
    $("fix").textContent = (r.fixQuality || "unknown") + ", " + r.satellitesUsed + "/" + r.satellitesInView + " satellites";
    if (r.secondsSinceLastCycle != null && r.secondsSinceLastCycle >= 2) {
      $("fix").textContent += " (last cycle " + duration(Math.floor(r.secondsSinceLastCycle)) + " ago)";
    }
    $("pps").textContent = (p.device || "none") + " \u2014 " + (p.state || "unknown") + ", " + p.edges + " edges";
    $("leap").textContent = leapWords[l.indicator] || l.indicator;
    const drill = s.drill;
    $("drill-banner").hidden = !drill;
    if (drill) {
      $("drill-name").textContent = drill.name;
      $("drill-step").textContent = "step " + drill.stepNumber + " of " + drill.steps + ": " + drill.step
        + " (running " + duration(drill.secondsRunning) + ")";
    }
    const expired = l.leapFileExpired || (l.leapFileExpires && l.leapFileExpires < s.generatedAt.substring(0, 10));
    $("leap-file").textContent = !l.leapFileExpires ? "none loaded"
      : expired ? "EXPIRED " + l.leapFileExpires + " (update tzdata)" : "expires " + l.leapFileExpires;
    $("leap-file").classList.toggle("alert", !!expired);
    $("rollover").textContent = l.rollover || "\u2013";
    const dropped = Object.entries(n.dropped).filter(([, v]) => v > 0);
    const totalDropped = dropped.reduce((a, [, v]) => a + v, 0);
    $("requests").textContent = n.requests.toLocaleString();
    $("replies").textContent = n.replies.toLocaleString();
    $("dropped").textContent = totalDropped.toLocaleString() +
      (dropped.length ? " (" + dropped.map(([k, v]) => k.toLowerCase().replace(/_/g, " ") + " " + v).join(", ") + ")" : "");
    $("kod").textContent = n.kissOfDeathSent.toLocaleString();
    $("clients").textContent = n.clientsSeen >= 0 ? "~" + n.clientsSeen.toLocaleString() + " in the last " +
      Math.round(n.clientsWindowSeconds / 60) + " min" +
      (n.clientsRelativeError != null ? " (\u00b1" + (100 * n.clientsRelativeError).toFixed(1) + "%)" : "") : "not counted";
    $("uptime").textContent = duration(s.uptimeSeconds);
    document.title = (drill ? "DRILL " + drill.name + " \u2014 " : "") + lock.state + " \u2014 Gnomon";

    const t = Math.floor(Date.parse(s.generatedAt) / 1000);
    let rate = null;
    if (prevRequests !== null && t > prevRequestsT) rate = Math.max(0, n.requests - prevRequests) / (t - prevRequestsT);
    if (prevRequestsT === null || t > prevRequestsT) { prevRequests = n.requests; prevRequestsT = t; }
    if (lastT === null || t > lastT) {
      series.t.push(t); series.offset.push(c.offsetSeconds); series.frequency.push(c.frequencyPpm); series.rate.push(rate);
      lastT = t;
      trim();
      redrawTimeCharts();
    }
    drawSatellites(r);
    window.gnomon.updates++;
  }
  async function poll() {
    try {
      const res = await fetch("/status.json", { cache: "no-store" });
      if (!res.ok) throw new Error("HTTP " + res.status);
      show(await res.json());
      $("link").className = "link ok"; $("link").textContent = "live";
    } catch (e) {
      $("link").className = "link lost"; $("link").textContent = "connection lost, retrying";
    } finally {
      setTimeout(poll, 1000);
    }
  }
  async function loadHistory() {
    try {
      const res = await fetch("/history.json", { cache: "no-store" });
      const h = (await res.json()).hour;
      for (let i = 0; i < h.t.length; i++) {
        series.t.push(h.t[i]); series.offset.push(h.offsetSeconds[i]);
        series.frequency.push(h.frequencyPpm[i]); series.rate.push(h.ntpRequestsPerSecond[i]);
      }
      if (h.t.length) lastT = h.t[h.t.length - 1];
    } catch (e) { /* live data still arrives */ }
  }
  makeCharts();
  loadHistory().then(() => { redrawTimeCharts(); poll(); });
})();
