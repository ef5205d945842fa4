// The explainer's slides (templates/web/pages/explainer.html): the left and right arrow
// keys go to the previous and next slide. Progressive enhancement only: the links on the
// page do the same without this file.

const previous = document.querySelector("[data-app-explainer-prev]");
const next = document.querySelector("[data-app-explainer-next]");

function typingIn(target) {
  return target instanceof HTMLElement &&
    (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

document.addEventListener("keydown", (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey ||
      event.shiftKey || typingIn(event.target)) {
    return;
  }
  const link = event.key === "ArrowRight" ? next : event.key === "ArrowLeft" ? previous : null;
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
