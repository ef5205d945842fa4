// Runs first in <body>: tells GOV.UK Frontend's styles that scripts are on and supported.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
