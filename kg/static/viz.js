/* The page of `kg viz`: draws the graph embedded in #kg-data with vis-network, and adds a
 * legend that filters by type, a search box, and a side panel with each node's facts and the
 * sentences they come from.
 *
 * Article text (names, quotes, headlines) is only ever put into the page with textContent or
 * as option values, never as HTML, so a quote containing "<script>" shows as text.
 * The page state is window.kgViz, which the browser tests and the benchmark read.
 */
(function () {
  "use strict";

  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const types = {};
  data.types.forEach((t) => { types[t.key] = t; });
  const details = {};
  data.nodes.forEach((n) => { details[n.id] = n; });
  const edgeInfo = {};
  data.edges.forEach((e) => { edgeInfo[e.id] = e; });
  const hiddenTypes = new Set();
  const fmt = new Intl.NumberFormat("vi-VN");

  function el(tag, props, children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (k === "text") node.textContent = v;
        else if (k === "class") node.className = v;
        else node.setAttribute(k, v);
      }
    }
    (children || []).forEach((c) => { if (c) node.appendChild(c); });
    return node;
  }

  /* Lower case, no Vietnamese diacritics, single spaces: "Nguyễn Mạnh Hùng" = "nguyen manh hung". */
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .toLowerCase().replace(/\s+/g, " ").trim();
  }

  /* ---------------------------------------------------------------- the network */
  const darker = (hex) => {
    const n = parseInt(hex.slice(1), 16);
    const f = (c) => Math.max(0, Math.round(c * 0.72));
    return "#" + [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => f(c).toString(16)
      .padStart(2, "0")).join("");
  };

  /* An overview (data.meta.overview) colours actors by community and sizes them by their
   * links in the whole graph; its edges carry a weight (stated facts and shared articles). */
  const overview = data.meta.overview;
  const communities = {};
  if (overview) overview.communities.forEach((c) => { communities[c.key] = c; });
  const NEUTRAL = "#8a94a6";

  function nodeColor(n) {
    if (!overview) return types[n.type].color;
    return (communities[n.community] || communities.other || { color: NEUTRAL }).color;
  }

  function visNode(n) {
    const t = types[n.type];
    const claim = n.type === "claim";
    const fill = nodeColor(n);
    return {
      id: n.id, label: n.label, title: t.label + ": " + n.name, shape: t.shape, size: n.size,
      hidden: hiddenTypes.has(n.type),
      color: { background: fill, border: darker(fill),
        highlight: { background: fill, border: "#111827" },
        hover: { background: fill, border: "#111827" } },
      borderWidth: 1, borderWidthSelected: 3,
      // An overview is seen whole, zoomed out: its labels are drawn larger.
      font: { size: claim ? 10 : overview ? Math.round(Math.min(36, Math.max(22, 1.1 * n.size)))
        : Math.round(Math.min(22, Math.max(13, n.size * 0.85))),
        color: claim ? "#6b5a1e" : "#1f2430", strokeWidth: 3,
        strokeColor: "#ffffff" },
    };
  }

  function visOverviewEdge(e) {
    // Width grows with the weight; a link within one community takes its colour.
    const a = details[e.from], b = details[e.to];
    const same = a.community === b.community && a.community !== "other";
    const width = Math.min(7, 0.8 + 1.1 * Math.log2(1 + e.weight));
    return {
      id: e.id, from: e.from, to: e.to, title: e.label, width: width,
      arrows: e.directed ? { to: { enabled: true, scaleFactor: 0.5 } } : "",
      dashes: e.relation === "co_mention",
      color: { color: same ? nodeColor(a) : "#b8bec8", opacity: same ? 0.55 : 0.45,
        highlight: "#1f2430", hover: "#4b5563" },
      arrowStrikethrough: false,
    };
  }

  function visEdge(e) {
    if (overview) return visOverviewEdge(e);
    const soft = e.relation === "mentions";
    return {
      id: e.id, from: e.from, to: e.to, label: e.label, title: e.label, arrows: "to",
      dashes: soft, width: e.relation === "position" ? 2 : 1,
      color: { color: soft ? "#d5d9e0" : "#a9b0bc", highlight: "#1f2430", hover: "#4b5563" },
      font: { size: 10, color: "#4b5563", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      arrowStrikethrough: false,
    };
  }

  const nodes = new vis.DataSet(data.nodes.map(visNode));
  const edges = new vis.DataSet(data.edges.map(visEdge));
  const container = document.getElementById("kg-graph");
  const big = data.nodes.length > 300;
  // Fewer layout steps for a graph past the default cap (--max-nodes 0), so it still opens.
  const steps = data.nodes.length > 2000 ? 60 : big ? 180 : 260;
  const options = {
    autoResize: true,
    layout: { improvedLayout: false, randomSeed: 7 },
    physics: {
      solver: "forceAtlas2Based",
      // An overview's larger labels need more room between its actors.
      forceAtlas2Based: overview
        ? { gravitationalConstant: -140, centralGravity: 0.015, springLength: 120,
          springConstant: 0.05, damping: 0.5, avoidOverlap: 0.8 }
        : { gravitationalConstant: -70, centralGravity: 0.012, springLength: 95,
          springConstant: 0.07, damping: 0.5, avoidOverlap: 0.5 },
      maxVelocity: 60, minVelocity: 1.5, timestep: 0.45,
      stabilization: { enabled: true, iterations: steps, updateInterval: 20, fit: true },
    },
    interaction: { hover: true, tooltipDelay: 250, hideEdgesOnDrag: big, keyboard: false,
      multiselect: false },
    edges: { smooth: big ? false : { type: "continuous", roundness: 0.3 },
      scaling: { label: { drawThreshold: 7 } } },
    nodes: { scaling: { label: { drawThreshold: 6 } } },
  };
  const network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  const state = {
    network: network, nodes: nodes, edges: edges, data: data, ready: false, readyMs: null,
    focused: null, selected: null, search: search, setTypeVisible: setTypeVisible,
    select: select, drawn: drawn, hiddenTypes: () => Array.from(hiddenTypes),
  };
  window.kgViz = state;

  function markReady() {
    if (state.ready) return;
    network.setOptions({ physics: { enabled: false } });
    state.ready = true;
    state.readyMs = Math.round(performance.now());
    document.getElementById("kg-loading").classList.add("kg-done");
    document.body.dataset.ready = "true";
    if (data.meta.focus.length) select(data.meta.focus[0], { zoom: false });
  }
  network.on("stabilizationProgress", (p) => {
    document.getElementById("kg-loading").textContent =
      "Đang sắp xếp đồ thị… " + Math.round((100 * p.iterations) / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", markReady);
  network.once("stabilized", markReady);
  if (data.nodes.length === 0) markReady();

  /* What is drawn now: vis-network's own lists of the visible nodes and edges. */
  function drawn() {
    return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
  }

  /* ---------------------------------------------------------------- header, legend, filters */
  function writeCounts() {
    const m = data.meta;
    const shown = drawn();
    let text = fmt.format(shown.nodes) + " nút, " + fmt.format(shown.edges) + " cạnh";
    if (hiddenTypes.size) text += " đang hiện";
    if (m.focus_names.length) text += " · quanh " + m.focus_names.join(", ") +
      " (bán kính " + m.depth + ")";
    if (m.query) text += " · truy vấn " + m.query;
    document.getElementById("kg-counts").textContent = text;
    if (overview) {
      const note = document.getElementById("kg-note");
      note.hidden = false;
      const how = overview.ranked_by === "analysis"
        ? "xếp hạng và cộng đồng theo kg analyze"
        : "xếp hạng theo số liên kết, cộng đồng Louvain";
      note.textContent = "Tổng quan: " + fmt.format(m.shown_nodes) + " / " +
        fmt.format(overview.actors) + " tác nhân trung tâm nhất (" + how + "), nối bằng " +
        "quan hệ nêu trong bài (liền) và số bài cùng nhắc đến (nét đứt), mỗi nút giữ " +
        overview.edges_per_node + " liên kết mạnh nhất; bỏ các nút không có liên kết. " +
        "Overview: the " + m.shown_nodes + " most central of " + overview.actors +
        " actors. Dùng --focus TÊN để xem chi tiết.";
    } else if (m.left_out.length) {
      const note = document.getElementById("kg-note");
      note.hidden = false;
      note.textContent = "Hiển thị " + fmt.format(m.shown_nodes) + " / " +
        fmt.format(m.total_nodes) + " nút, nhiều liên kết nhất trước (" + m.shown_nodes +
        " of " + m.total_nodes + " nodes shown, most connected first). Chưa hiển thị: " +
        m.left_out.map(([k, c]) => fmt.format(c) + " " + types[k].label.toLowerCase())
          .join("; ") + ". Dùng --focus TÊN hoặc --max-nodes N để xem phần còn lại.";
    }
  }

  function icon(t) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("viewBox", "0 0 18 18");
    const shapes = {
      dot: ["circle", { cx: 9, cy: 9, r: 7 }],
      square: ["rect", { x: 2.5, y: 2.5, width: 13, height: 13 }],
      box: ["rect", { x: 1.5, y: 4, width: 15, height: 10, rx: 2 }],
      triangle: ["polygon", { points: "9,1.5 16.5,15.5 1.5,15.5" }],
      triangleDown: ["polygon", { points: "1.5,2.5 16.5,2.5 9,16.5" }],
      diamond: ["polygon", { points: "9,1 17,9 9,17 1,9" }],
      star: ["polygon", { points: "9,1 11.2,6.6 17,6.9 12.5,10.6 14,16.5 9,13.2 4,16.5 5.5,10.6 1,6.9 6.8,6.6" }],
      hexagon: ["polygon", { points: "5,1.5 13,1.5 17,9 13,16.5 5,16.5 1,9" }],
      ellipse: ["ellipse", { cx: 9, cy: 9, rx: 8, ry: 5.5 }],
    };
    const [tag, attrs] = shapes[t.shape] || shapes.dot;
    const shape = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) shape.setAttribute(k, String(v));
    shape.setAttribute("fill", t.color);
    shape.setAttribute("stroke", darker(t.color));
    svg.appendChild(shape);
    return svg;
  }

  const legend = document.getElementById("kg-legend");
  const boxes = {};
  data.types.forEach((type) => {
    // In an overview colour means community: the legend of types shows shapes only.
    const t = overview ? Object.assign({}, type, { color: NEUTRAL }) : type;
    const box = el("input", { type: "checkbox", "data-type": t.key });
    box.checked = true;
    box.disabled = t.count === 0;
    box.addEventListener("change", () => setTypeVisible(t.key, box.checked));
    boxes[t.key] = box;
    const item = el("li", { "data-type": t.key }, [el("label", null, [
      box, icon(t), el("span", { class: "kg-type", text: t.label }),
      el("span", { class: "kg-count", text: fmt.format(t.count) }),
    ])]);
    legend.appendChild(item);
  });

  /* The communities of an overview: a swatch, the two most central members, how many are
   * drawn; a click frames the community's nodes. */
  if (overview) {
    document.getElementById("kg-communities-section").hidden = false;
    const list = document.getElementById("kg-communities");
    overview.communities.forEach((c) => {
      const ids = data.nodes.filter((n) => n.community === c.key).map((n) => n.id);
      const swatch = el("span", { class: "kg-swatch" });
      swatch.style.background = c.color;
      const label = c.key === "other" ? overview.other : c.label;
      const btn = el("button", { type: "button", "data-community": c.key,
        title: c.stored || label }, [swatch, el("span", { class: "kg-type", text: label }),
        el("span", { class: "kg-count", text: fmt.format(c.size) })]);
      btn.addEventListener("click", () => {
        network.selectNodes(ids);
        network.fit({ nodes: ids, animation: { duration: 400 } });
      });
      list.appendChild(el("li", null, [btn]));
    });
  }

  /* Show or hide every node of a type (their edges follow); returns how many nodes changed. */
  function setTypeVisible(type, visible) {
    if (!types[type]) throw new Error("no node type " + type);
    if (visible) hiddenTypes.delete(type); else hiddenTypes.add(type);
    const ids = data.nodes.filter((n) => n.type === type).map((n) => n.id);
    nodes.update(ids.map((id) => ({ id: id, hidden: !visible })));
    boxes[type].checked = visible;
    boxes[type].closest("li").classList.toggle("kg-off", !visible);
    if (!visible && state.selected && details[state.selected] &&
        details[state.selected].type === type) hidePanel();
    writeCounts();
    return ids.length;
  }
  document.getElementById("kg-show-all").addEventListener("click", () => {
    data.types.forEach((t) => { if (hiddenTypes.has(t.key)) setTypeVisible(t.key, true); });
  });
  document.getElementById("kg-fit").addEventListener("click", () => {
    network.fit({ animation: { duration: 400 } });
  });

  /* ---------------------------------------------------------------- search */
  const names = document.getElementById("kg-names");
  const index = [];
  data.nodes.forEach((n) => {
    [n.name].concat(n.aliases || []).forEach((name, i) => {
      index.push({ id: n.id, key: fold(name), alias: i > 0, claim: n.type === "claim" });
    });
    if (n.type !== "claim") names.appendChild(el("option", { value: n.name }));
  });

  /* Find a node by name or alias (any case, with or without diacritics), show its type if it
   * was filtered out, select it, centre the view on it and open its panel. Returns its id, or
   * null when nothing matches. */
  function search(query) {
    const q = fold(query || "");
    const msg = document.getElementById("kg-search-msg");
    if (!q) { msg.textContent = ""; return null; }
    const score = (entry) => {
      if (entry.key === q) return entry.alias ? 1 : 0;
      if (entry.key.startsWith(q)) return 2;
      const at = entry.key.indexOf(q);
      if (at > 0 && entry.key[at - 1] === " ") return 3;
      return at >= 0 ? 4 : 99;
    };
    let best = null;
    let bestRank = null;
    for (const entry of index) {
      const s = score(entry);
      if (s === 99) continue;
      const rank = [entry.claim ? 1 : 0, s, -degree(entry.id)];
      if (!bestRank || compare(rank, bestRank) < 0) { best = entry; bestRank = rank; }
    }
    if (!best) {
      msg.textContent = "Không tìm thấy “" + query + "”.";
      return null;
    }
    msg.textContent = "";
    const type = details[best.id].type;
    if (hiddenTypes.has(type)) setTypeVisible(type, true);
    select(best.id, { zoom: true });
    state.focused = best.id;
    return best.id;
  }
  function compare(a, b) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
    return 0;
  }
  const degrees = {};
  data.edges.forEach((e) => {
    degrees[e.from] = (degrees[e.from] || 0) + 1;
    degrees[e.to] = (degrees[e.to] || 0) + 1;
  });
  function degree(id) { return degrees[id] || 0; }

  document.getElementById("kg-search-form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    search(document.getElementById("kg-search").value);
  });

  /* ---------------------------------------------------------------- side panel */
  const panel = document.getElementById("kg-panel");
  const body = document.getElementById("kg-panel-body");

  function hidePanel() {
    panel.hidden = true;
    state.selected = null;
    network.unselectAll();
  }
  document.getElementById("kg-panel-close").addEventListener("click", hidePanel);

  function factList(facts) {
    if (!facts || !facts.length) return null;
    const dl = el("dl");
    facts.forEach(([k, v]) => { dl.appendChild(el("dt", { text: k })); dl.appendChild(el("dd", { text: v })); });
    return dl;
  }

  function safeUrl(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function source(item) {
    const parts = [];
    const url = safeUrl(item.url);
    parts.push(url ? el("a", { href: url, target: "_blank", rel: "noopener noreferrer",
      text: item.article }) : el("span", { text: item.article }));
    const bits = [item.date, item.id !== item.article ? item.id : ""].filter(Boolean);
    if (bits.length) parts.push(el("span", { text: " · " + bits.join(" · ") }));
    return el("div", { class: "kg-source" }, parts);
  }

  const more = (shown, total) => (total > shown ? el("p", { class: "kg-source",
    text: "… và " + fmt.format(total - shown) + " mục khác" }) : null);

  function evidenceList(items, title, total) {
    if (!items || !items.length) return [];
    const count = total > items.length ? " (" + fmt.format(total) + ")" : "";
    const out = [el("h3", { text: title + count })];
    items.forEach((item) => {
      out.push(el("div", { class: "kg-evidence" }, [
        item.heading ? el("div", { class: "kg-evidence-head", text: item.heading }) : null,
        el("blockquote", { text: item.quote }),
        source(item),
        item.note ? el("div", { class: "kg-source", text: item.note }) : null,
      ]));
    });
    out.push(more(items.length, total || 0));
    return out;
  }

  function linkList(id) {
    const rows = [];
    data.edges.forEach((e) => {
      if (e.from !== id && e.to !== id) return;
      const other = e.from === id ? e.to : e.from;
      rows.push({ other: other, text: (e.from === id ? e.label + " → " : "← " + e.label + " ") });
    });
    if (!rows.length) return [];
    rows.sort((a, b) => a.text.localeCompare(b.text, "vi") ||
      details[a.other].name.localeCompare(details[b.other].name, "vi"));
    const ul = el("ul", { class: "kg-links" });
    rows.forEach((r) => {
      const btn = el("button", { type: "button", text: details[r.other].label });
      btn.addEventListener("click", () => select(r.other, { zoom: true }));
      ul.appendChild(el("li", null, [el("span", { class: "kg-rel", text: r.text }), btn]));
    });
    return [el("h3", { text: "Liên kết (" + rows.length + ")" }), ul];
  }

  function articleList(items, total) {
    if (!items || !items.length) return [];
    const ol = el("ul", { class: "kg-articles" });
    items.forEach((a) => ol.appendChild(el("li", null, [source(a)])));
    total = Math.max(total || 0, items.length);
    return [el("h3", { text: "Bài báo nhắc đến (" + fmt.format(total) + ")" }), ol,
      more(items.length, total)];
  }

  function fill(children) {
    body.replaceChildren(...children.filter(Boolean));
    panel.hidden = false;
    panel.scrollTop = 0;
  }

  /* In an overview, why a node is there: its community and its stated links in the whole
   * graph (what ranked it). */
  function overviewFacts(n) {
    const c = communities[n.community];
    const name = c && c.key !== "other" ? (c.stored || c.label) : overview.other;
    return [["Cộng đồng", name], ["Liên kết nêu trong bài", fmt.format(n.links)]];
  }

  /* Select a node: highlight it, open its panel; with zoom, centre the view on it. */
  function select(id, opts) {
    const n = details[id];
    if (!n) return false;
    state.selected = id;
    network.selectNodes([id]);
    if (opts && opts.zoom) {
      // Centre it in the part of the canvas the side panel leaves free.
      const offset = -Math.min(panel.offsetWidth || 400, container.offsetWidth / 2) / 2;
      document.body.dataset.moving = "true";
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), offset: { x: offset, y: 0 },
        animation: { duration: 450, easingFunction: "easeInOutQuad" } });
    }
    const t = types[n.type];
    const badge = el("span", { class: "kg-badge", text: t.label });
    badge.style.background = t.color;
    const claim = n.type === "claim";
    fill([
      badge,
      el("h2", { text: claim ? "Phát ngôn" : n.name }),
      claim ? el("div", { class: "kg-claim-text", text: n.name }) : null,
      factList(overview ? overviewFacts(n).concat(n.facts) : n.facts),
      ...evidenceList(n.evidence, claim ? "Câu nguồn" : "Bằng chứng", n.evidence_total),
      ...linkList(id),
      ...articleList(n.articles, n.articles_total),
    ]);
    return true;
  }

  function selectEdge(id) {
    const e = edgeInfo[id];
    if (!e) return;
    state.selected = null;
    fill([
      el("span", { class: "kg-badge", text: "Quan hệ" }),
      el("h2", { text: e.label }),
      el("p", { text: details[e.from].name + " → " + details[e.to].name }),
      ...evidenceList(e.evidence, "Bằng chứng"),
    ]);
    body.querySelector(".kg-badge").style.background = "#6b7280";
  }

  network.on("animationFinished", () => { document.body.dataset.moving = "false"; });

  network.on("click", (params) => {
    if (params.nodes.length) select(params.nodes[0]);
    else if (params.edges.length) selectEdge(params.edges[0]);
    else { panel.hidden = true; state.selected = null; }
  });

  writeCounts();
})();
