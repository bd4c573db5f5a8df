// Reads iCal (RFC 5545) text with ical.js (Thunderbird's parser) and node-ical, and prints
// what each of them makes of it, normalised, for tests/interop/readers.py.
//
//   node read_ics.mjs --serve    one JSON request a line on stdin, one JSON answer a line
//                                on stdout: {"ics": TEXT, "start": ISO, "end": ISO}
//                                -> {"icaljs": RESULT, "nodeical": RESULT}
//   node read_ics.mjs FILE.ics [START END]    the same for one file, pretty-printed
//
// RESULT is {"calendar": {...}, "events": [...]} or {"error": MESSAGE}. Times are Europe/Berlin
// wall-clock times, "YYYY-MM-DDTHH:MM:SS". Each parser turns the file's times into instants by
// its own reading (ical.js through the file's VTIMEZONE components, node-ical through the
// TZID's name); the instants become Berlin wall-clock time through ICU (Intl), independently
// of both, so a VTIMEZONE that a parser misreads shows up as shifted times. All-day (DATE)
// values become midnight of their day. Recurring events are expanded over [start, end);
// every occurrence, recurring or not, is kept when it overlaps that window (a zero-length one
// when it starts inside it).

import fs from "node:fs";
import readline from "node:readline";

import ICAL from "ical.js";
import nodeIcal from "node-ical";

// Floating times (no TZID, no Z) are local time: read them as a client in Berlin would.
process.env.TZ = "Europe/Berlin";

const ZONE = "Europe/Berlin";
const MAX_OCCURRENCES = 100000; // per recurring event: a runaway RRULE stops here
const DAY_MS = 24 * 3600 * 1000;

