#!/usr/bin/env python3
"""`aidc report` rendered in headless Chromium (Debian's `chromium` package).

Two cases, one ctest each (tests/report/CMakeLists.txt):

  --case charts   Renders the before/after report of tests/report/data/{before,after}.yaml and the one-site report
                  of before.yaml. Checks, on the DOM Chromium produced (--dump-dom), that every chart's <svg> drew
                  its expected data marks (class "mark": bars, lines, points; counts per chart below) with finite
                  coordinates and no "not modelled" message; that the page has no script, no external reference,
                  and that every inline SVG is well-formed XML; that Chromium logged no console message at all (the
                  page has no script, so any console line, CSP violations included, is an error). Saves a
                  screenshot (PNG) and a print (PDF) of the two-site report as test artifacts in the build
                  directory, and checks that the PNG is a real picture (decoded here with zlib and numpy: many
                  colours, both site colours present over many pixels, the whole page captured) and that the PDF
                  has a page per section (the print style sheet breaks before each h2).
  --case safety   Writes a scenario, reliability table and rubric whose names carry markup (<script>, quotes,
                  <img onerror>, <svg onload>, event handlers, entity text), renders the report with that site
                  and before.yaml, and checks that nothing executed (no <script>, <img> or on* attribute in the
                  DOM, no data-pwned mark the payloads would set, no console message) and that every payload shows
                  as literal text, in HTML and in the SVG charts.

Exit 77 (ctest SKIP_RETURN_CODE) when no Chromium is installed: the test is skipped, never passed silently (the checks
that need no browser, on the HTML file itself, still run first and fail the test when they fail).
Environment: AIDC (the aidc binary), SRC (source root), OUT (artifact directory), CHROMIUM (optional path).
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser

import numpy as np

SKIP = 77
CHROMIUM_TIMEOUT_S = 120  # a cold start on a loaded 2-core machine takes ~5 s; generous against flakiness
SCREEN_WIDTH = 1400
# Tall enough for the whole two-site report (about 9,000 px at 1,400 px wide); the test checks the bottom rows are
# page background, so a report that outgrows it fails with a clear message instead of a cut artifact.
SCREEN_HEIGHT = 12000
SITE_COLOURS = {"#1f77b4": (0x1F, 0x77, 0xB4), "#d62728": (0xD6, 0x27, 0x28)}  # tools/report/svg_chart.hpp
HOURS_PER_YEAR = 8760
MONTHS = 12


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def chromium_binary():
    for c in (os.environ.get("CHROMIUM", ""), shutil.which("chromium"), shutil.which("chromium-browser")):
        if c and os.path.exists(c):
            return c
    return None


def skip_no_chromium():
    print("SKIP: no chromium found (install Debian's `chromium` package, or set CHROMIUM=path); the checks of the "
          "HTML file itself passed, the rendering checks did not run")
    return SKIP


def run_chromium(chrome, profile, html_path, extra):
    """Runs headless Chromium on a file:// URL; returns (stdout, console lines)."""
    cmd = [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--enable-logging=stderr", "--v=0", "--hide-scrollbars", "--no-first-run",
           "--user-data-dir=" + profile] + extra + ["file://" + os.path.abspath(html_path)]
    p = subprocess.run(cmd, capture_output=True, timeout=CHROMIUM_TIMEOUT_S)
    err = p.stderr.decode("utf-8", "replace")
    if p.returncode != 0:
        fail("chromium exited %d: %s\n%s" % (p.returncode, " ".join(cmd), err[-3000:]))
    # Console messages appear as "...:INFO:CONSOLE:12] "text", source: ..." (older builds: "CONSOLE(12)").
    console = [l for l in err.splitlines() if re.search(r":CONSOLE[(:]\d+", l)]
    return p.stdout.decode("utf-8", "replace"), console


def run_aidc(args):
    t0 = time.monotonic()
    p = subprocess.run([os.environ["AIDC"]] + args, capture_output=True, timeout=600)
    if p.returncode != 0:
        fail("aidc %s exited %d:\n%s" % (" ".join(args), p.returncode, p.stderr.decode()[-3000:]))
    return time.monotonic() - t0


