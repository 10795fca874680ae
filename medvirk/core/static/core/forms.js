/* medvirk's small enhancements of forms, loaded with `defer` from base.html (the
   Content-Security-Policy forbids inline script). Everything works without it.

   1. Error summary: after a failed submit, focus moves to the summary of errors
      ([data-error-summary], rendered by core/form_errors.html), on page load and when
      HTMX swaps in a form with errors, so keyboard and screen reader users land on it.
   2. "Use my position": a button [data-geolocate] (hidden until this script shows it)
      fills the form's latitude and longitude from the browser's own geolocation and
      submits the form. Its texts come translated from the template, in data-
      attributes; the message goes to the element named by data-status (aria-live). */
(function () {
  "use strict";

  var SEEN = "data-error-summary-seen";

  function focusErrorSummary() {
    var summaries = document.querySelectorAll("[data-error-summary]:not([" + SEEN + "])");
    for (var i = 0; i < summaries.length; i += 1) {
      summaries[i].setAttribute(SEEN, "");
    }
    if (summaries.length > 0) {
      summaries[0].focus();
    }
  }

  function geolocationAvailable() {
    return "geolocation" in navigator && window.isSecureContext !== false;
  }

  function showGeolocateButtons() {
    if (!geolocationAvailable()) {
      return;
    }
    var buttons = document.querySelectorAll("[data-geolocate][hidden]");
    for (var i = 0; i < buttons.length; i += 1) {
      buttons[i].hidden = false;
    }
  }

  function say(button, text) {
    var status = document.getElementById(button.getAttribute("data-status") || "");
    if (status) {
      status.textContent = text || "";
    }
  }

  function locate(button) {
    var form = button.form;
    if (!form) {
      return;
    }
    var latitude = form.elements.namedItem(button.getAttribute("data-latitude") || "");
    var longitude = form.elements.namedItem(button.getAttribute("data-longitude") || "");
    var clear = form.elements.namedItem(button.getAttribute("data-clear") || "");
    if (!latitude || !longitude) {
      return;
    }
    button.disabled = true;
    say(button, button.getAttribute("data-msg-locating"));
    navigator.geolocation.getCurrentPosition(
      function (position) {
        button.disabled = false;
        latitude.value = position.coords.latitude.toFixed(6);
        longitude.value = position.coords.longitude.toFixed(6);
        if (clear) {
          clear.value = "";
        }
        var details = latitude.closest("details");
        if (details) {
          details.open = true;
        }
        say(button, button.getAttribute("data-msg-found"));
        if (typeof form.requestSubmit === "function") {
          form.requestSubmit();
        } else {
          form.submit();
        }
      },
      function (error) {
        button.disabled = false;
        var key = "data-msg-unavailable";
        if (error.code === error.PERMISSION_DENIED) {
          key = "data-msg-denied";
        } else if (error.code === error.TIMEOUT) {
          key = "data-msg-timeout";
        }
        say(button, button.getAttribute(key));
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 60000 }
    );
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    var button = target instanceof Element ? target.closest("[data-geolocate]") : null;
    if (button) {
      event.preventDefault();
      locate(button);
    }
  });

  document.addEventListener("htmx:afterSwap", function () {
    showGeolocateButtons();
    focusErrorSummary();
  });

  function ready() {
    showGeolocateButtons();
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