const berlin = new Intl.DateTimeFormat("en-CA", {
  timeZone: ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

const pad = (n, width = 2) => String(n).padStart(width, "0");

/** An instant (JS Date) as Berlin wall-clock time, by ICU. */
function wallClock(date) {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    return null;
  }
  const parts = {};
  for (const part of berlin.formatToParts(date)) {
    parts[part.type] = part.value;
  }
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
}

function dayStart(year, month, day) {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T00:00:00`;
}

/** A window bound given as naive wall-clock text: the instant a little before or after it,
 * for parsers that want instants (the exact cut is made on wall-clock text afterwards). */
function roughInstant(text, days) {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) {
    throw new Error(`not a naive ISO date-time: ${text}`);
  }
  const [, y, mo, d, h = "0", mi = "0", s = "0"] = match;
  return new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + days * DAY_MS);
}

function normaliseBound(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!match) {
    throw new Error(`not a naive ISO date-time: ${text}`);
  }
  const [, y, mo, d, h = "00", mi = "00", s = "00"] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

/** Does [start, end) overlap the window [windowStart, windowEnd)? A zero-length (or
 * end-less) occurrence counts when it starts inside the window. */
function overlaps(start, end, windowStart, windowEnd) {
  if (start === null) {
    return false;
  }
  if (start >= windowEnd) {
    return false;
  }
  const stop = end !== null && end > start ? end : start;
  return stop === start ? start >= windowStart : stop > windowStart;
}

function upper(value) {
  return typeof value === "string" && value !== "" ? value.toUpperCase() : null;
}

function integer(value) {
  const number = typeof value === "string" ? Number(value.trim()) : value;
  return Number.isInteger(number) ? number : null;
}

function textOrNull(value) {
  if (value === undefined || value === null) {
    return null;
  }
  return String(value);
}

// ----------------------------------------------------------------------------- ical.js

function icaljsWallClock(time) {
  if (!time) {
    return null;
  }
  if (time.isDate) {
    return dayStart(time.year, time.month, time.day);
  }
  // toJSDate() and toUnixTime() both go through time.utcOffset(), i.e. the zone ical.js
  // attached to the value (the file's VTIMEZONE of that TZID); toJSDate() also reads
  // floating times as local time, as Thunderbird does, where toUnixTime() takes them as UTC.
  return wallClock(time.toJSDate());
}

function icaljsCalendar(vcalendar) {
  const value = (name) => textOrNull(vcalendar.getFirstPropertyValue(name));
  return {
    name: value("name"),
    x_wr_calname: value("x-wr-calname"),
    description: value("description") ?? value("x-wr-caldesc"),
    x_wr_caldesc: value("x-wr-caldesc"),
  };
}

function icaljsEvent(event, component, startTime, endTime) {
  // The values of the occurrence (an exception's, if one replaces it), as ical.js gives them.
  const summary = component.getFirstProperty("summary");
  return {
    uid: textOrNull(component.getFirstPropertyValue("uid")),
    start: icaljsWallClock(startTime),
    end: icaljsWallClock(endTime),
    status: upper(component.getFirstPropertyValue("status")),
    sequence: integer(component.getFirstPropertyValue("sequence")),
    summary: textOrNull(event.summary),
    summary_language: summary ? textOrNull(summary.getParameter("language")) : null,
    description: textOrNull(event.description),
    location: textOrNull(event.location),
    url: textOrNull(component.getFirstPropertyValue("url")),
  };
}

function icaljsCalendars(text) {
  const parsed = ICAL.parse(text);
  // Several top-level components parse to a list of them.
  const roots = Array.isArray(parsed[0]) ? parsed : [parsed];
  const calendars = [];
  for (const jcal of roots) {
    const component = new ICAL.Component(jcal);
    if (component.name === "vcalendar") {
      calendars.push(component);
    } else {
      calendars.push(...component.getAllSubcomponents("vcalendar"));
    }
  }
  if (calendars.length === 0) {
    throw new Error("no VCALENDAR");
  }
  return calendars;
}

function readIcaljs(text, windowStart, windowEnd) {
  ICAL.TimezoneService.reset(); // no zone of an earlier request survives
  try {
    const calendars = icaljsCalendars(text);
    for (const vcalendar of calendars) {
      for (const vtimezone of vcalendar.getAllSubcomponents("vtimezone")) {
        ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
      }
    }
    const events = [];
    for (const vcalendar of calendars) {
      const components = vcalendar.getAllSubcomponents("vevent");
      const masters = [];
      const exceptions = [];
      for (const component of components) {
        (component.hasProperty("recurrence-id") ? exceptions : masters).push(component);
      }
      const series = new Map(); // UID -> the first recurring master of that UID
      // ICAL.Event would otherwise scan the whole calendar for each event's exceptions
      // (quadratic: 110 s for 20,000 events); they are related below instead.
      const wrapped = masters.map((component) => {
        const event = new ICAL.Event(component, { exceptions: [] });
        if (event.isRecurring() && !series.has(event.uid)) {
          series.set(event.uid, event);
        }
        return event;
      });
      const standalone = [];
      for (const component of exceptions) {
        const exception = new ICAL.Event(component, { exceptions: [] });
        const master = series.get(exception.uid);
        if (master) {
          master.relateException(exception);
        } else {
          standalone.push(exception); // an override without its series: shown on its own
        }
      }
      for (const event of [...wrapped, ...standalone]) {
        events.push(...icaljsOccurrences(event, windowStart, windowEnd));
      }
    }
    return { calendar: icaljsCalendar(calendars[0]), events };
  } finally {
    ICAL.TimezoneService.reset();
  }
}

function icaljsOccurrences(event, windowStart, windowEnd) {
  const out = [];
  if (!event.isRecurring()) {
    const item = icaljsEvent(event, event.component, event.startDate, event.endDate);
    if (overlaps(item.start, item.end, windowStart, windowEnd)) {
      out.push(item);
    }
    return out;
  }
  const iterator = event.iterator();
  for (let count = 0; count < MAX_OCCURRENCES; count++) {
    const next = iterator.next();
    if (!next) {
      break;
    }
    const details = event.getOccurrenceDetails(next);
    const item = icaljsEvent(details.item, details.item.component, details.startDate, details.endDate);
    const planned = icaljsWallClock(next);
    if (planned !== null && planned >= windowEnd && item.start >= windowEnd) {
      break;
    }
    if (overlaps(item.start, item.end, windowStart, windowEnd)) {
      out.push(item);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------- node-ical

/** node-ical gives {params, val} for properties with parameters (SUMMARY;LANGUAGE=de:…) and a
 * list when a property repeats. */
function nodeValue(value) {
  if (Array.isArray(value)) {
    return nodeValue(value[0]);
  }
  if (value !== null && typeof value === "object" && !(value instanceof Date) && "val" in value) {
    return value.val;
  }
  return value;
}

function nodeParams(value) {
  if (Array.isArray(value)) {
    return nodeParams(value[0]);
  }
  return value !== null && typeof value === "object" && value.params ? value.params : {};
}

function nodeWallClock(date) {
  if (!(date instanceof Date)) {
    return null;
  }
  if (date.dateOnly) {
    // A DATE is a local-midnight Date in node-ical (the process runs in Europe/Berlin).
    return dayStart(date.getFullYear(), date.getMonth() + 1, date.getDate());
  }
  return wallClock(date);
}

function nodeText(value) {
  const plain = nodeValue(value);
  return plain === undefined || plain === null ? null : String(plain);
}

function nodeEvent(event, start, end) {
  const language = nodeParams(event.summary).LANGUAGE;
  return {
    uid: nodeText(event.uid),
    start: nodeWallClock(start),
    end: nodeWallClock(end),
    status: upper(nodeText(event.status)),
    sequence: integer(nodeValue(event.sequence)),
    summary: nodeText(event.summary),
    summary_language: language === undefined ? null : String(language),
    description: nodeText(event.description),
    location: nodeText(event.location),
    url: nodeText(event.url),
  };
}

function readNodeIcal(text, windowStart, windowEnd, from, to) {
  const data = nodeIcal.sync.parseICS(text);
  const calendarProps = data.vcalendar || {};
  const calendarValue = (key) => nodeText(calendarProps[key] ?? data[key]);
  const calendar = {
    name: calendarValue("name"),
    x_wr_calname: calendarValue("WR-CALNAME"),
    description: calendarValue("description") ?? calendarValue("WR-CALDESC"),
    x_wr_caldesc: calendarValue("WR-CALDESC"),
  };
  const events = [];
  for (const entry of Object.values(data)) {
    if (!entry || typeof entry !== "object" || entry.type !== "VEVENT") {
      continue;
    }
    if (!(entry.start instanceof Date)) {
      events.push(nodeEvent(entry, null, null)); // no usable DTSTART: still a VEVENT
      continue;
    }
    // expandRecurringEvent expands RRULE (with EXDATE and RECURRENCE-ID overrides); RDATE is
    // not read by node-ical 0.27, and a non-recurring event comes back as itself.
    const instances = nodeIcal.expandRecurringEvent(entry, { from, to, expandOngoing: true });
    for (const instance of instances) {
      const item = nodeEvent(instance.event, instance.start, instance.end);
      item.uid = item.uid ?? nodeText(entry.uid);
      if (overlaps(item.start, item.end, windowStart, windowEnd)) {
        events.push(item);
      }
    }
  }
  return { calendar, events };
}

// -------------------------------------------------------------------------------- driver

function guard(read) {
  try {
    return read();
  } catch (error) {
    return { error: String(error && error.message ? error.message : error) };
  }
}

function readAll(request) {
  const text = String(request.ics ?? "");
  const windowStart = normaliseBound(request.start);
  const windowEnd = normaliseBound(request.end);
  const from = roughInstant(windowStart, -2);
  const to = roughInstant(windowEnd, 2);
  return {
    icaljs: guard(() => readIcaljs(text, windowStart, windowEnd)),
    nodeical: guard(() => readNodeIcal(text, windowStart, windowEnd, from, to)),
  };
}

// node-ical warns on stdout-free console.warn (stderr): fine, stdout carries only answers.
console.log = (...args) => console.error(...args);

async function serve() {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === "") {
      continue;
    }
    let answer;
    try {
      answer = readAll(JSON.parse(line));
    } catch (error) {
      const message = String(error && error.message ? error.message : error);
      answer = { icaljs: { error: message }, nodeical: { error: message } };
    }
    process.stdout.write(JSON.stringify(answer) + "\n");
  }
}

function once(path, start = "2026-01-01T00:00:00", end = "2029-01-01T00:00:00") {
  const ics = fs.readFileSync(path, "utf8");
  process.stdout.write(JSON.stringify(readAll({ ics, start, end }), null, 2) + "\n");
}

const args = process.argv.slice(2);
if (args[0] === "--serve") {
  await serve();
} else if (args.length >= 1) {
  once(...args);
} else {
  process.stderr.write("usage: node read_ics.mjs --serve | FILE.ics [START END]\n");
  process.exit(2);
}
