/* The course editor's schedule preview (events.widgets, events.schedule_preview).
 *
 * Each schedule's preview is fetched from the server whenever a field of that schedule, the
 * course's place or an exception changes; nothing is saved. A session marked as a holiday
 * can be entered as a cancellation: the script adds an exception to the course's
 * "Ausnahmen" list through that list's own "add" button and fills in date, place and reason,
 * so the editor sees it in the form and can still change or remove it before saving.
 */
(function () {
  "use strict";

  var timers = new WeakMap();

  function formOf(rule) {
    return rule.closest("form") || document;
  }

  function exceptionForms(form) {
    var total = form.querySelector('[name="exceptions-TOTAL_FORMS"]');
    var count = total ? parseInt(total.value, 10) || 0 : 0;
    var found = [];
    for (var index = 0; index < count; index += 1) {
      var prefix = "exceptions-" + index + "-";
      var date = form.querySelector('[name="' + prefix + 'date"]');
      var deleted = form.querySelector('[name="' + prefix + 'DELETE"]');
      if (!date || (deleted && (deleted.value === "1" || deleted.checked))) {
        continue;
      }
      found.push({
        prefix: prefix,
        date: date.value,
        place: (form.querySelector('[name="' + prefix + 'place"]') || {}).value || "",
        action: (form.querySelector('[name="' + prefix + 'action"]') || {}).value || "cancel",
      });
    }
    return found;
  }

  function refresh(rule) {
    var form = formOf(rule);
    var prefix = rule.dataset.prefix;
    var params = new URLSearchParams();
    params.append("prefix", prefix);
    form.querySelectorAll('[name^="' + prefix + '-"]').forEach(function (field) {
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) {
        return;
      }
      params.append(field.name, field.value);
    });
    var coursePlace = form.querySelector('[name="place"]');
    if (coursePlace) {
      params.append("course_place", coursePlace.value);
    }
    exceptionForms(form).forEach(function (exception) {
      if (exception.date) {
        params.append("exception", [exception.date, exception.place, exception.action].join("|"));
      }
    });
    var target = rule.querySelector("[data-schedule-preview]");
    rule.setAttribute("aria-busy", "true");
    fetch(rule.dataset.previewUrl + "?" + params.toString(), {
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
    })
      .then(function (response) {
        return response.ok ? response.text() : Promise.reject(response.status);
      })
      .then(function (html) {
        target.innerHTML = html;
      })
      .catch(function () {
        /* Keep the last preview; the form itself works without it. */
      })
      .finally(function () {
        rule.removeAttribute("aria-busy");
      });
  }

  function schedule(rule) {
    clearTimeout(timers.get(rule));
    timers.set(rule, setTimeout(function () { refresh(rule); }, 250));
  }

  function rules(root) {
    return Array.prototype.filter.call(
      (root || document).querySelectorAll("[data-schedule-rule]"),
      function (rule) { return !rule.closest("template") && rule.dataset.prefix.indexOf("__prefix__") === -1; }
    );
  }

  function ruleFor(field) {
    var match = /^(schedules-\d+)-/.exec(field.name || "");
    if (!match) {
      return null;
    }
    return rules().filter(function (rule) { return rule.dataset.prefix === match[1]; })[0] || null;
  }

  function addException(button, form) {
    var add = document.getElementById("id_exceptions-ADD");
    var total = form.querySelector('[name="exceptions-TOTAL_FORMS"]');
    if (!add || !total) {
      return null;
    }
    var index = parseInt(total.value, 10) || 0;
    add.click();
    var prefix = "exceptions-" + index + "-";
    var set = function (name, value) {
      var field = form.querySelector('[name="' + prefix + name + '"]');
      if (field && value !== undefined) {
        field.value = value;
        field.dispatchEvent(new Event("change", { bubbles: true }));
      }
      return field;
    };
    var date = set("date", button.dataset.date);
    set("place", button.dataset.place || "");
    set("action", "cancel");
    set("reason", button.dataset.reason);
    return date;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-exception], [data-add-exceptions]");
    if (!button) {
      return;
    }
    var rule = button.closest("[data-schedule-rule]");
    var form = formOf(rule);
    var buttons = button.hasAttribute("data-add-exceptions")
      ? rule.querySelectorAll("[data-add-exception]")
      : [button];
    var first = null;
    buttons.forEach(function (each) {
      var added = addException(each, form);
      first = first || added;
    });
    rules().forEach(refresh);
    var status = rule.querySelector("[data-schedule-status]");
    if (first && status) {
      status.textContent = status.dataset.added;
    }
  });

  function changed(event) {
    var field = event.target;
    if (!field.name) {
      return;
    }
    if (field.name === "place" || field.name.indexOf("exceptions-") === 0) {
      rules().forEach(schedule);
      return;
    }
    var rule = ruleFor(field);
    if (rule) {
      schedule(rule);
    }
  }

  document.addEventListener("change", changed);
  document.addEventListener("input", changed);

  /* A weekly rule saved without a weekday meets on the first session's weekday: tick that
   * day, so the editor sees it (saving then stores the same rule with the day named). */
  function tickFirstWeekday(rule) {
    var form = formOf(rule);
    var frequency = rule.querySelector('[name$="-recurrence_freq"]');
    var days = rule.querySelectorAll('[name$="-recurrence_byday"]');
    var first = form.querySelector('[name="' + rule.dataset.prefix + '-first_date"]');
    var anyTicked = Array.prototype.some.call(days, function (day) { return day.checked; });
    var match = first && /^(\d{4})-(\d{2})-(\d{2})$/.exec(first.value);
    if (!frequency || frequency.value !== "WEEKLY" || anyTicked || !match) {
      return;
    }
    var weekday = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3])).getUTCDay();
    var code = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"][weekday];
    Array.prototype.forEach.call(days, function (day) {
      day.checked = day.value === code;
    });
  }

  function start() {
    rules().forEach(function (rule) {
      tickFirstWeekday(rule);
      refresh(rule);
    });
  }

  /* A schedule added with "Terminreihe hinzufügen" fetches its preview at its first change;
   * the ones on the page do it now. */
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
