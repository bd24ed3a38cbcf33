/* claimtracker dashboard: every panel is drawn from the public REST API (/api/…).
 *
 * Safety: API data (article text may contain "<script>") is only ever inserted as text
 * (textContent, text nodes, Option labels, attribute values). Nothing here parses HTML
 * from strings, so the page needs no inline script or style and runs under a strict CSP.
 *
 * Filters (article, actor, event, published_after, published_before, assignee: "me" is the
 * logged-in editor's own claims) are the API's own claim filters: the same query parameters go to every API call, and they live in the page address
 * so a filtered view can be shared or bookmarked.
 */
"use strict";

(() => {
  const body = document.body;
  const API = body.dataset.api; // "/api/"
  const ADMIN_CLAIM = body.dataset.adminClaim; // "/admin/claims/claim/0/change/"

  const VERDICTS = ["unverified", "corroborated", "contradicted", "mixed", "unverifiable"];
  const REVIEWED = VERDICTS.slice(1);
  const VERDICT_LABELS = {
    unverified: "Unverified",
    corroborated: "Corroborated",
    contradicted: "Contradicted",
    mixed: "Mixed",
    unverifiable: "Unverifiable",
  };
  const FILTERS = ["article", "actor", "event", "published_after", "published_before", "assignee"];
  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const TOP_SPEAKERS = 10;
  const CLAIMS_PER_EVENT = 3;
  const MAX_EVENTS = 25;
  const LIST_SIZE = 10;

  let generation = 0; // answers to an older filter state are dropped, never drawn

  // --- DOM helpers (text only) ---------------------------------------------------------------

  /** el("p", {className: "x", dataset: {id: 3}}, "text", child) */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    setProps(node, props);
    appendAll(node, children);
    return node;
  }

  const SVG_NS = "http://www.w3.org/2000/svg"; // a namespace name, never fetched

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, String(value));
    appendAll(node, children);
    return node;
  }

  function setProps(node, props) {
    for (const [name, value] of Object.entries(props || {})) {
      if (value === undefined || value === null) continue;
      if (name === "dataset") Object.assign(node.dataset, value);
      else if (name === "className" || name === "textContent" || name === "title") node[name] = value;
      else if (name === "href") node.setAttribute("href", safeHref(value));
      else if (name === "on") for (const [type, fn] of Object.entries(value)) node.addEventListener(type, fn);
      else node.setAttribute(name, String(value));
    }
  }

  /** Replace a node's children (null/false children are skipped, as in ``el``). */
  function fill(node, ...children) {
    node.replaceChildren();
    appendAll(node, children);
  }

  function appendAll(node, children) {
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }

  /** Only same-origin paths are linked: API data never decides where a link goes. */
  function safeHref(value) {
    const url = new URL(String(value), window.location.href);
    return url.origin === window.location.origin ? url.pathname + url.search : "#";
  }

  function truncate(text, length) {
    const clean = String(text || "").replace(/\s+/g, " ").trim();
    return clean.length <= length ? clean : clean.slice(0, length - 1).trimEnd() + "…";
  }

  function formatNumber(n) {
    return Number(n).toLocaleString("en-US");
  }

  function percent(part, whole) {
    return whole ? Math.round((100 * part) / whole) : 0;
  }

  /** "2025-02-18" at day/month/year precision → "18 Feb 2025" / "Feb 2025" / "2025". */
  function formatDate(iso, precision) {
    if (!iso) return "undated";
    const [year, month, day] = iso.split("-").map(Number);
    if (precision === "year") return String(year);
    if (precision === "month") return `${MONTHS[month - 1]} ${year}`;
    return `${day} ${MONTHS[month - 1]} ${year}`;
  }

  /** An ISO date-time as "3 Nov 2025, 09:10 UTC" (UTC, so every reader sees the same). */
  function formatDateTime(iso) {
    if (!iso) return "";
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const hh = String(d.getUTCHours()).padStart(2, "0");
    const mm = String(d.getUTCMinutes()).padStart(2, "0");
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
  }

  function verdictPill(verdict) {
    return el("span", {
      className: `pill verdict-${VERDICTS.includes(verdict) ? verdict : "unverified"}`,
      textContent: VERDICT_LABELS[verdict] || verdict,
    });
  }

  /** A verdict as a coloured dot, for compact lists (the label is its title and a11y name). */
  function verdictDot(verdict) {
    const label = VERDICT_LABELS[verdict] || verdict;
    return el("span", {
      className: `dot verdict-${VERDICTS.includes(verdict) ? verdict : "unverified"}`,
      role: "img",
      "aria-label": label,
      title: label,
    });
  }

  function claimLink(claim, length) {
    return el("a", {
      className: "claim-text",
      href: ADMIN_CLAIM.replace("/0/", `/${Number(claim.id)}/`),
      title: claim.text,
      textContent: truncate(claim.text, length),
    });
  }

  function empty(message) {
    return el("p", { className: "empty", textContent: message });
  }

  /** A horizontal bar split by verdict; ``scale`` (0..1) is its share of the full width. */
  function verdictBar(counts, total, scale = 1) {
    const bar = el("div", { className: "vbar", role: "img" });
    bar.style.width = `${Math.max(0, Math.min(1, scale)) * 100}%`;
    const parts = [];
    for (const verdict of VERDICTS) {
      const n = counts[verdict] || 0;
      if (!n) continue;
      const segment = el("span", { className: `vbar-seg verdict-${verdict}` });
      segment.style.flexGrow = String(n);
      bar.append(segment);
      parts.push(`${VERDICT_LABELS[verdict]}: ${n}`);
    }
    bar.setAttribute("aria-label", parts.join(", ") || "no claims");
    bar.title = `${total} claims — ${parts.join(", ")}`;
    return bar;
  }

  // --- API -----------------------------------------------------------------------------------

  function apiUrl(path, params) {
    const query = params ? params.toString() : "";
    return API + path + (query ? `?${query}` : "");
  }

  async function getJSON(path, params) {
    const response = await fetch(apiUrl(path, params), {
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      data = null;
    }
    if (!response.ok) {
      // A 400 names the bad parameter: {"published_after": ["Enter a valid date."]}
      const detail =
        data && typeof data === "object"
          ? Object.entries(data)
              .map(([key, value]) => `${key}: ${[].concat(value).join(" ")}`)
              .join("; ")
          : response.statusText;
      throw new Error(`${response.status} from ${path}: ${detail}`);
    }
    return data;
  }

  /** The filter values as API query parameters (only the ones set). */
  function currentFilters() {
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = document.getElementById(`filter-${name}`).value.trim();
      if (value) params.set(name, value);
    }
    return params;
  }

  function withParams(filters, extra) {
    const params = new URLSearchParams(filters);
    for (const [name, value] of Object.entries(extra)) params.set(name, String(value));
    return params;
  }

  // --- Filters -------------------------------------------------------------------------------

  function readAddress() {
    const params = new URLSearchParams(window.location.search);
    for (const name of FILTERS) {
      const control = document.getElementById(`filter-${name}`);
      const value = params.get(name) || "";
      if (control.tagName === "SELECT" && value && !hasOption(control, value)) {
        // A shared link may name something the option list does not show: keep it selectable.
        control.append(new Option(`#${value}`, value));
      }
      control.value = value;
    }
  }

  function hasOption(select, value) {
    return Array.from(select.options).some((option) => option.value === value);
  }

  function writeAddress(filters) {
    const query = filters.toString();
    const url = window.location.pathname + (query ? `?${query}` : "");
    if (url !== window.location.pathname + window.location.search) {
      window.history.pushState(null, "", url);
    }
  }

  async function loadFilterOptions() {
    const [articles, actors, events] = await Promise.all([
      getJSON("articles/", new URLSearchParams({ page_size: 500 })),
      getJSON("actors/", new URLSearchParams({ page_size: 500 })),
      getJSON("events/", new URLSearchParams({ page_size: 500, status: "confirmed" })),
    ]);
    const articleSelect = document.getElementById("filter-article");
    for (const article of articles.results) {
      const date = article.published_on ? ` (${formatDate(article.published_on, "day")})` : "";
      articleSelect.append(new Option(truncate(article.title, 70) + date, String(article.id)));
    }
    const actorSelect = document.getElementById("filter-actor");
    for (const actor of actors.results) {
      const counts = actor.claim_counts || {};
      const n = ["as_speaker", "as_mentioned"]
        .map((key) => Object.values(counts[key] || {}).reduce((a, b) => a + b, 0))
        .reduce((a, b) => a + b, 0);
      if (n > 0) actorSelect.append(new Option(actor.name, String(actor.id)));
    }
    const eventSelect = document.getElementById("filter-event");
    for (const event of events.results) {
      const label = `${formatDate(event.date, event.date_precision)} — ${truncate(event.title, 60)}`;
      eventSelect.append(new Option(label, String(event.id)));
    }
  }

  function setStatus(message, isError) {
    const status = document.getElementById("status");
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  // --- Panels --------------------------------------------------------------------------------

  function panelBody(id) {
    return document.querySelector(`#${id} .card-body`);
  }

  async function drawVerdicts(filters, gen) {
    const data = await getJSON("stats/", withParams(filters, { group_by: "verdict" }));
    if (gen !== generation) return;
    const counts = Object.fromEntries(data.results.map((row) => [row.key, row.total]));
    const total = data.total;
    const reviewed = REVIEWED.reduce((sum, v) => sum + (counts[v] || 0), 0);

    // A donut drawn with one stroked circle per verdict (dash = its share of the ring).
    const radius = 52;
    const ring = 2 * Math.PI * radius;
    const donut = svg("svg", {
      viewBox: "0 0 140 140",
      class: "donut",
      role: "img",
      "aria-label": `${total} claims by verdict`,
    });
    donut.append(svg("circle", { cx: 70, cy: 70, r: radius, class: "donut-track" }));
    let offset = 0;
    for (const verdict of VERDICTS) {
      const n = counts[verdict] || 0;
      if (!n || !total) continue;
      const length = (ring * n) / total;
      donut.append(
        svg(
          "circle",
          {
            cx: 70,
            cy: 70,
            r: radius,
            class: `donut-seg stroke-${verdict}`,
            "stroke-dasharray": `${length} ${ring - length}`,
            "stroke-dashoffset": String(-offset),
            transform: "rotate(-90 70 70)",
          },
          svg("title", {}, `${VERDICT_LABELS[verdict]}: ${n}`),
        ),
      );
      offset += length;
    }
    donut.append(
      svg("text", { x: 70, y: 68, class: "donut-total", id: "verdict-total" }, formatNumber(total)),
      svg("text", { x: 70, y: 88, class: "donut-caption" }, total === 1 ? "claim" : "claims"),
    );

    const legend = el("table", { className: "legend" });
    const rows = el("tbody");
    for (const verdict of VERDICTS) {
      const n = counts[verdict] || 0;
      rows.append(
        el(
          "tr",
          { dataset: { verdict } },
          el("td", {}, el("span", { className: `swatch verdict-${verdict}` })),
          el("th", { scope: "row", textContent: VERDICT_LABELS[verdict] }),
          el("td", {
            className: "num",
            dataset: { verdictCount: verdict },
            textContent: formatNumber(n),
          }),
          el("td", { className: "num muted", textContent: `${percent(n, total)}%` }),
        ),
      );
    }
    legend.append(rows);

    const summary = el(
      "p",
      { className: "summary" },
      el("strong", { id: "reviewed-count", textContent: formatNumber(reviewed) }),
      ` of ${formatNumber(total)} claims reviewed (${percent(reviewed, total)}%)`,
    );
    fill(
      panelBody("panel-verdicts"),
      total ? el("div", { className: "verdict-layout" }, donut, legend) : empty("No claims match these filters."),
      total ? summary : null,
    );
  }

  async function drawSpeakers(filters, gen) {
    // One group more than shown: "(no speaker)" is usually among the largest and is not a person.
    const data = await getJSON(
      "stats/",
      withParams(filters, { group_by: "speaker", limit: TOP_SPEAKERS + 1 }),
    );
    if (gen !== generation) return;
    const named = data.results.filter((row) => row.key !== null).slice(0, TOP_SPEAKERS);
    const unnamed = data.results.find((row) => row.key === null);
    const widest = Math.max(1, ...named.map((row) => row.total));
    const list = el("ol", { className: "speakers" });
    for (const row of named) {
      list.append(
        el(
          "li",
          { dataset: { speakerId: row.key } },
          el("button", {
            type: "button",
            className: "linklike speaker-name",
            title: `Show only claims said by or naming ${row.label}`,
            textContent: row.label,
            on: { click: () => setFilter("actor", row.key) },
          }),
          el("div", { className: "bar-cell" }, verdictBar(row.verdicts, row.total, row.total / widest)),
          el("span", { className: "num count", textContent: formatNumber(row.total) }),
        ),
      );
    }
    fill(
      panelBody("panel-speakers"),
      named.length ? list : empty("No quoted speaker in the matching claims."),
      unnamed
        ? el("p", {
            className: "footnote",
            id: "unattributed-count",
            textContent: `${formatNumber(unnamed.total)} matching claims are the articles' own statements (no speaker).`,
          })
        : null,
    );
  }

  async function drawTimeline(filters, gen) {
    const eventFilter = filters.get("event");
    const [events, stats] = await Promise.all([
      eventFilter
        ? getJSON(`events/${encodeURIComponent(eventFilter)}/`).then((event) => ({ results: [event] }))
        : getJSON("events/", new URLSearchParams({ status: "confirmed", page_size: MAX_EVENTS })),
      getJSON("stats/", withParams(filters, { group_by: "event", limit: 500 })),
    ]);
    if (gen !== generation) return;
    const byEvent = new Map(stats.results.filter((r) => r.key !== null).map((r) => [r.key, r]));
    const shown = events.results.filter((event) => byEvent.has(event.id));
    const claimLists = await Promise.all(
      shown.map((event) =>
        getJSON(
          "claims/",
          withParams(filters, {
            event: event.id,
            ordering: "-check_worthiness",
            page_size: CLAIMS_PER_EVENT,
          }),
        ),
      ),
    );
    if (gen !== generation) return;

    const timeline = el("ol", { className: "timeline" });
    shown.forEach((event, index) => {
      const counts = byEvent.get(event.id);
      const claims = claimLists[index].results;
      const participants = (event.participants || []).map((p) => p.name).join(", ");
      const more = counts.total - claims.length;
      timeline.append(
        el(
          "li",
          { className: "event", dataset: { eventId: event.id, count: counts.total } },
          el(
            "div",
            { className: "event-date" },
            el("time", { dateTime: event.date || "", textContent: formatDate(event.date, event.date_precision) }),
            event.date_precision !== "day" ? el("small", { textContent: `${event.date_precision} precision` }) : null,
          ),
          el(
            "div",
            { className: "event-main" },
            el(
              "div",
              { className: "event-head" },
              el("button", {
                type: "button",
                className: "linklike event-title",
                title: "Show only claims about this event",
                textContent: event.title,
                on: { click: () => setFilter("event", event.id) },
              }),
              el("span", {
                className: "num event-count",
                textContent: `${formatNumber(counts.total)} claim${counts.total === 1 ? "" : "s"}`,
              }),
            ),
            el("p", {
              className: "event-meta",
              textContent: [event.location, participants].filter(Boolean).join(" · "),
            }),
            verdictBar(counts.verdicts, counts.total),
            el(
              "ul",
              { className: "claims compact" },
              claims.map((claim) =>
                el("li", { dataset: { claimId: claim.id } }, verdictDot(claim.verdict), claimLink(claim, 130)),
              ),
            ),
            more > 0
              ? el("a", {
                  className: "more",
                  href: apiUrl("claims/", withParams(filters, { event: event.id })),
                  textContent: `${more} more in the API →`,
                })
              : null,
          ),
        ),
      );
    });
    const hidden = events.results.length - shown.length;
    fill(
      panelBody("panel-timeline"),
      shown.length ? timeline : empty("No event has claims matching these filters."),
      hidden > 0
        ? el("p", {
            className: "footnote",
            textContent: `${hidden} confirmed event${hidden === 1 ? "" : "s"} without matching claims not shown.`,
          })
        : null,
    );
  }

  function claimList(claims, decorate) {
    const list = el("ol", { className: "claims" });
    for (const claim of claims) list.append(el("li", { dataset: { claimId: claim.id } }, decorate(claim)));
    return list;
  }

  function claimSource(claim) {
    const parts = [];
    if (claim.speaker) parts.push(claim.speaker.name);
    parts.push(truncate(claim.article.title, 60));
    return el("p", { className: "claim-meta", textContent: parts.join(" · ") });
  }

  async function drawWorthy(filters, gen) {
    const data = await getJSON(
      "claims/",
      withParams(filters, {
        verdict: "unverified",
        ordering: "-check_worthiness",
        page_size: LIST_SIZE,
      }),
    );
    if (gen !== generation) return;
    const list = claimList(data.results, (claim) => {
      const score = claim.check_worthiness;
      const meter = el("span", { className: "score", title: "check-worthiness (0–1)" });
      const fill = el("span", { className: "score-fill" });
      fill.style.width = `${Math.round((score || 0) * 100)}%`;
      meter.append(fill);
      return [
        el(
          "div",
          { className: "worthy-score" },
          el("span", { className: "num", textContent: score === null ? "–" : score.toFixed(2) }),
          meter,
        ),
        el("div", { className: "worthy-main" }, claimLink(claim, 170), claimSource(claim)),
      ];
    });
    fill(panelBody("panel-worthy"), 
      data.results.length ? list : empty("Every matching claim has been reviewed."),
    );
  }

  async function drawReviews(filters, gen) {
    const data = await getJSON(
      "claims/",
      withParams(filters, {
        verdict: REVIEWED.join(","),
        ordering: "-reviewed_at",
        page_size: LIST_SIZE,
      }),
    );
    if (gen !== generation) return;
    const list = claimList(data.results, (claim) => [
      el(
        "div",
        { className: "review-head" },
        verdictPill(claim.verdict),
        el("time", {
          className: "muted",
          dateTime: claim.reviewed_at || "",
          textContent: formatDateTime(claim.reviewed_at),
        }),
      ),
      claimLink(claim, 130),
      claim.verdict_note
        ? el("p", { className: "note", title: claim.verdict_note, textContent: truncate(claim.verdict_note, 150) })
        : null,
    ]);
    fill(panelBody("panel-reviews"), 
      data.results.length ? list : empty("No reviewed claim matches these filters."),
    );
  }

  // --- Refresh -------------------------------------------------------------------------------

  const PANELS = [
    ["panel-verdicts", drawVerdicts],
    ["panel-speakers", drawSpeakers],
    ["panel-timeline", drawTimeline],
    ["panel-worthy", drawWorthy],
    ["panel-reviews", drawReviews],
  ];

  async function refresh() {
    const gen = ++generation;
    const filters = currentFilters();
    body.dataset.state = "loading";
    for (const [id] of PANELS) panelBody(id).setAttribute("aria-busy", "true");
    const outcomes = await Promise.allSettled(PANELS.map(([, draw]) => draw(filters, gen)));
    if (gen !== generation) return;
    const errors = [];
    outcomes.forEach((outcome, index) => {
      const panel = panelBody(PANELS[index][0]);
      panel.setAttribute("aria-busy", "false");
      if (outcome.status === "rejected") {
        errors.push(outcome.reason.message);
        fill(panel, el("p", { className: "error", textContent: outcome.reason.message }));
      }
    });
    setStatus(errors.length ? `Some panels could not load: ${errors[0]}` : "", errors.length > 0);
    body.dataset.query = filters.toString();
    body.dataset.state = errors.length ? "error" : "ready";
  }

  function setFilter(name, value) {
    const control = document.getElementById(`filter-${name}`);
    if (control.tagName === "SELECT" && !hasOption(control, String(value))) {
      control.append(new Option(`#${value}`, String(value)));
    }
    control.value = String(value);
    applyFilters();
  }

  function applyFilters() {
    writeAddress(currentFilters());
    refresh();
  }

  async function start() {
    const form = document.getElementById("filters");
    form.addEventListener("submit", (event) => event.preventDefault());
    form.addEventListener("change", applyFilters);
    document.getElementById("filters-clear").addEventListener("click", () => {
      for (const name of FILTERS) document.getElementById(`filter-${name}`).value = "";
      applyFilters();
    });
    window.addEventListener("popstate", () => {
      readAddress();
      refresh();
    });
    try {
      await loadFilterOptions();
    } catch (error) {
      setStatus(`Filter lists could not load: ${error.message}`, true);
    }
    readAddress();
    await refresh();
  }

  start();
})();
