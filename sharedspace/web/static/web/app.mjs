// Progressive enhancement only: every page works without this file.
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();

// A table or chart that scrolls sideways takes keyboard focus, so it can be scrolled
// without a mouse (the templates give every such box tabindex="0", which is right without
// this script). One that fits, such as a table drawn as cards on a phone, is one tab stop
// too many: it gives the focus back here, and takes it again if the window narrows.
const scrollBoxes = document.querySelectorAll("[data-app-scroll-box]");

function fitScrollBoxes() {
  for (const box of scrollBoxes) {
    if (box.scrollWidth > box.clientWidth + 1) {
      box.setAttribute("tabindex", "0");
    } else if (box !== document.activeElement) {
      box.removeAttribute("tabindex");
    }
  }
}

if (scrollBoxes.length) {
  fitScrollBoxes();
  let queued = false;
  window.addEventListener("resize", () => {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(() => {
        queued = false;
        fitScrollBoxes();
      });
    }
  });
}
