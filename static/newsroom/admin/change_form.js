/* The content change form, for press officers (workflow/admin/content_change_form.html):
   - one language switch for every translated field and inline, opening on the item's
     original language (modeltranslation's own tab bars are hidden; its main switch,
     which new inline rows follow, is what this drives);
   - a character count under titles and leads, against what feeds and search show;
   - inline rows with an order (quotes, links, images, documents) reordered by dragging
     or with the Move up / Move down buttons; the order numbers follow;
   - a preview of the saved version, beside the form or in a new tab (a preference
     kept in this browser), in the language of the switch.
   Without this script the form is Django's: tabs per field, order typed as numbers,
   the preview links open the public page. Strings come from the page (translated). */
"use strict";
function newsroomChangeForm() {
  const tools = document.getElementById("change-form-tools");
  if (!tools) return;
  const text = tools.dataset;
  const uiLanguage = document.documentElement.lang || "en";
  let currentLanguage = null;

  function languageName(code) {
    try {
      const name = new Intl.DisplayNames([uiLanguage], { type: "language" }).of(code);
      return name.charAt(0).toLocaleUpperCase(uiLanguage) + name.slice(1);
    } catch (error) {
      return code.toUpperCase();
    }
  }

  function when(ready, run, tries = 250) {
    if (ready()) run();
    else if (tries > 0) setTimeout(() => when(ready, run, tries - 1), 20);
  }

  // --- one language switch -------------------------------------------------------------
  function languageSwitch() {
    const select = document.getElementById("modeltranslation-main-switch");
    const $ = window.django && window.django.jQuery;
    if (!select || !$) return;
    const codes = Array.from(select.options).map((o) => o.textContent.trim().toLowerCase());
    const group = document.createElement("div");
    group.className = "language-switch";
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", text.switchLabel);
    const label = document.createElement("span");
    label.className = "language-switch-label";
    label.textContent = text.switchLabel;
    group.append(label);
    const buttons = codes.map((code, index) => {
      const button = document.createElement("button");
      button.type = "button";
      button.lang = code;
      button.dataset.language = code;
      button.textContent = languageName(code);
      const withErrors = document.querySelectorAll(
        `.ui-tabs-nav li:nth-child(${index + 1}).ui-tab-has-errors`
      );
      if (withErrors.length) {
        button.classList.add("has-errors");
        button.append(" — " + text.errorsLabel);
      }
      // A translation behind the original (translations/): said on the language's button.
      if ((text.staleLanguages || "").split(" ").includes(code)) {
        button.classList.add("is-stale");
        const badge = document.createElement("span");
        badge.className = "translation-badge stale";
        badge.textContent = text.staleLabel;
        button.append(" ", badge);
      }
      button.addEventListener("click", () => choose(index));
      group.append(button);
      return button;
    });

    function choose(index) {
      $(select).val(String(index)).trigger("change");
      buttons.forEach((b, i) => b.setAttribute("aria-pressed", String(i === index)));
      currentLanguage = codes[index];
      document.dispatchEvent(new CustomEvent("newsroom:language", { detail: currentLanguage }));
    }

    select.hidden = true;
    const original = select.previousSibling;
    if (original && original.nodeType === Node.TEXT_NODE) original.textContent = "";
    tools.after(group);
    document.body.classList.add("single-language-switch");
    let start = buttons.findIndex((b) => b.classList.contains("has-errors"));
    if (start < 0) {
      const chosen = document.getElementById("id_original_language");
      start = codes.indexOf(text.originalLanguage || (chosen && chosen.value) || uiLanguage);
    }
    choose(Math.max(0, start));
  }

  // --- character counts ----------------------------------------------------------------
  function characterCounts() {
    document.querySelectorAll(".counted-text").forEach((field) => {
      const count = document.createElement("span");
      count.className = "char-count";
      count.id = field.id + "-count";
      const described = field.getAttribute("aria-describedby");
      field.setAttribute("aria-describedby", ((described || "") + " " + count.id).trim());
      field.after(count);
      const limit = parseInt(field.dataset.countLimit, 10);
      const update = () => {
        const length = Array.from(field.value).length;
        count.textContent = text.countTemplate.replace("{count}", length) +
          (length > limit ? " — " + text.countLong.replace("{limit}", limit) : "");
        count.classList.toggle("too-long", length > limit);
      };
      field.addEventListener("input", update);
      update();
    });
  }

  // --- drag-and-drop order -------------------------------------------------------------
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");

  function sortableInlines() {
    document.querySelectorAll(".inline-group").forEach((group) => {
      if (!group.querySelector('input[name$="-order"]')) return;
      group.classList.add("sortable-inline");
      const rows = () => Array.from(group.querySelectorAll(
        ".inline-related:not(.empty-form):not(.tabular), tbody tr.form-row:not(.empty-form)"
      )).filter((row) => row.querySelector('input[name$="-order"]'));
      const inUse = (row) => row.classList.contains("has_original") ||
        Array.from(row.querySelectorAll("input:not([type=hidden]), textarea, select"))
          .some((input) => !input.name.endsWith("-order") && input.value && input.type !== "checkbox");
      const renumber = () => rows().forEach((row, index) => {
        const order = row.querySelector('input[name$="-order"]');
        if (inUse(row) && order.value !== String(index + 1)) order.value = String(index + 1);
      });
      const moved = (row) => {
        renumber();
        status.textContent = text.moved.replace("{position}", rows().indexOf(row) + 1);
      };
      const equip = (row) => {
        if (row.querySelector(".order-tools")) return;
        const box = document.createElement("span");
        box.className = "order-tools";
        const handle = document.createElement("button");
        handle.type = "button";
        handle.className = "drag-handle";
        handle.setAttribute("aria-label", text.drag);
        handle.title = text.drag;
        handle.textContent = "⠿";
        const up = document.createElement("button");
        up.type = "button";
        up.className = "move-up";
        up.textContent = "↑";
        up.setAttribute("aria-label", text.moveUp);
        up.title = text.moveUp;
        const down = document.createElement("button");
        down.type = "button";
        down.className = "move-down";
        down.textContent = "↓";
        down.setAttribute("aria-label", text.moveDown);
        down.title = text.moveDown;
        box.append(handle, up, down);
        const place = row.querySelector("h3") || row.querySelector("td.original") ||
          row.querySelector("td");
        place.prepend(box);
        up.addEventListener("click", () => {
          const list = rows(), i = list.indexOf(row);
          if (i > 0) { list[i - 1].before(row); moved(row); up.focus(); }
        });
        down.addEventListener("click", () => {
          const list = rows(), i = list.indexOf(row);
          if (i < list.length - 1) { list[i + 1].after(row); moved(row); down.focus(); }
        });
        handle.addEventListener("keydown", (event) => {
          if (event.key === "ArrowUp") { event.preventDefault(); up.click(); handle.focus(); }
          if (event.key === "ArrowDown") { event.preventDefault(); down.click(); handle.focus(); }
        });
        // Pointer events on the document while dragging: moving the row in the page
        // releases any pointer capture the handle had.
        const follow = (event) => {
          const target = rows().find((other) => {
            const area = other.getBoundingClientRect();
            return other !== row && event.clientY >= area.top && event.clientY <= area.bottom;
          });
          if (!target) return;
          const area = target.getBoundingClientRect();
          if (event.clientY < area.top + area.height / 2) target.before(row);
          else target.after(row);
        };
        const drop = () => {
          document.removeEventListener("pointermove", follow);
          document.removeEventListener("pointerup", drop);
          document.removeEventListener("pointercancel", drop);
          row.classList.remove("dragging");
          moved(row);
          handle.focus();
        };
        handle.addEventListener("pointerdown", (event) => {
          event.preventDefault();
          row.classList.add("dragging");
          document.addEventListener("pointermove", follow);
          document.addEventListener("pointerup", drop);
          document.addEventListener("pointercancel", drop);
        });
      };
      rows().forEach(equip);
      // Rows added with "Add another": equipped, numbered last once filled in.
      document.addEventListener("formset:added", (event) => {
        if (group.contains(event.target)) {
          rows().forEach(equip);
          event.target.addEventListener("input", renumber, { once: true });
        }
      });
    });
    document.body.append(status);
  }

  // --- preview beside the form ---------------------------------------------------------
  function preview() {
    const box = document.getElementById("preview-tools");
    if (!box) return;
    const links = Array.from(box.querySelectorAll("a.preview-link"));
    const urls = Object.fromEntries(links.map((a) => [a.dataset.language, a.href]));
    const key = "newsroom.preview";
    let panel = null;
    const language = () => (currentLanguage in urls ? currentLanguage : Object.keys(urls)[0]);
    const button = document.createElement("a");
    button.href = urls[language()];
    button.className = "preview-open-button";
    button.setAttribute("role", "button");
    const choice = document.createElement("select");
    choice.className = "preview-preference";
    choice.setAttribute("aria-label", box.dataset.labelBeside + " / " + box.dataset.labelTab);
    [["beside", text.beside], ["tab", text.newTab]].forEach(([value, label]) => {
      const option = document.createElement("option");
      option.value = value;
      option.textContent = text.preference + " " + label;
      choice.append(option);
    });
    choice.value = localStorage.getItem(key) === "tab" ? "tab" : "beside";
    const label = () => {
      button.textContent = choice.value === "tab" ? box.dataset.labelTab : box.dataset.labelBeside;
      button.href = urls[language()];
      button.target = choice.value === "tab" ? "_blank" : "";
    };
    choice.addEventListener("change", () => { localStorage.setItem(key, choice.value); label(); });
    const close = () => {
      if (panel) panel.remove();
      panel = null;
      document.body.classList.remove("preview-open");
      button.focus();
    };
    const open = () => {
      if (!panel) {
        panel = document.createElement("aside");
        panel.className = "preview-panel";
        panel.setAttribute("aria-label", box.dataset.labelTitle);
        const bar = document.createElement("div");
        bar.className = "preview-bar";
        const title = document.createElement("span");
        const shut = document.createElement("button");
        shut.type = "button";
        shut.textContent = box.dataset.labelClose;
        shut.addEventListener("click", close);
        bar.append(title, shut);
        const frame = document.createElement("iframe");
        panel.append(bar, frame);
        document.body.append(panel);
        document.body.classList.add("preview-open");
      }
      const code = language();
      panel.querySelector("span").textContent = box.dataset.labelTitle + " — " + languageName(code);
      panel.querySelector("iframe").title = box.dataset.labelTitle + " — " + languageName(code);
      panel.querySelector("iframe").src = urls[code];
    };
    button.addEventListener("click", (event) => {
      if (choice.value === "tab") return; // the link opens the page in a new tab
      event.preventDefault();
      open();
    });
    document.addEventListener("newsroom:language", () => { label(); if (panel) open(); });
    links.forEach((a) => { a.hidden = true; });
    box.append(button, choice);
    label();
  }

  // --- autocomplete fields: select2's search box gets the field's label ----------------
  function labelAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach((select) => {
      const label = document.querySelector(`label[for="${select.id}"]`);
      const container = select.nextElementSibling;
      if (!label || !container) return;
      container.querySelectorAll(".select2-search__field").forEach((field) => {
        field.setAttribute("aria-label", label.textContent.replace(/:\s*$/, "").trim());
      });
      // select2 puts its "clear" cross straight into the list of chosen items, where
      // only list items belong: give it an item of its own (its click handler is
      // delegated, so it keeps working).
      container.querySelectorAll("ul.select2-selection__rendered > .select2-selection__clear")
        .forEach((cross) => {
          const item = document.createElement("li");
          item.className = "select2-clear-item";
          cross.replaceWith(item);
          item.append(cross);
        });
    });
  }

  characterCounts();
  sortableInlines();
  when(() => document.querySelector(".select2-container"), labelAutocompletes);
  document.addEventListener("formset:added", () => setTimeout(labelAutocompletes, 0));
  if (window.django && window.django.jQuery) {
    window.django.jQuery(document).on("select2:select select2:unselect select2:close",
      () => setTimeout(labelAutocompletes, 0));
  }
  preview();
  when(
    () => document.getElementById("modeltranslation-main-switch") && document.querySelector(".ui-tabs"),
    languageSwitch
  );
}
// The admin loads form media in the head: wait for the form.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", newsroomChangeForm);
} else {
  newsroomChangeForm();
}
