// The progress of an upload's import, kept up to date without reloading the page.
// Progressive enhancement only: without this file the "Check progress" button does the same.
// It asks the server now and then (less often as time goes on), changes the words only when
// they change (they are a polite live region), and shows the report once the import ends.
const box = document.querySelector("[data-module='app-import-progress']");

if (box) {
  const url = box.dataset.statusUrl;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[role='status']");
  let wait = 2000;

  const check = async () => {
    try {
      const response = await fetch(url, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (!response.ok) {
        return; // signed out, or gone: the button still works
      }
      const status = await response.json();
      if (status.finished) {
        window.location.reload();
        return;
      }
      bar.value = status.percent;
      bar.textContent = `${status.percent}%`;
      if (text.textContent.trim() !== status.text) {
        text.textContent = status.text;
      }
    } catch {
      // The network dropped for a moment: try again later.
    }
    wait = Math.min(wait * 1.5, 15000);
    window.setTimeout(check, wait);
  };

  window.setTimeout(check, wait);
}
