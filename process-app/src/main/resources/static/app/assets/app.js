// The customer app's only script (CSP: no inline scripts). Pages work without it; with it the rental screen follows
// its rental without reloading, the time left counts down, and times show in the reader's own time zone.
(function () {
  'use strict';

  function each(root, selector, action) {
    Array.prototype.forEach.call(root.querySelectorAll(selector), action);
  }

  function twoDigits(n) {
    return (n < 10 ? '0' : '') + n;
  }

  // asks the server for the status part again while the rental moves, and stops once it has settled
  function follow(region) {
    var url = region.getAttribute('data-poll-url');
    var shown = region.innerHTML.trim();
    function next() {
      var part = region.firstElementChild;
      var millis = part && Number(part.getAttribute('data-poll-millis'));
      if (millis > 0) {
        window.setTimeout(ask, millis);
      }
    }
    function ask() {
      var request = new XMLHttpRequest();
      request.open('GET', url);
      request.setRequestHeader('Accept', 'text/html');
      request.onload = function () {
        var html = request.responseText.trim();
        if (request.status !== 200 || html.indexOf('<div class="status"') !== 0) {
          // signed out, the session ended, or the rental is gone: a reload leads to the page that says so
          window.location.reload();
          return;
        }
        if (html !== shown) {
          shown = html;
          region.innerHTML = html;
          enhance(region);
        }
        next();
      };
      // the network hiccuped: try again a little later
      request.onerror = function () {
        window.setTimeout(ask, 3000);
      };
      request.send();
    }
    next();
  }

  function countDown(element) {
    var endsAt = Number(element.getAttribute('data-ends-at'));
    var template = element.getAttribute('data-left-template');
    function tick() {
      var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
      if (left === 0) {
        element.textContent = element.getAttribute('data-over');
        return;
      }
      var hours = Math.floor(left / 3600);
      var minutes = Math.floor((left % 3600) / 60);
      var text = (hours > 0 ? hours + ':' + twoDigits(minutes) : String(minutes)) + ':' + twoDigits(left % 60);
      element.textContent = '(' + template.replace('{0}', text) + ')';
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  function localTime(element) {
    var at = new Date(element.getAttribute('datetime'));
    if (isNaN(at.getTime())) {
      return;
    }
    element.textContent = element.getAttribute('data-format') === 'time'
      ? at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
      : at.toLocaleString();
  }

  function enhance(root) {
    each(root, '[data-ends-at]', countDown);
    each(root, 'time[data-format]', localTime);
  }

  document.addEventListener('DOMContentLoaded', function () {
    enhance(document);
    each(document, '[data-poll-url]', follow);
  });
}());
