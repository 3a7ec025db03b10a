// Borderpost console: the interactive network view. The server computes the layout and the
// ranking and embeds them as JSON (#network-data); this draws them as SVG with pan (drag),
// zoom (wheel or the buttons), a click on a node for its reasons and records, and highlights
// of a community or of the key players. Without JavaScript the page shows the ranking table.
"use strict";

(() => {
  const SVG = "http://www.w3.org/2000/svg";
  const WIDTH = 1000;
  const HEIGHT = 700;
  const PAD = 40;
  // Okabe–Ito colour-blind-friendly palette, as in the server's pictures.
  const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
    "#000000", "#999999", "#666666"];

  function element(name, attributes) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
    return node;
  }

  function fill(list, items) {
    list.replaceChildren(...items.map((text) => {
      const item = document.createElement("li");
      item.textContent = text;
      return item;
    }));
  }

  function start() {
    const data = JSON.parse(document.getElementById("network-data").textContent);
    const svg = document.getElementById("network-view");
    if (!svg || !data.nodes.length) return;
    const tools = document.getElementById("network-tools");
    const details = document.getElementById("node-details");
    svg.hidden = false;
    tools.hidden = false;

    const top = Math.max(...data.nodes.map((n) => n.score), 1e-9);
    const place = new Map();
    data.nodes.forEach((n) => place.set(n.id, {
      x: PAD + n.x * (WIDTH - 2 * PAD),
      y: PAD + n.y * (HEIGHT - 2 * PAD),
      node: n,
    }));
    const neighbours = new Map(data.nodes.map((n) => [n.id, new Set()]));
    const links = element("g", { class: "links", stroke: "#999", "stroke-opacity": 0.5 });
    const lines = [];
    data.links.forEach((link) => {
      const a = place.get(link.source);
      const b = place.get(link.target);
      if (!a || !b) return;
      neighbours.get(link.source).add(link.target);
      neighbours.get(link.target).add(link.source);
      const line = element("line", { x1: a.x, y1: a.y, x2: b.x, y2: b.y, "stroke-width": 1 });
      line.dataset.source = link.source;
      line.dataset.target = link.target;
      lines.push(line);
      links.append(line);
    });
    const nodes = element("g", { class: "nodes" });
    const circles = [];
    const labels = element("g", { class: "labels", "font-size": 11 });
    data.nodes.forEach((n) => {
      const at = place.get(n.id);
      const circle = element("circle", {
        cx: at.x,
        cy: at.y,
        r: 4 + 14 * Math.sqrt(n.score / top),
        fill: PALETTE[n.community % PALETTE.length],
        stroke: n.key ? "#000" : "#fff",
        "stroke-width": n.key ? 2 : 1,
        tabindex: 0,
        role: "button",
        "aria-label": `${n.rank}. ${n.id}`,
      });
      circle.dataset.id = n.id;
      circle.dataset.community = String(n.community);
      circle.dataset.key = n.key ? "1" : "0";
      const title = element("title", {});
      title.textContent = `${n.rank}. ${n.id}`;
      circle.append(title);
      circles.push(circle);
      nodes.append(circle);
      if (n.key) {
        const label = element("text", { x: at.x + 8, y: at.y - 8 });
        label.textContent = `${n.rank}. ${n.id}`;
        labels.append(label);
      }
    });
    const world = element("g", { id: "network-world" });
    world.append(links, nodes, labels);
    svg.append(world);

    let view = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
    function apply() {
      svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
    }
    function zoom(factor, cx, cy) {
      const w = Math.min(Math.max(view.w * factor, WIDTH / 20), WIDTH * 4);
      const h = (w * HEIGHT) / WIDTH;
      view = { x: cx - ((cx - view.x) * w) / view.w, y: cy - ((cy - view.y) * h) / view.h, w, h };
      apply();
    }
    function point(event) {
      const box = svg.getBoundingClientRect();
      return {
        x: view.x + ((event.clientX - box.left) / box.width) * view.w,
        y: view.y + ((event.clientY - box.top) / box.height) * view.h,
      };
    }
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const at = point(event);
      zoom(event.deltaY > 0 ? 1.2 : 1 / 1.2, at.x, at.y);
    }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (event) => {
      if (event.target.tagName === "circle") return;
      drag = { x: event.clientX, y: event.clientY, view: { ...view } };
      svg.setPointerCapture(event.pointerId);
    });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const box = svg.getBoundingClientRect();
      view = {
        ...drag.view,
        x: drag.view.x - ((event.clientX - drag.x) / box.width) * drag.view.w,
        y: drag.view.y - ((event.clientY - drag.y) / box.height) * drag.view.h,
      };
      apply();
    });
    svg.addEventListener("pointerup", () => { drag = null; });
    tools.querySelectorAll("[data-zoom]").forEach((button) => {
      button.addEventListener("click", () => {
        const how = button.dataset.zoom;
        if (how === "reset") {
          view = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
          apply();
        } else {
          zoom(how === "in" ? 1 / 1.5 : 1.5, view.x + view.w / 2, view.y + view.h / 2);
        }
      });
    });

    // Highlights: a community, the key players, or a node and its neighbours.
    const community = document.getElementById("community-select");
    const keyOnly = document.getElementById("key-only");
    let selected = null;
    function highlight() {
      const near = selected ? neighbours.get(selected) : null;
      circles.forEach((circle) => {
        const id = circle.dataset.id;
        let lit = true;
        if (community.value !== "") lit = lit && circle.dataset.community === community.value;
        if (keyOnly.checked) lit = lit && circle.dataset.key === "1";
        if (near) lit = lit && (id === selected || near.has(id));
        circle.setAttribute("opacity", lit ? 1 : 0.15);
        circle.classList.toggle("selected", id === selected);
      });
      lines.forEach((line) => {
        const lit = !near || line.dataset.source === selected || line.dataset.target === selected;
        line.setAttribute("stroke-opacity", lit ? 0.6 : 0.05);
      });
    }
    community.addEventListener("change", highlight);
    keyOnly.addEventListener("change", highlight);

    function show(id) {
      selected = selected === id ? null : id;
      highlight();
      if (!selected) {
        details.hidden = true;
        return;
      }
      const n = place.get(id).node;
      details.hidden = false;
      document.getElementById("node-name").textContent = n.id;
      document.getElementById("node-facts").textContent =
        `#${n.rank} · ${n.score.toFixed(3)} · ${community.dataset.word} ${n.community}`;
      fill(document.getElementById("node-reasons"), n.reasons);
      fill(document.getElementById("node-records"), n.records.length ? n.records : ["—"]);
    }
    circles.forEach((circle) => {
      circle.addEventListener("click", () => show(circle.dataset.id));
      circle.addEventListener("keydown", (event) => {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          show(circle.dataset.id);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
