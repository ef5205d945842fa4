// The workshop's big screen, kept up to date without reloading the page.
// Progressive enhancement only: without this file the "Show the latest answers" button does
// the same. Every few seconds it asks for the figures (JSON), and puts each new number where
// the page drew the old one (data-number), and each circle's new size (data-circle). The
// sentence saying how many people have answered is a polite live region: it is changed only
// when the number changes, so a screen reader is not told the same thing again and again.
//
// When an answer does not come (a deploy's 502, a proxy's 429, the Wi-Fi gone for a moment)
// it keeps asking, waiting twice as long each time (4, 8, 16, 32 seconds, then every minute),
// and every 4 seconds again after the first answer that comes. After a few failures in a row
// a short polite note says so (data-live="trouble"), and it goes once answers come again.
const box = document.querySelector("[data-module='app-workshop-live']");

if (box) {
  const url = box.dataset.liveUrl;
  const status = box.querySelector("[data-live='status']");
  const description = box.querySelector("[data-live='description']");
  const trouble = box.querySelector("[data-live='trouble']");
  const full = document.querySelector("[data-live='full']");
  const every = 4000;
  const longest = 60000;
  // Failures in a row before the note is shown: one or two go unsaid (a deploy's moment).
  const sayAfter = 3;
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
    if (full && full.hidden === Boolean(data.full)) {
      full.hidden = !data.full;
    }
  };

  const failed = () => {
    failures += 1;
    if (failures >= sayAfter && trouble) {
      setText(trouble, trouble.dataset.text);
    }
  };

  const check = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        throw new Error(`status ${response.status}`);
      }
      // Signed out, the answer is the sign-in page, not JSON: a failure like any other.
      const data = await response.json();
      failures = 0;
      setText(trouble, "");
      show(data);
      if (data.closed) {
        if (box.dataset.taking === "yes") {
          // Closed from another screen: show the page as it is now, once.
          window.location.reload();
        }
        return; // a closed workshop takes no more answers: nothing more to ask for
      }
    } catch {
      failed();
    }
    window.setTimeout(check, Math.min(every * 2 ** failures, longest));
  };

  window.setTimeout(check, every);
}