class Dom(HTMLParser):
    """What a page holds: per chart <svg> (by id), the data marks by tag; elements, attributes and text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.svg = None  # id of the <svg> being read
        self.marks = {}  # svg id -> {tag: [attrs]}
        self.empty = {}  # svg id -> texts of class "empty"
        self.svg_text = {}  # svg id -> text nodes
        self.tags = {}  # tag -> count
        self.handler_attrs = []  # (tag, attr) with attr starting "on"
        self.refs = []  # (tag, attr, value) of src / href / xlink:href
        self.pwned = []
        self.text = []
        self._in_empty = False
        self._skip_text = 0  # inside <style>

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for k, v in attrs:
            if k.lower().startswith("on"):
                self.handler_attrs.append((tag, k))
            if k.lower() in ("src", "href", "xlink:href", "action", "formaction", "background"):
                self.refs.append((tag, k, v))
            if k.lower() == "data-pwned":
                self.pwned.append((tag, v))
        if tag == "style":
            self._skip_text += 1
        if tag == "svg":
            self.svg = a.get("id", "?")
            self.marks.setdefault(self.svg, {})
            self.empty.setdefault(self.svg, [])
            self.svg_text.setdefault(self.svg, [])
        elif self.svg is not None:
            classes = (a.get("class") or "").split()
            if "mark" in classes:
                self.marks[self.svg].setdefault(tag, []).append(a)
            self._in_empty = tag == "text" and "empty" in classes

    def handle_endtag(self, tag):
        if tag == "svg":
            self.svg = None
        if tag == "style":
            self._skip_text -= 1
        self._in_empty = False

    def handle_data(self, data):
        if self._skip_text:
            return
        self.text.append(data)
        if self.svg is not None:
            self.svg_text[self.svg].append(data)
            if self._in_empty:
                self.empty[self.svg].append(data)


def parse(html):
    d = Dom()
    d.feed(html)
    d.close()
    return d


NUMERIC_ATTRS = ("x", "y", "width", "height", "cx", "cy", "r", "x1", "x2", "y1", "y2", "points")


def expectations(n_sites):
    """Data marks each chart must draw for n_sites sites: {svg id: {tag: (min, max)}}."""
    n = n_sites
    return {
        "radar": {"polygon": (n, n)},
        "chart-linearity": {"polyline": (2 * n, 2 * n), "circle": (4 * n, None)},  # MFU + linearity, >= 2 points
        "chart-step": {"rect": (n, None)},
        "chart-pue-monthly": {"rect": (MONTHS * n, MONTHS * n)},
        "chart-wue-monthly": {"rect": (MONTHS * n, MONTHS * n)},
        "chart-pue-hourly": {"polyline": (n, n)},
        "chart-headroom": {"rect": (n, None)},
        "chart-interruptions": {"rect": (1, None)},
        "chart-ettr": {"rect": (n, None)},
    }


def check_charts(dom, n_sites, label):
    exp = expectations(n_sites)
    missing = sorted(set(exp) - set(dom.marks))
    check(not missing, "%s: charts missing from the DOM: %s" % (label, missing))
    for svg_id, tags in exp.items():
        check(not dom.empty[svg_id], "%s: %s says %r" % (label, svg_id, dom.empty[svg_id]))
        for tag, (lo, hi) in tags.items():
            got = len(dom.marks[svg_id].get(tag, []))
            check(got >= lo and (hi is None or got <= hi),
                  "%s: %s has %d <%s> marks, expected %s..%s" % (label, svg_id, got, tag, lo, hi or "any"))
        for tag, elems in dom.marks[svg_id].items():
            for a in elems:
                for k in NUMERIC_ATTRS:
                    v = a.get(k)
                    if v is None:
                        continue
                    nums = re.split(r"[ ,]+", v.strip())
                    check(all(re.fullmatch(r"-?\d+(\.\d+)?", x) for x in nums if x),
                          "%s: %s <%s %s=%r> is not a finite number" % (label, svg_id, tag, k, v[:80]))
            if tag == "rect":
                drawn = [a for a in elems if float(a["width"]) > 0 and float(a["height"]) > 0]
                check(drawn, "%s: %s has no <rect> mark of positive size" % (label, svg_id))
    for a in dom.marks["chart-pue-hourly"]["polyline"]:
        pts = len(a["points"].split())
        check(pts == HOURS_PER_YEAR, "%s: hourly PUE line has %d points, expected %d" % (label, pts, HOURS_PER_YEAR))


def check_raw_html(html, label, payload_text=False):
    """The file as written: no script, no event handler, nothing fetched, every inline SVG well-formed XML. A page
    showing hostile payloads as text (payload_text) may contain "javascript:" as text, so the URL scan is off."""
    raw = parse(html)
    check(raw.tags.get("script", 0) == 0, label + ": the page contains a <script>")
    check(not raw.handler_attrs, "%s: event-handler attributes: %s" % (label, raw.handler_attrs))
    # Self-contained: no src/href attribute and no URL anywhere.
    check(not raw.refs, "%s: the page references resources: %s" % (label, raw.refs[:5]))
    if not payload_text:
        urls = re.findall(r"(?:https?|ftp|file|data|javascript):", html, re.I)
        check(not urls, "%s: the page contains URLs: %s" % (label, urls[:5]))
    for i, svg in enumerate(re.findall(r"<svg\b.*?</svg>", html, re.S)):
        try:
            ET.fromstring(svg)
        except ET.ParseError as e:
            fail("%s: inline SVG #%d is not well-formed XML: %s" % (label, i, e))


# --- PNG -------------------------------------------------------------------------------------------------------

def decode_png(path):
    """8-bit RGB/RGBA non-interlaced PNG -> uint8 array (h, w, channels). The PNG filters 0-4 (ISO/IEC 15948
    section 9) are undone along anti-diagonals, so numpy handles a whole diagonal at once: a pixel needs only its
    left, upper and upper-left neighbours, which lie on the two previous diagonals."""
    data = open(path, "rb").read()
    check(data[:8] == b"\x89PNG\r\n\x1a\n", path + " is not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if ctype == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif ctype == b"IDAT":
            idat.append(body)
        elif ctype == b"IEND":
            break
    check(hdr is not None, path + ": no IHDR")
    w, h, depth, colour, _, _, interlace = hdr
    channels = {2: 3, 6: 4}.get(colour)
    check(depth == 8 and channels and interlace == 0, "%s: unsupported PNG (depth %d, colour type %d, interlace %d)"
          % (path, depth, colour, interlace))
    raw = np.frombuffer(zlib.decompress(b"".join(idat)), np.uint8)
    check(raw.size == h * (w * channels + 1), path + ": wrong decompressed size")
    rows = raw.reshape(h, w * channels + 1)
    ftype = rows[:, 0].astype(np.int32)
    check(ftype.max() <= 4, path + ": unknown filter type")
    x = rows[:, 1:].reshape(h, w, channels).astype(np.int32)
    out = np.empty((h, w, channels), np.uint8)
    # Reconstructed pixels of the two previous diagonals, indexed by row + 1 (index 0: the zero row above the
    # image). Only rows on a diagonal are written, so entries a pixel never had (left of column 0, above row 0)
    # stay zero, as the PNG filters require.
    prev1 = np.zeros((h + 1, channels), np.int32)
    prev2 = np.zeros((h + 1, channels), np.int32)
    for d in range(h + w - 1):
        r0, r1 = max(0, d - w + 1), min(h - 1, d)
        k = np.arange(r1 - r0 + 1)
        c = d - r0 - k
        a = prev1[r0 + 1:r1 + 2]  # left (r, c - 1): diagonal d - 1
        b = prev1[r0:r1 + 1]  # up (r - 1, c): diagonal d - 1
        cc = prev2[r0:r1 + 1]  # up-left (r - 1, c - 1): diagonal d - 2
        p = a + b - cc
        pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - cc)
        paeth = np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, cc))
        f = ftype[r0:r1 + 1, None]
        pred = np.where(f == 0, 0, np.where(f == 1, a, np.where(f == 2, b, np.where(f == 3, (a + b) >> 1, paeth))))
        cur = (x[r0 + k, c] + pred) & 0xFF
        out[r0 + k, c] = cur
        prev2, prev1 = prev1, prev2
        prev1[r0 + 1:r1 + 2] = cur
    return out, w, h


def check_screenshot(path, n_sites):
    img, w, h = decode_png(path)
    check((w, h) == (SCREEN_WIDTH, SCREEN_HEIGHT), "%s is %dx%d, expected %dx%d" % (path, w, h, SCREEN_WIDTH,
                                                                                   SCREEN_HEIGHT))
    rgb = img[:, :, :3].astype(np.int32)
    packed = (rgb[:, :, 0] << 16) | (rgb[:, :, 1] << 8) | rgb[:, :, 2]
    colours = len(np.unique(packed))
    # Text antialiasing alone gives hundreds of greys; charts in two site colours and nine category colours add
    # their blends. A blank or one-colour page has 1.
    check(colours >= 200, "%s has only %d distinct colours" % (path, colours))
    tol = 3  # colour management may move a channel by a step or two
    counts = {}
    for name, (r, g, b) in list(SITE_COLOURS.items())[:n_sites]:
        m = (np.abs(rgb[:, :, 0] - r) <= tol) & (np.abs(rgb[:, :, 1] - g) <= tol) & (np.abs(rgb[:, :, 2] - b) <= tol)
        counts[name] = int(m.sum())
        # 12 monthly bars of ~22 x 100 px each per site alone make tens of thousands of pixels.
        check(counts[name] >= 20000, "%s: only %d pixels of site colour %s; charts did not draw" % (path, counts[name],
                                                                                                   name))
    bottom = rgb[-50:, :, :]
    check(bool((bottom == 255).all()),
          "%s: the page continues below %d px; raise SCREEN_HEIGHT in %s" % (path, SCREEN_HEIGHT, __file__))
    content_rows = np.nonzero((rgb != 255).any(axis=(1, 2)))[0]
    return colours, counts, int(content_rows.max()) + 1 if content_rows.size else 0


def pdf_pages(path):
    data = open(path, "rb").read()
    check(data[:5] == b"%PDF-", path + " is not a PDF")
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


# --- cases -----------------------------------------------------------------------------------------------------

def case_charts(chrome, src, out, profile):
    data = os.path.join(src, "tests", "report", "data")
    before, after = os.path.join(data, "before.yaml"), os.path.join(data, "after.yaml")
    two = os.path.join(out, "report-before-after.html")
    one = os.path.join(out, "report-one-site.html")
    t_two = run_aidc(["report", before, after, "-o", two])
    t_one = run_aidc(["report", before, "-o", one])
    print("aidc report: two sites %.2f s, one site %.2f s" % (t_two, t_one))
    for path in (two, one):
        check_raw_html(open(path, encoding="utf-8").read(), os.path.basename(path))
    if not chrome:
        return skip_no_chromium()
    for path, n in ((two, 2), (one, 1)):
        html = open(path, encoding="utf-8").read()
        t0 = time.monotonic()
        dom_html, console = run_chromium(chrome, profile, path, ["--dump-dom"])
        check(not console, "%s: console messages:\n%s" % (path, "\n".join(console)))
        dom = parse(dom_html)
        check_charts(dom, n, os.path.basename(path))
        h2 = dom.tags.get("h2", 0)
        print("%s: %d charts drew (dump-dom %.1f s), %d sections, no console message" %
              (os.path.basename(path), len(expectations(n)), time.monotonic() - t0, h2))
        if n == 2:
            check(dom.tags.get("td", 0) > 0 and "diff" in html, "two-site report highlights no difference")
    shot = os.path.join(out, "report-before-after.png")
    pdf = os.path.join(out, "report-before-after.pdf")
    for p in (shot, pdf):
        if os.path.exists(p):
            os.remove(p)
    t0 = time.monotonic()
    _, console = run_chromium(chrome, profile, two,
                              ["--screenshot=" + shot, "--window-size=%d,%d" % (SCREEN_WIDTH, SCREEN_HEIGHT)])
    check(not console, "screenshot: console messages:\n" + "\n".join(console))
    check(os.path.exists(shot) and os.path.getsize(shot) > 50000, "screenshot missing or tiny: " + shot)
    colours, counts, used = check_screenshot(shot, 2)
    print("screenshot %s: %d bytes, %d colours, site-colour pixels %s, page %d px tall (%.1f s)" %
          (shot, os.path.getsize(shot), colours, counts, used, time.monotonic() - t0))
    _, console = run_chromium(chrome, profile, two, ["--print-to-pdf=" + pdf, "--no-pdf-header-footer"])
    check(not console, "print: console messages:\n" + "\n".join(console))
    pages = pdf_pages(pdf)
    sections = parse(open(two, encoding="utf-8").read()).tags.get("h2", 0)
    check(pages >= sections, "%s has %d pages for %d sections (print CSS breaks before each)" % (pdf, pages, sections))
    print("print %s: %d pages for %d sections" % (pdf, pages, sections))


# Payloads: each would leave a trace if it ran (data-pwned on <body>, or a console line).
PWN_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">"
SITE_NAME = "<script>alert(1)</script>\"'" + PWN_IMG
LOCATION = ("</td></table><script>document.body.setAttribute(\"data-pwned\",\"script\")</script>"
            "<svg onload=\"console.error('pwned-svg')\">&amp; &lt;")
JOB_NAME = "<b onmouseover=\"console.error(1)\">job</b>\" onerror=\"console.error(2)\" x='"
ROOT_CAUSE = "gpu<script>console.error('cause')</script>\"'"
RUBRIC_NAME = "rubric</h3><iframe src=\"javascript:console.error('rubric')\"></iframe>"
DIMENSION = "Compute</text><script>console.error('radar')</script><text>"


def yaml_single(s):
    return "'" + s.replace("'", "''") + "'"


def case_safety(chrome, src, out, profile):
    data = os.path.join(src, "tests", "report", "data")
    scen_dir = os.path.join(src, "scenarios")
    work = os.path.join(out, "hostile")
    os.makedirs(work, exist_ok=True)
    # Reliability table: the most frequent cause renamed.
    table = open(os.path.join(scen_dir, "reliability", "h100_default.yaml"), encoding="utf-8").read()
    old = "{name: faulty_gpu, root_cause: faulty_gpu,"
    check(old in table, "h100_default.yaml changed: cannot find " + old)
    table = table.replace(old, "{name: faulty_gpu, root_cause: %s," % yaml_single(ROOT_CAUSE))
    open(os.path.join(work, "table.yaml"), "w", encoding="utf-8").write(table)
    # Rubric: its name and the first dimension's name.
    rubric = open(os.path.join(scen_dir, "rubrics", "default.yaml"), encoding="utf-8").read()
    old_name, old_dim = 'name: "aidcsim default (CAICT AIDC evaluation system)"', 'name: "Compute"'
    check(old_name in rubric and old_dim in rubric, "rubrics/default.yaml changed: cannot find its names")
    rubric = rubric.replace(old_name, "name: " + yaml_single(RUBRIC_NAME))
    rubric = rubric.replace(old_dim, "name: " + yaml_single(DIMENSION), 1)
    open(os.path.join(work, "rubric.yaml"), "w", encoding="utf-8").write(rubric)
    # Scenario: before.yaml with absolute references and the hostile names.
    sc = open(os.path.join(data, "before.yaml"), encoding="utf-8").read()
    sc = sc.replace("../../../scenarios/", scen_dir + "/")
    site_line = re.search(r"^site: \{.*\}$", sc, re.M)
    check(site_line is not None, "before.yaml: no one-line site section")
    climate = re.search(r"climate: ([^,}]+)", site_line.group(0)).group(1).strip()
    sc = sc.replace(site_line.group(0), "site:\n  name: %s\n  location: %s\n  climate: %s" %
                    (yaml_single(SITE_NAME), yaml_single(LOCATION), climate))
    check("  - name: gpt3-175b\n" in sc, "before.yaml: no workload gpt3-175b")
    sc = sc.replace("  - name: gpt3-175b\n", "  - name: %s\n" % yaml_single(JOB_NAME))
    sc = re.sub(r"table: \S+", "table: " + os.path.join(work, "table.yaml"), sc)
    sc += "scoring:\n  rubric: %s\n" % os.path.join(work, "rubric.yaml")
    hostile = os.path.join(work, "hostile.yaml")
    open(hostile, "w", encoding="utf-8").write(sc)

    page = os.path.join(out, "report-hostile.html")
    run_aidc(["report", hostile, os.path.join(data, "before.yaml"), "-o", page])
    html = open(page, encoding="utf-8").read()
    check_raw_html(html, "hostile report", payload_text=True)
    for tag in ("img", "iframe", "svg onload", "b onmouseover", "/table><script"):
        check("<" + tag not in html.lower(), "hostile report: raw HTML contains <%s" % tag)
    if not chrome:
        return skip_no_chromium()
    dom_html, console = run_chromium(chrome, profile, page, ["--dump-dom"])
    check(not console, "hostile report: console messages (a payload ran):\n" + "\n".join(console))
    dom = parse(dom_html)
    check(not dom.pwned, "hostile report: a payload ran and marked the DOM: %s" % dom.pwned)
    for tag in ("script", "img", "iframe", "object", "embed"):
        check(dom.tags.get(tag, 0) == 0, "hostile report: the DOM has %d <%s>" % (dom.tags.get(tag, 0), tag))
    check(not dom.handler_attrs, "hostile report: event-handler attributes in the DOM: %s" % dom.handler_attrs)
    check(not dom.refs, "hostile report: references in the DOM: %s" % dom.refs)
    text = "".join(dom.text)
    for what, s in (("site name", SITE_NAME), ("location", LOCATION), ("job name", JOB_NAME),
                    ("root cause", ROOT_CAUSE), ("rubric name", RUBRIC_NAME), ("dimension name", DIMENSION)):
        check(s in text, "hostile report: the %s does not show as literal text" % what)
    check("aidcsim design review: " + SITE_NAME + " vs today-1k-h100" in text, "hostile report: <h1> is not literal")
    # In the SVG charts too: legends, hover titles, radar labels.
    check(any(SITE_NAME + " MFU" == t for t in dom.svg_text["chart-linearity"]), "linearity legend is not literal")
    check(any(t.startswith(DIMENSION) for t in dom.svg_text["radar"]), "radar label is not literal")
    check(any(ROOT_CAUSE == t for t in dom.svg_text["chart-interruptions"]), "interruption cause is not literal")
    check_charts(dom, 2, "hostile report")
    print("hostile report: no payload ran (no script/img/iframe/handler in the DOM, no console message); "
          "all 6 payloads show as literal text, in HTML and SVG")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--case", choices=("charts", "safety"), required=True)
    args = ap.parse_args()
    chrome = chromium_binary()
    src, out = os.environ["SRC"], os.environ["OUT"]
    os.makedirs(out, exist_ok=True)
    t0 = time.monotonic()
    # A private profile per run: parallel ctest processes must not share Chromium's profile lock.
    with tempfile.TemporaryDirectory(prefix="aidc-chromium-") as profile:
        run = case_charts if args.case == "charts" else case_safety
        if run(chrome, src, out, profile) == SKIP:
            return SKIP
    print("PASS (%s, %.1f s, %s)" % (args.case, time.monotonic() - t0, chrome))
    return 0


if __name__ == "__main__":
    sys.exit(main())
