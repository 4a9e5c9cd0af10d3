// sfnsim report: draws the run from the two JSON blocks in the page (no network, no libraries).
// #sfnsim-data is the `--json` summary; #sfnsim-detail what the charts need (report_data.cc).
// Every chart is an inline SVG with a table of its numbers beside it.
"use strict";
(function () {
  const summary = JSON.parse(document.getElementById("sfnsim-data").textContent);
  const extra = JSON.parse(document.getElementById("sfnsim-detail").textContent);
  const app = document.getElementById("app");
  const LIMIT = 25000;
  const STATUS_COLOUR = { SUCCEEDED: "#2e7d32", FAILED: "#c62828", TIMED_OUT: "#ad1457",
                          ABORTED: "#6d4c41", RUNNING: "#1565c0" };
  const HANDLING_COLOUR = { retried: "#ef6c00", caught: "#6a1b9a", unhandled: "#c62828" };
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
                   "#7f7f7f", "#bcbd22", "#17becf", "#393b79", "#637939", "#8c6d31", "#843c39",
                   "#7b4173", "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"];

  // ---- formatting ------------------------------------------------------------------------
  function esc(s) {
    return String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;",
                                                   '"': "&quot;", "'": "&#39;" })[c]);
  }
  // A long label keeps its end (bucket names and ARNs differ there), with an ellipsis.
  function shortLabel(text, max) {
    text = String(text);
    return text.length > max ? "…" + text.slice(text.length - max + 1) : text;
  }
  function int(n) { return Number(n).toLocaleString("en-US"); }
  function usd(x) { return "$" + Number(x).toFixed(2); }
  function dur(ms) {  // as the text summary prints durations: 1d 2h 3m 4.567s
    ms = Math.max(0, Math.round(ms));
    const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24,
          m = Math.floor(ms / 60000) % 60, s = (ms % 60000) / 1000;
    const sec = s.toFixed(3) + "s";
    if (d > 0) return d + "d " + h + "h " + m + "m " + Math.round(s) + "s";
    if (h > 0) return h + "h " + m + "m " + sec;
    if (m > 0) return m + "m " + sec;
    return sec;
  }
  // Axis labels: whole units without decimals (20s, 1m, 1m 20s, 2h 5m).
  function tickLabel(ms) {
    if (ms % 1000 !== 0) return dur(ms);
    const d = Math.floor(ms / 86400000), h = Math.floor(ms / 3600000) % 24,
          m = Math.floor(ms / 60000) % 60, s = Math.floor(ms / 1000) % 60;
    const parts = [];
    if (d) parts.push(d + "d");
    if (h) parts.push(h + "h");
    if (m) parts.push(m + "m");
    if (s || !parts.length) parts.push(s + "s");
    return parts.join(" ");
  }
  function el(tag, attrs, html) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (html !== undefined) e.innerHTML = html;
    return e;
  }
  function section(id, title, note) {
    const s = el("section", { id: id });
    s.appendChild(el("h2", {}, esc(title)));
    if (note) s.appendChild(el("p", { class: "note" }, note));
    app.appendChild(s);
    return s;
  }
  // A table of a chart's numbers: rows of {key, cells: [{text, value, field, num}]}.
  function dataTable(head, rows, open) {
    let h = '<table class="chart-data"><thead><tr>' +
      head.map((c) => '<th class="' + (c.num ? "num" : "") + '">' + esc(c.text) + "</th>").join("") +
      "</tr></thead><tbody>";
    for (const r of rows) {
      h += '<tr data-key="' + esc(r.key) + '">';
      for (const c of r.cells) {
        h += "<td" + (c.field ? ' data-field="' + c.field + '"' : "") +
             (c.value !== undefined ? ' data-value="' + esc(c.value) + '"' : "") +
             (c.num ? ' class="num"' : "") + ">" + esc(c.text) + "</td>";
      }
      h += "</tr>";
    }
    h += "</tbody></table>";
    const d = el("details", { class: "data" }, "<summary>The numbers (table)</summary>" +
                 '<div class="scroll">' + h + "</div>");
    if (open) d.setAttribute("open", "");
    return d;
  }
  function svg(width, height, body, label, cls) {
    return '<svg class="' + (cls || "chart") + '" role="img" aria-label="' + esc(label) + '" viewBox="0 0 ' + width +
           " " + height + '" width="' + width + '" height="' + height +
           '" xmlns="http://www.w3.org/2000/svg">' + body + "</svg>";
  }
  function ticks(max, count) {
    if (max <= 0) return [0];
    const raw = max / count, mag = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 5, 10].map((f) => f * mag).find((s) => s >= raw);
    const out = [];
    for (let v = 0; v <= max + 1e-9; v += step) out.push(v);
    return out;
  }
  // Ticks at round durations (10s, 1m, 15m, 1h, ...), about eight of them.
  const TIME_STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 1e4, 15e3, 3e4, 6e4,
                      12e4, 3e5, 6e5, 9e5, 18e5, 36e5, 72e5, 108e5, 216e5, 432e5, 864e5,
                      1728e5, 6048e5];
  function timeTicks(span) {
    const step = TIME_STEPS.find((s) => s >= span / 8) || Math.ceil(span / 8);
    const out = [];
    for (let t = 0; t <= span; t += step) out.push(t);
    return out;
  }
  function timeAxis(x0, x1, y, span) {
    let s = "";
    for (const t of timeTicks(span)) {
      const x = x0 + (x1 - x0) * (span > 0 ? t / span : 0);
      s += '<line x1="' + x + '" x2="' + x + '" y1="' + y + '" y2="' + (y + 4) +
           '" stroke="#999"/><text x="' + x + '" y="' + (y + 15) +
           '" font-size="10" text-anchor="middle" fill="#616161">' + esc(tickLabel(t)) + "</text>";
    }
    return s;
  }

  // ---- the page --------------------------------------------------------------------------
  const version = summary.sfnsim_version;
  let current = 0;

  function header() {
    const h = document.querySelector("header");
    h.innerHTML = "<h1>sfnsim report: " + esc(extra.title) + "</h1>" +
      '<div class="sub">' + esc(extra.command) + "</div>";
  }

  function runInfo(run, d) {
    const s = section("run-info", "Run");
    const ok = run.passed;
    s.innerHTML += '<div class="cards">' +
      card("result", ok ? "PASS" : "FAIL", ok ? "pass" : "failtext") +
      card("status", run.status) +
      card("executions", int(run.executions.started)) +
      card("published", int(run.published)) +
      card("virtual duration", dur(run.duration_ms)) +
      card("largest history", run.history.largest !== undefined
           ? int(run.history.largest) + " of " + int(LIMIT) : "none") +
      card("cost", usd(run.cost.total_usd)) + "</div>" +
      "<p>Scenario <b data-field=\"scenario\">" + esc(run.scenario) + "</b> (<code>" +
      esc(run.file) + "</code>), seed <b data-field=\"seed\">" + esc(run.seed) +
      "</b>, started " + esc(run.start_time) + ", sfnsim <b data-field=\"version\">" +
      esc(version) + "</b>. Reproduce: <code>" + esc(extra.reproduce[current] || "") + "</code></p>";
    if (run.setup_error) s.innerHTML += '<p class="failtext">' + esc(run.setup_error) + "</p>";
    const exp = (run.expectations || []).map((x) =>
      "<tr><td class=\"" + (x.passed ? "pass" : "failtext") + "\">" + (x.passed ? "ok" : "FAIL") +
      "</td><td>" + esc(x.name) + "</td><td>" + esc(x.expected) + "</td><td>" + esc(x.actual) +
      "</td></tr>").join("");
    if (exp) {
      s.innerHTML += "<table><thead><tr><th></th><th>expectation</th><th>expected</th>" +
                     "<th>got</th></tr></thead><tbody>" + exp + "</tbody></table>";
    }
    if (extra.text && extra.text[current]) {
      s.appendChild(el("details", { class: "data" }, "<summary>The text summary</summary><pre>" +
                       esc(extra.text[current]) + "</pre>"));
    }
  }
  function card(label, value, cls) {
    return '<div class="card"><div class="label">' + esc(label) + '</div><div class="value ' +
           (cls || "") + '">' + esc(value) + "</div></div>";
  }

  function exec(d, row) {
    const r = d.executions[row];
    return { name: r[0], machine: d.machines[r[1]], bucket: d.buckets[r[2]][0], start: r[3],
             stop: r[4], status: d.statuses[r[5]], events: r[6], express: r[7] === 1,
             parent: r[8], published: r[9], transitions: r[10], row: row };
  }

  function gantt(run, d) {
    const n = d.executions_total;
    const aggregate = n > 500 || d.executions.length < n;
    const s = section("gantt", "Executions over virtual time",
      aggregate ? int(n) + " executions: one bar per bucket, from its first start to its last stop."
                : "One bar per execution, a row per bucket; lines link an execution to the one " +
                  "it started (hand-overs); marks show failures the engine handled.");
    const span = Math.max(d.span_ms, 1), W = 1100, L = 150, R = 20;
    const x = (t) => L + (W - L - R) * Math.min(Math.max(t, 0), span) / span;
    let body = "", rowsHtml = [], y = 10;
    if (aggregate) {
      // Bucket rows: [label, executions, first start, last stop, not succeeded, largest
      // history, published].
      const rows = [];
      for (const b of d.buckets) {
        if (b[1] === 0) continue;
        const colour = b[4] > 0 ? STATUS_COLOUR.FAILED : STATUS_COLOUR.SUCCEEDED;
        body += '<text x="' + (L - 6) + '" y="' + (y + 10) + '" font-size="11" text-anchor="end">' +
                esc(shortLabel(b[0], 22)) + "<title>" + esc(b[0]) + "</title></text>" +
                '<rect x="' + x(b[2]) + '" y="' + y + '" width="' + Math.max(1, x(b[3]) - x(b[2])) +
                '" height="12" fill="' + colour + '" opacity="0.8"><title>' +
                esc(b[0] + ": " + int(b[1]) + " executions, " + dur(b[2]) + " to " + dur(b[3])) +
                "</title></rect>" +
                '<text x="' + Math.min(x(b[3]) + 4, W - 140) + '" y="' + (y + 10) +
                '" font-size="10" fill="#616161">' + esc(int(b[1]) + " executions" +
                (b[4] > 0 ? ", " + int(b[4]) + " not succeeded" : "")) + "</text>";
        y += 16;
        rows.push({ key: b[0], cells: [
          { text: b[0] }, { text: int(b[1]), value: b[1], field: "executions", num: 1 },
          { text: dur(b[2]), value: b[2], field: "start", num: 1 },
          { text: dur(b[3]), value: b[3], field: "stop", num: 1 },
          { text: int(b[4]), value: b[4], field: "not_succeeded", num: 1 },
          { text: int(b[6]), value: b[6], field: "published", num: 1 }] });
      }
      s.innerHTML += svg(W, y + 24, body + timeAxis(L, W - R, y + 2, span), "Gantt chart by bucket");
      s.appendChild(dataTable([{ text: "bucket" }, { text: "executions", num: 1 },
        { text: "first start", num: 1 }, { text: "last stop", num: 1 },
        { text: "not succeeded", num: 1 }, { text: "published", num: 1 }], rows));
      return;
    }
    // Lanes: executions of a bucket that overlap in time go on separate lanes.
    const byBucket = new Map();
    const execs = d.executions.map((_, i) => exec(d, i));
    for (const e of execs) {
      if (!byBucket.has(e.bucket)) byBucket.set(e.bucket, []);
      byBucket.get(e.bucket).push(e);
    }
    const pos = [];
    for (const [bucket, list] of byBucket) {
      const lanes = [];
      for (const e of list) {
        const stop = e.stop < 0 ? span : e.stop;
        let lane = lanes.findIndex((end) => end <= e.start);
        if (lane < 0) { lane = lanes.length; lanes.push(stop); } else lanes[lane] = stop;
        pos[e.row] = { y: y + lane * 14, stop: stop };
      }
      body += '<text x="' + (L - 6) + '" y="' + (y + 10) + '" font-size="11" text-anchor="end">' +
              esc(shortLabel(bucket || "(start)", 22)) + "<title>" + esc(bucket || "(start)") +
              "</title></text>";
      body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + (y - 2) + '" y2="' + (y - 2) +
              '" stroke="#f0f0f0"/>';
      y += Math.max(1, lanes.length) * 14 + 4;
    }
    for (const e of execs) {
      const p = pos[e.row];
      const w = Math.max(1.5, x(p.stop) - x(e.start));
      body += '<rect x="' + x(e.start) + '" y="' + p.y + '" width="' + w + '" height="11" fill="' +
              (STATUS_COLOUR[e.status] || "#757575") + '" opacity="0.85"><title>' +
              esc(e.name + " (" + e.machine + "): " + e.status + ", " + dur(e.start) + " to " +
                  (e.stop < 0 ? "running" : dur(e.stop)) + ", " + int(e.events) + " events") +
              "</title></rect>";
      if (e.parent >= 0 && pos[e.parent]) {
        const pp = pos[e.parent];
        body += '<path d="M' + x(e.start) + " " + (pp.y + 11) + " L" + x(e.start) + " " + p.y +
                '" stroke="#455a64" stroke-width="0.8" fill="none" stroke-dasharray="2,2"/>';
      }
    }
    for (const f of d.failures || []) {
      if (f[0] < 0 || !pos[f[0]]) continue;
      const fx = x(f[1]), fy = pos[f[0]].y;
      body += '<path d="M' + (fx - 3) + " " + (fy - 3) + " L" + (fx + 3) + " " + (fy - 3) + " L" +
              fx + " " + (fy + 3) + ' Z" fill="' + HANDLING_COLOUR[f[4]] + '"><title>' +
              esc(dur(f[1]) + " " + f[2] + ": " + f[3] + " (" + f[4] + ")") + "</title></path>";
    }
    const legend = Object.entries(STATUS_COLOUR).map(([k, c]) =>
      '<span style="--c:' + c + '">' + k + "</span>").join("") +
      Object.entries(HANDLING_COLOUR).map(([k, c]) =>
      '<span style="--c:' + c + '">failure ' + k + "</span>").join("");
    s.innerHTML += '<div class="legend">' + legend + "</div>" +
      svg(W, y + 24, body + timeAxis(L, W - R, y + 2, span), "Gantt chart of the executions");
    s.appendChild(dataTable([{ text: "execution" }, { text: "state machine" }, { text: "bucket" },
      { text: "start", num: 1 }, { text: "stop", num: 1 }, { text: "status" },
      { text: "history events", num: 1 }, { text: "published", num: 1 }],
      execs.map((e) => ({ key: e.name, cells: [
        { text: e.name }, { text: e.machine }, { text: e.bucket || "(start)" },
        { text: dur(e.start), value: e.start, field: "start", num: 1 },
        { text: e.stop < 0 ? "running" : dur(e.stop), value: e.stop, field: "stop", num: 1 },
        { text: e.status, field: "status" },
        { text: int(e.events), value: e.events, field: "events", num: 1 },
        { text: int(e.published), value: e.published, field: "published", num: 1 }] }))));
  }

  function completion(run, d) {
    const c = d.completion, t = d.completion_table;
    const s = section("completion", "Completion over virtual time",
      "Share of each bucket's published rows done, and overall (thick). The table is the text " +
      "summary's.");
    const W = 1100, H = 320, L = 50, R = 150, T = 10, B = 30;
    const span = Math.max(d.span_ms, 1);
    const x = (tm) => L + (W - L - R) * tm / span, y = (p) => T + (H - T - B) * (1 - p);
    let body = "";
    for (const v of [0, 0.25, 0.5, 0.75, 1]) {
      body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) +
              '" stroke="#eee"/><text x="' + (L - 6) + '" y="' + (y(v) + 4) +
              '" font-size="10" text-anchor="end">' + v * 100 + "%</text>";
    }
    const total = c.series.reduce((a, b) => a + b.rows, 0);
    const overall = c.times.map((_, i) => c.series.reduce((a, b) => a + b.done[i], 0));
    const line = (done, rows, colour, width, label) => {
      let p = "M" + x(0) + " " + y(0);
      c.times.forEach((tm, i) => { p += " L" + x(tm).toFixed(1) + " " + y(done[i] / rows).toFixed(1); });
      return '<path d="' + p + '" fill="none" stroke="' + colour + '" stroke-width="' + width +
             '"><title>' + esc(label) + "</title></path>";
    };
    c.series.forEach((b, i) => {
      body += line(b.done, b.rows, PALETTE[i % PALETTE.length], 1.3, b.bucket + ": " + int(b.rows) + " rows");
    });
    if (total > 0) body += line(overall, total, "#000", 3, "overall");
    const legend = c.series.slice(0, 24).map((b, i) =>
      '<text x="' + (W - R + 8) + '" y="' + (T + 10 + i * 12) + '" font-size="10" fill="' +
      PALETTE[i % PALETTE.length] + '">' + esc(b.bucket) + "</text>").join("");
    s.innerHTML += svg(W, H, body + legend + timeAxis(L, W - R, H - B, span), "Completion curves");
    const head = [{ text: "bucket" }, { text: "rows", num: 1 }].concat(
      t.times.map((tm) => ({ text: dur(tm), num: 1 })));
    const pct = (done, rows) => rows === 0 ? 0 : Math.floor(done * 100 / rows);
    const rows = t.series.map((b) => ({ key: b.bucket, cells: [{ text: b.bucket },
      { text: int(b.rows), value: b.rows, field: "rows", num: 1 }].concat(
      b.done.map((v, i) => ({ text: pct(v, b.rows) + "%", value: v, field: "done" + i, num: 1 }))) }));
    const tOverall = t.times.map((_, i) => t.series.reduce((a, b) => a + b.done[i], 0));
    rows.push({ key: "overall", cells: [{ text: "overall" },
      { text: int(total), value: total, field: "rows", num: 1 }].concat(
      tOverall.map((v, i) => ({ text: pct(v, total) + "%", value: v, field: "done" + i, num: 1 }))) });
    s.appendChild(dataTable(head, rows, true));
  }

  function historyUse(run, d) {
    const list = d.executions.map((_, i) => exec(d, i)).filter((e) => !e.express);
    const margin = d.history_margin !== undefined && d.history_margin >= 0 ? d.history_margin : -1;
    const s = section("history-use", "History use per execution",
      "History events of each STANDARD execution against the 25,000-event limit" +
      (margin >= 0 ? "; the dashed line is the scenario's margin (min_history_margin " +
                     int(margin) + ")." : "; no margin chosen (expect.min_history_margin)."));
    const W = 1100, H = 260, L = 60, R = 20, T = 10, B = 20;
    const y = (v) => T + (H - T - B) * (1 - Math.min(v, LIMIT * 1.05) / (LIMIT * 1.05));
    const bw = (W - L - R) / Math.max(list.length, 1);
    let body = "";
    for (const v of ticks(LIMIT, 5)) {
      body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) +
              '" stroke="#eee"/><text x="' + (L - 6) + '" y="' + (y(v) + 4) +
              '" font-size="10" text-anchor="end">' + int(v) + "</text>";
    }
    list.forEach((e, i) => {
      const over = margin >= 0 && e.events > LIMIT - margin;
      body += '<rect x="' + (L + i * bw + bw * 0.1) + '" y="' + y(e.events) + '" width="' +
              Math.max(0.5, bw * 0.8) + '" height="' + (y(0) - y(e.events)) + '" fill="' +
              (over ? "#ef6c00" : "#1565c0") + '"><title>' + esc(e.name + ": " + int(e.events) +
              " events") + "</title></rect>";
    });
    body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(LIMIT) + '" y2="' + y(LIMIT) +
            '" stroke="#c62828" stroke-width="2"/><text x="' + (W - R) + '" y="' + (y(LIMIT) - 4) +
            '" font-size="10" text-anchor="end" fill="#c62828">25,000-event limit</text>';
    if (margin >= 0) {
      body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(LIMIT - margin) + '" y2="' +
              y(LIMIT - margin) + '" stroke="#ef6c00" stroke-dasharray="6,4"/>';
    }
    s.innerHTML += svg(W, H, body, "History events per execution");
    s.appendChild(dataTable([{ text: "execution" }, { text: "state machine" },
      { text: "history events", num: 1 }, { text: "margin to 25,000", num: 1 }],
      list.map((e) => ({ key: e.name, cells: [{ text: e.name }, { text: e.machine },
        { text: int(e.events), value: e.events, field: "events", num: 1 },
        { text: int(LIMIT - e.events), value: LIMIT - e.events, field: "margin", num: 1 }] }))));
  }

  function cost(run) {
    const c = run.cost;
    const s = section("cost", "Cost estimate", "Published us-east-1 prices, free tiers left out " +
                      "(docs/scenarios.md).");
    const parts = [["Step Functions", c.step_functions_usd, int(c.standard_transitions) +
                    " transitions, " + int(c.express_requests) + " express requests"],
                   ["SNS", c.sns_usd, int(c.sns_requests) + " requests"],
                   ["Athena", c.athena_usd, int(Math.round(c.athena_billed_bytes / 1e6)) + " MB billed"],
                   ["S3", c.s3_usd, int(c.s3_requests) + " requests"]];
    const W = 1100, L = 10, total = Math.max(c.total_usd, 1e-9);
    let x = L, body = "";
    parts.forEach(([name, v], i) => {
      const w = (W - 2 * L) * v / total;
      if (w <= 0) return;
      body += '<rect x="' + x + '" y="10" width="' + w + '" height="26" fill="' + PALETTE[i] +
              '"><title>' + esc(name + ": " + usd(v)) + "</title></rect>";
      if (w > 80) body += '<text x="' + (x + 6) + '" y="28" font-size="12" fill="#fff">' +
                          esc(name + " " + usd(v)) + "</text>";
      x += w;
    });
    s.innerHTML += svg(W, 46, body, "Cost breakdown");
    const rows = parts.map(([name, v, what]) => ({ key: name, cells: [{ text: name }, { text: what },
      { text: usd(v), value: v, field: "usd", num: 1 }] }));
    rows.push({ key: "total", cells: [{ text: "total" }, { text: "" },
      { text: usd(c.total_usd), value: c.total_usd, field: "usd", num: 1 }] });
    s.appendChild(dataTable([{ text: "service" }, { text: "usage" }, { text: "USD", num: 1 }], rows, true));
  }

  function load(run, d) {
    const s = section("quotas", "State transitions and throttling over virtual time",
      d.load ? "State entries per second of the STANDARD executions (averaged over " +
               d.load.bin_seconds + " s bins), the state-transition quota's refill rate, and " +
               "calls throttled by a quota (red)." : "Run with --report to record the load.");
    const world = d.world || {};
    const throttled = world.throttled || {};
    if (d.load) {
      const L0 = d.load, W = 1100, H = 220, L = 60, R = 20, T = 10, B = 30;
      const max = Math.max(1, L0.quota_per_second || 0, ...L0.entries_per_second) * 1.1;
      const bins = L0.entries_per_second.length, bw = (W - L - R) / Math.max(bins, 1);
      const y = (v) => T + (H - T - B) * (1 - v / max);
      let body = "";
      for (const v of ticks(max, 4)) {
        body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(v) + '" y2="' + y(v) +
                '" stroke="#eee"/><text x="' + (L - 6) + '" y="' + (y(v) + 4) +
                '" font-size="10" text-anchor="end">' + int(Math.round(v)) + "</text>";
      }
      let p = "";
      L0.entries_per_second.forEach((v, i) => { p += (i ? " L" : "M") + (L + i * bw + bw / 2).toFixed(1) + " " + y(v).toFixed(1); });
      body += '<path d="' + p + '" fill="none" stroke="#1565c0" stroke-width="1.5"/>';
      const tmax = Math.max(1, ...L0.throttled);
      L0.throttled.forEach((v, i) => {
        if (v > 0) body += '<rect x="' + (L + i * bw) + '" y="' + (H - B - 30 * v / tmax) + '" width="' +
                           Math.max(1, bw) + '" height="' + (30 * v / tmax) + '" fill="#c62828"><title>' +
                           int(v) + " throttled</title></rect>";
      });
      if (L0.quota_per_second) {
        body += '<line x1="' + L + '" x2="' + (W - R) + '" y1="' + y(L0.quota_per_second) + '" y2="' +
                y(L0.quota_per_second) + '" stroke="#ef6c00" stroke-dasharray="6,4"/><text x="' +
                (W - R) + '" y="' + (y(L0.quota_per_second) - 4) +
                '" font-size="10" text-anchor="end" fill="#ef6c00">quota ' +
                int(L0.quota_per_second) + "/s (burst " + int(L0.quota_burst) + ")</text>";
      }
      s.innerHTML += svg(W, H, body + timeAxis(L, W - R, H - B, bins * L0.bin_seconds * 1000),
                         "State entries per second");
    }
    const rows = Object.entries(throttled).map(([k, v]) => ({ key: k, cells: [{ text: k },
      { text: int(v), value: v, field: "throttled", num: 1 }] }));
    if (world.transitions) {
      rows.push({ key: "transitions delayed", cells: [{ text: "state transitions delayed by the quota" },
        { text: int(world.transitions.delayed), value: world.transitions.delayed, field: "throttled", num: 1 }] });
    }
    if (!rows.length) rows.push({ key: "none", cells: [{ text: "no quota throttled a call" }, { text: "0", value: 0, field: "throttled", num: 1 }] });
    s.appendChild(dataTable([{ text: "quota" }, { text: "calls throttled", num: 1 }], rows, true));
  }

  function failures(run, d) {
    if (!d.failure_counts) return;
    const s = section("failures", "Failures handled",
      int(d.failures_total) + " failures the engine handled (faults injected and services' " +
      "errors): retried, caught or unhandled. Faults: " + int(run.faults.injected) + " injected, " +
      int(run.faults.retried) + " retried, " + int(run.faults.caught) + " caught, " +
      int(run.faults.unhandled) + " unhandled.");
    s.appendChild(dataTable([{ text: "error" }, { text: "handling" }, { text: "count", num: 1 }],
      d.failure_counts.map((f) => ({ key: f[0] + " " + f[1], cells: [{ text: f[0] }, { text: f[1] },
        { text: int(f[2]), value: f[2], field: "count", num: 1 }] })), true));
    s.appendChild(dataTable([{ text: "time", num: 1 }, { text: "execution" }, { text: "state" },
      { text: "error" }, { text: "handling" }], d.failures.map((f, i) => ({ key: String(i), cells: [
        { text: dur(f[1]), value: f[1], num: 1 }, { text: f[0] >= 0 ? d.executions[f[0]][0] : "" },
        { text: f[2] }, { text: f[3] }, { text: f[4] }] }))));
  }

  function balance() {
    const b = extra.balance;
    if (!b) return;
    const s = section("balance", "Bucket balance: the buckets as written against a balanced split",
      "Both simulated with the same model: " + esc(b.scenario || "") + " as written (" +
      b.written.buckets.length + " buckets, makespan " + dur(b.written.makespan_ms) +
      ") and with the key hashed into as many buckets (makespan " + dur(b.balanced.makespan_ms) +
      ", saving " + Math.round(b.saving * 100) + "%).");
    const W = 1100, L = 120, R = 20;
    const w = b.written.buckets.slice().sort((p, q) => q.duration_ms - p.duration_ms);
    const a = b.balanced.buckets.slice().sort((p, q) => q.duration_ms - p.duration_ms);
    const n = Math.max(w.length, a.length), max = Math.max(1, b.written.makespan_ms, b.balanced.makespan_ms);
    const x = (v) => (W - L - R) * v / max;
    let body = "", y = 10;
    for (let i = 0; i < n; i++) {
      body += '<text x="' + (L - 6) + '" y="' + (y + 9) + '" font-size="10" text-anchor="end">' +
              esc((w[i] ? w[i].bucket : "") + " / " + (a[i] ? a[i].bucket : "")) + "</text>";
      if (w[i]) body += '<rect x="' + L + '" y="' + y + '" width="' + Math.max(1, x(w[i].duration_ms)) +
                        '" height="6" fill="#c62828"><title>' + esc(w[i].bucket + " as written: " +
                        dur(w[i].duration_ms) + ", " + int(w[i].rows) + " rows") + "</title></rect>";
      if (a[i]) body += '<rect x="' + L + '" y="' + (y + 6) + '" width="' + Math.max(1, x(a[i].duration_ms)) +
                        '" height="6" fill="#2e7d32"><title>' + esc(a[i].bucket + " balanced: " +
                        dur(a[i].duration_ms) + ", " + int(a[i].rows) + " rows") + "</title></rect>";
      y += 16;
    }
    s.innerHTML += '<div class="legend"><span style="--c:#c62828">as written</span>' +
                   '<span style="--c:#2e7d32">balanced (' + esc(b.key || "") + " % N = k)</span></div>" +
                   svg(W, y + 24, body + timeAxis(L, W - R, y + 2, max), "Bucket durations");
    const rows = [];
    b.written.buckets.forEach((k) => rows.push({ key: "written " + k.bucket, cells: [
      { text: "as written" }, { text: k.bucket }, { text: int(k.rows), value: k.rows, field: "rows", num: 1 },
      { text: dur(k.duration_ms), value: k.duration_ms, field: "duration_ms", num: 1 },
      { text: int(k.max_history), value: k.max_history, field: "max_history", num: 1 }] }));
    b.balanced.buckets.forEach((k, i) => rows.push({ key: "balanced " + k.bucket, cells: [
      { text: "balanced" }, { text: k.bucket + (b.balanced_predicates ? " (" + b.balanced_predicates[i] + ")" : "") },
      { text: int(k.rows), value: k.rows, field: "rows", num: 1 },
      { text: dur(k.duration_ms), value: k.duration_ms, field: "duration_ms", num: 1 },
      { text: int(k.max_history), value: k.max_history, field: "max_history", num: 1 }] }));
    s.appendChild(dataTable([{ text: "split" }, { text: "bucket" }, { text: "rows", num: 1 },
      { text: "duration", num: 1 }, { text: "largest history", num: 1 }], rows, true));
  }

  // ---- one execution: state graph heat map and history -----------------------------------
  function executions(run, d) {
    if (!d.graphs) return;
    const s = section("executions", "Executions: states and histories",
      "The state graph of the chosen execution, coloured by the history events each state wrote " +
      "(a heat map), with its visits; and its history as a table (kept for the starting " +
      "execution, failed ones and the largest; --history-dir writes every history in full).");
    const controls = el("div", { class: "controls" });
    const select = el("select", { "aria-label": "execution" });
    const kept = new Set((d.histories || []).map((h) => h.execution));
    d.executions.forEach((r, i) => {
      if (d.tallies[String(i)] === undefined && !kept.has(i)) return;
      const o = el("option", { value: String(i) });
      o.textContent = r[0] + " (" + d.machines[r[1]] + ", " + d.statuses[r[5]] + ")" +
                      (kept.has(i) ? " - history" : "");
      select.appendChild(o);
    });
    controls.appendChild(el("label", {}, "Execution "));
    controls.appendChild(select);
    s.appendChild(controls);
    const graphBox = el("div"), tallyBox = el("div"), historyBox = el("div");
    s.appendChild(graphBox); s.appendChild(tallyBox); s.appendChild(historyBox);
    const show = () => {
      const row = Number(select.value);
      const e = exec(d, row);
      const tallies = d.tallies[String(row)] || d.machine_tallies[e.machine] || {};
      graphBox.innerHTML = stateGraph(d.graphs[e.machine], tallies, e.machine);
      tallyBox.innerHTML = "";
      tallyBox.appendChild(dataTable([{ text: "state" }, { text: "entered", num: 1 },
        { text: "history events", num: 1 }], Object.entries(tallies).map(([k, v]) => ({ key: k,
          cells: [{ text: k }, { text: int(v[0]), value: v[0], field: "entered", num: 1 },
                  { text: int(v[1]), value: v[1], field: "events", num: 1 }] }))));
      historyTable(historyBox, (d.histories || []).find((h) => h.execution === row), d);
    };
    select.addEventListener("change", show);
    if (select.options.length) show();
  }

  function stateGraph(g, tallies, machine) {
    if (!g) return "<p>No graph for " + esc(machine) + ".</p>";
    const layer = new Array(g.nodes.length).fill(-1), out = g.nodes.map(() => []);
    for (const e of g.edges) out[e.from].push(e.to);
    const queue = [g.start !== undefined ? g.start : 0];
    layer[queue[0]] = 0;
    while (queue.length) {
      const v = queue.shift();
      for (const t of out[v]) if (layer[t] < 0) { layer[t] = layer[v] + 1; queue.push(t); }
    }
    let maxLayer = Math.max(0, ...layer);
    layer.forEach((l, i) => { if (l < 0) layer[i] = ++maxLayer; });
    const rows = [];
    g.nodes.forEach((n, i) => { (rows[layer[i]] = rows[layer[i]] || []).push(i); });
    const NW = 170, NH = 38, GX = 24, GY = 34;
    const width = Math.max(...rows.map((r) => (r ? r.length : 0))) * (NW + GX) + GX;
    const xy = [];
    rows.forEach((r, l) => { if (!r) return; const off = (width - r.length * (NW + GX) + GX) / 2;
      r.forEach((v, k) => { xy[v] = [off + k * (NW + GX), 10 + l * (NH + GY)]; }); });
    const height = 10 + rows.length * (NH + GY);
    const maxEvents = Math.max(1, ...Object.values(tallies).map((v) => v[1]));
    let body = '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" ' +
               'markerHeight="6" orient="auto-start-reverse"><path d="M0 0 L10 5 L0 10 z" ' +
               'fill="#757575"/></marker></defs>';
    for (const e of g.edges) {
      const [x1, y1] = xy[e.from], [x2, y2] = xy[e.to];
      const down = y2 > y1;
      const sx = x1 + NW / 2, sy = down ? y1 + NH : y1 + NH / 2, tx = x2 + NW / 2, ty = down ? y2 : y2 + NH / 2;
      const path = down ? "M" + sx + " " + sy + " C" + sx + " " + (sy + 20) + " " + tx + " " + (ty - 20) + " " + tx + " " + ty
                        : "M" + (x1 + NW) + " " + sy + " C" + (x1 + NW + 60) + " " + sy + " " + (x2 + NW + 60) + " " + ty + " " + (x2 + NW) + " " + ty;
      const colour = e.kind === "catch" ? "#c62828" : "#757575";
      body += '<path d="' + path + '" fill="none" stroke="' + colour + '" stroke-width="1"' +
              (e.kind === "nested" || e.kind === "default" ? ' stroke-dasharray="3,3"' : "") +
              ' marker-end="url(#arrow)"><title>' + esc(e.kind + (e.label ? " " + e.label : "")) + "</title></path>";
    }
    g.nodes.forEach((n, i) => {
      const t = tallies[n.name] || [0, 0];
      const heat = t[1] / maxEvents;
      const fill = "rgb(255," + Math.round(255 - 180 * heat) + "," + Math.round(255 - 230 * heat) + ")";
      const [x, y] = xy[i];
      body += '<g><rect x="' + x + '" y="' + y + '" width="' + NW + '" height="' + NH + '" rx="' +
              (n.type === "Choice" ? 14 : 4) + '" fill="' + fill + '" stroke="' +
              (n.end ? "#263238" : "#90a4ae") + '" stroke-width="' + (n.end ? 2 : 1) + '"/>' +
              '<text x="' + (x + 6) + '" y="' + (y + 15) + '" font-size="11" font-weight="600">' +
              esc(n.name.length > 24 ? n.name.slice(0, 23) + "…" : n.name) + "</text>" +
              '<text x="' + (x + 6) + '" y="' + (y + 30) + '" font-size="10" fill="#455a64">' +
              esc(n.type + ": " + int(t[0]) + " visits, " + int(t[1]) + " events") + "</text>" +
              "<title>" + esc(n.name + " (" + n.type + "): entered " + int(t[0]) + " times, " +
              int(t[1]) + " history events") + "</title></g>";
    });
    return svg(width, height, body, "State graph of " + machine, "graph");
  }

  function historyTable(box, h, d) {
    box.innerHTML = "";
    if (!h) {
      box.appendChild(el("p", { class: "note" }, "This execution's history is not kept in the " +
                         "report; run with --history-dir DIR to write it."));
      return;
    }
    const controls = el("div", { class: "controls" });
    const type = el("select", { "aria-label": "event type" });
    const state = el("select", { "aria-label": "state" });
    const text = el("input", { type: "search", placeholder: "error contains…", "aria-label": "error" });
    const pager = el("span");
    const prev = el("button", {}, "previous"), next = el("button", {}, "next");
    type.innerHTML = '<option value="">every event type</option>' + d.event_types.map((t, i) =>
      '<option value="' + i + '">' + esc(t) + "</option>").join("");
    state.innerHTML = '<option value="">every state</option>' + h.states.map((t, i) =>
      i === 0 ? "" : '<option value="' + i + '">' + esc(t) + "</option>").join("");
    for (const c of [type, state, text, prev, next, pager]) controls.appendChild(c);
    box.appendChild(controls);
    const tableBox = el("div", { class: "scroll" });
    box.appendChild(tableBox);
    const PAGE = 200;
    let page = 0;
    const draw = () => {
      const rows = h.events.filter((e) => (type.value === "" || e[2] === Number(type.value)) &&
        (state.value === "" || e[3] === Number(state.value)) &&
        (text.value === "" || (e[4] || "").toLowerCase().includes(text.value.toLowerCase())));
      const pages = Math.max(1, Math.ceil(rows.length / PAGE));
      page = Math.min(page, pages - 1);
      pager.textContent = int(rows.length) + " of " + int(h.events.length) + " events, page " +
                          (page + 1) + " of " + pages;
      tableBox.innerHTML = '<table class="history"><thead><tr><th class="num">id</th>' +
        '<th class="num">time</th><th>type</th><th>state</th><th>error</th></tr></thead><tbody>' +
        rows.slice(page * PAGE, page * PAGE + PAGE).map((e) => "<tr><td class=\"num\">" + e[0] +
          '</td><td class="num">' + esc(dur(e[1])) + "</td><td>" + esc(d.event_types[e[2]]) +
          "</td><td>" + esc(h.states[e[3]]) + "</td><td>" + esc(e[4] || "") + "</td></tr>").join("") +
        "</tbody></table>";
    };
    for (const c of [type, state]) c.addEventListener("change", () => { page = 0; draw(); });
    text.addEventListener("input", () => { page = 0; draw(); });
    prev.addEventListener("click", () => { page = Math.max(0, page - 1); draw(); });
    next.addEventListener("click", () => { page += 1; draw(); });
    draw();
  }

  // ---- sweeps: every run in a table, one run's details below -----------------------------
  function runLabel(i) {
    return (extra.labels && extra.labels[i]) || summary.runs[i].scenario;
  }
  function sweep() {
    if (summary.runs.length < 2) return;
    const s = section("sweep", "Runs", summary.runs.length + " runs (a seed sweep or several " +
                      "scenarios). Choose one to see its details below.");
    const W = 1100, H = 160, L = 60, R = 20, T = 10, B = 20;
    const max = Math.max(1, ...summary.runs.map((r) => r.duration_ms));
    const bw = (W - L - R) / summary.runs.length;
    let body = "";
    summary.runs.forEach((r, i) => {
      const h = (H - T - B) * r.duration_ms / max;
      body += '<rect x="' + (L + i * bw + 1) + '" y="' + (H - B - h) + '" width="' + Math.max(1, bw - 2) +
              '" height="' + h + '" fill="' + (r.passed ? "#2e7d32" : "#c62828") + '"><title>' +
              esc(runLabel(i) + " seed " + r.seed + ": " + dur(r.duration_ms)) + "</title></rect>" +
              (bw < 60 ? "" : '<text x="' + (L + i * bw + bw / 2) + '" y="' + (H - B - h - 4) +
              '" font-size="10" text-anchor="middle">' + esc(dur(r.duration_ms)) + "</text>");
    });
    s.innerHTML += svg(W, H + 4, body, "Duration per run");
    s.appendChild(dataTable([{ text: "run" }, { text: "seed" }, { text: "result" },
      { text: "duration", num: 1 }, { text: "largest history", num: 1 }, { text: "cost", num: 1 },
      { text: "faults unhandled", num: 1 }], summary.runs.map((r, i) => ({ key: String(i), cells: [
        { text: runLabel(i) }, { text: String(r.seed) }, { text: r.passed ? "PASS" : "FAIL" },
        { text: dur(r.duration_ms), value: r.duration_ms, field: "duration_ms", num: 1 },
        { text: int(r.history.largest || 0), value: r.history.largest || 0, field: "largest", num: 1 },
        { text: usd(r.cost.total_usd), value: r.cost.total_usd, field: "usd", num: 1 },
        { text: int(r.faults.unhandled), value: r.faults.unhandled, field: "unhandled", num: 1 }] })), true));
    const select = el("select", { "aria-label": "run" });
    summary.runs.forEach((r, i) => {
      const o = el("option", { value: String(i) });
      o.textContent = runLabel(i) + ", seed " + r.seed + (extra.runs[i].traced ? "" : " (summary only)");
      select.appendChild(o);
    });
    select.addEventListener("change", () => { current = Number(select.value); details(); });
    const c = el("div", { class: "controls" });
    c.appendChild(el("label", {}, "Details of "));
    c.appendChild(select);
    s.appendChild(c);
  }

  function details() {
    for (const id of ["run-info", "gantt", "completion", "history-use", "cost", "quotas",
                      "failures", "balance", "executions"]) {
      const old = document.getElementById(id);
      if (old) old.remove();
    }
    const run = summary.runs[current], d = extra.runs[current];
    if (!run || !d) return;
    runInfo(run, d);
    if (run.setup_error) return;
    balance();
    gantt(run, d);
    completion(run, d);
    historyUse(run, d);
    cost(run);
    load(run, d);
    failures(run, d);
    executions(run, d);
  }

  header();
  sweep();
  details();
})();
