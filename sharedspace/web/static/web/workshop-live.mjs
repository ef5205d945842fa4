// The workshop's big screen, kept up to date without reloading the page.
// Progressive enhancement only: without this file the "Show the latest answers" button does
// the same. Every few seconds it asks for the figures (JSON), and puts each new number where
// the page drew the old one (data-number), and each circle's new size (data-circle). The
// sentence saying how many people have answered is a polite live region: it is changed only
// when the number changes, so a screen reader is not told the same thing again and again.
const box = document.querySelector("[data-module='app-workshop-live']");

if (box) {
  const url = box.dataset.liveUrl;
  const status = box.querySelector("[data-live='status']");
  const description = box.querySelector("[data-live='description']");
  const every = 4000;
  let failures = 0;

  const setText = (element, text) => {
    if (element && element.textContent !== text) {
      element.textContent = text;
    }
  };

  const show = (data) => {
    for (const [key, value] of Object.entries(data.numbers)) {
      for (const element of box.querySelectorAll(`[data-number='${key}']`)) {
        setText(element, String(value));
      }
    }
    for (const circle of data.circles) {
      const element = box.querySelector(`[data-circle='${circle.key}']`);
      if (element && element.getAttribute("r") !== circle.r) {
        element.setAttribute("r", circle.r);
      }
    }
    setText(description, data.description);
    setText(status, data.status);
  };

  const check = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        return; // signed out, or gone: the button still works
      }
      const data = await response.json();
      failures = 0;
      show(data);
      if (data.closed) {
        if (box.dataset.taking === "yes") {
          // Closed from another screen: show the page as it is now, once.
          window.location.reload();
        }
        return; // a closed workshop takes no more answers: nothing more to ask for
      }
    } catch {
      // The network dropped for a moment (or the answer was not JSON): try again later,
      // less often the longer it lasts.
      failures += 1;
    }
    window.setTimeout(check, every * Math.min(1 + failures, 4));
  };

  window.setTimeout(check, every);
}
