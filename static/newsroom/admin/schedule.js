/* The schedule form, as the editor types or picks the date: "goes live in 2 h 13 min —
   Tuesday 1 December 2026 22:25:25 (Brussels)" and what else goes live within 30
   minutes. Without this script the server says the same after each submission
   (workflow/admin_mixins.py, _schedule_context). The inputs are Brussels wall time;
   the clock is the server's (the page says what "now" was when it was drawn). */
"use strict";
(function () {
  const box = document.getElementById("schedule-preview");
  const dataNode = document.getElementById("schedule-data");
  const date = document.getElementById("id_publish_at_0");
  const time = document.getElementById("id_publish_at_1");
  if (!box || !dataNode || !date || !time) return;
  const data = JSON.parse(dataNode.textContent);
  const skew = data.now - Date.now();
  const lang = document.documentElement.lang || "en";
  const [day, days, h, min, s] = box.dataset.units.split("|");
  const line = box.querySelector(".schedule-line");
  const clashes = box.querySelector(".schedule-clashes");
  const serverClashes = clashes.innerHTML;

  function parse(value, format) {
    // Reads the admin's input format (%d/%m/%Y, %d-%m-%Y, %H:%M:%S...).
    const names = [];
    const pattern = format.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&").replace(/%([dmYHMS])/g,
      (match, code) => { names.push(code); return code === "Y" ? "(\\d{4})" : "(\\d{1,2})"; });
    const found = new RegExp("^" + pattern + "$").exec(value.trim());
    if (!found) return null;
    const parts = {};
    names.forEach((name, index) => { parts[name] = parseInt(found[index + 1], 10); });
    return parts;
  }

  function brusselsOffset(instant) {
    const fields = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Brussels", hourCycle: "h23", year: "numeric", month: "2-digit",
      day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
    }).formatToParts(new Date(instant)).forEach((part) => { fields[part.type] = part.value; });
    return Date.UTC(+fields.year, +fields.month - 1, +fields.day, +fields.hour,
      +fields.minute, +fields.second) - instant;
  }

  function instant() {
    const d = parse(date.value, box.dataset.dateFormat);
    let t = parse(time.value, box.dataset.timeFormat);
    if (!t) t = parse(time.value, box.dataset.timeFormat.replace(":%S", ""));
    if (!d || !t) return null;
    const wall = Date.UTC(d.Y, d.m - 1, d.d, t.H, t.M, t.S || 0);
    let guess = wall;
    for (let i = 0; i < 2; i++) guess = wall - brusselsOffset(guess);
    return guess;
  }

  function duration(ms) {
    let rest = Math.max(0, Math.floor(ms / 1000));
    const units = [[Math.floor(rest / 86400), (n) => n + " " + (n === 1 ? day : days)]];
    rest %= 86400;
    units.push([Math.floor(rest / 3600), (n) => n + " " + h]);
    rest %= 3600;
    units.push([Math.floor(rest / 60), (n) => n + " " + min]);
    units.push([rest % 60, (n) => n + " " + s]);
    let first = units.findIndex(([value]) => value > 0);
    if (first < 0) first = units.length - 1;
    return units.slice(first, first + 2).filter(([value], i) => value > 0 || i === 0)
      .map(([value, label]) => label(value)).join(" ");
  }

  const whenFormat = new Intl.DateTimeFormat(lang, {
    timeZone: "Europe/Brussels", weekday: "long", day: "numeric", month: "long",
    year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23",
  });

  function update() {
    const at = instant();
    if (at === null || Number.isNaN(at)) return;
    const now = Date.now() + skew;
    const when = whenFormat.format(new Date(at));
    line.textContent = at > now
      ? box.dataset.line.replace("{duration}", duration(at - now)).replace("{when}", when)
      : box.dataset.past.replace("{when}", when);
    // The server's answer (with its "schedule it anyway" box) stays as it was drawn.
    if (clashes.querySelector("input[name=despite_clashes]")) return;
    const near = data.upcoming.filter((entry) => Math.abs(entry.at - at) <= data.window_ms);
    if (!near.length) {
      clashes.replaceChildren();
      return;
    }
    const warning = document.createElement("div");
    warning.className = "warning";
    const intro = document.createElement("p");
    intro.textContent = box.dataset.clash;
    const list = document.createElement("ul");
    near.forEach((entry) => {
      const item = document.createElement("li");
      item.textContent = new Intl.DateTimeFormat(lang, {
        timeZone: "Europe/Brussels", hour: "2-digit", minute: "2-digit", second: "2-digit",
        hourCycle: "h23" }).format(new Date(entry.at)) + " " + entry.title;
      list.appendChild(item);
    });
    warning.append(intro, list);
    clashes.replaceChildren(warning);
  }

  if (serverClashes.trim()) clashes.dataset.server = "1";
  ["input", "change"].forEach((type) => {
    date.addEventListener(type, update);
    time.addEventListener(type, update);
  });
  // The admin's calendar and clock set the value without an input event.
  document.addEventListener("click", () => setTimeout(update, 0));
  setInterval(update, 1000);
  update();
})();
